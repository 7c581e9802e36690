"""The bytes of a page's first load on a phone, gzipped as GitHub Pages serves them:
at most 300 KB for any page, 150 KB for a function page with its figures in one theme."""
from __future__ import annotations

import gzip

import pytest

from actsite.tools.budget import first_load, transferred

PAGE_BUDGET, FUNCTION_BUDGET = 300 * 1024, 150 * 1024


@pytest.mark.mkdocs_only  # Zensical's pages load its own bundle and search
def test_every_page_fits_its_budget(site):
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    pages = [p.removeprefix("./") for p in pages]
    assert len(pages) > 60
    over = []
    for page in pages:
        load = first_load(site, page)
        budget = FUNCTION_BUDGET if "activations/" in page else PAGE_BUDGET
        if load.total > budget:
            biggest = sorted(load.files.items(), key=lambda kv: -kv[1])[:3]
            over.append(f"{page}: {load.total // 1024} KB > {budget // 1024} KB ({biggest})")
    assert not over, "\n".join(over)


@pytest.mark.mkdocs_only
def test_a_first_load_is_what_the_page_asks_for(site):
    """The count holds the page's styles, scripts, the search worker and the math font, and
    a function page's light figures, each as the larger of its wide and phone variants; not
    the search index, nor a figure's dark twin."""
    load = first_load(site, "activations/relu/")
    names = set(load.files)
    assert "/activations/relu/index.html" in names and "/assets/fonts/latinmodern-math.woff2" in names
    assert any(n.startswith("/assets/javascripts/bundle.") for n in names)  # a deferred script too
    assert {"/assets/javascripts/search-on-demand.js", "/assets/javascripts/tables.js"} <= names
    assert any("/workers/search." in n for n in names)
    wide, phone = "/assets/figures/relu.light.svg", "/assets/figures/relu.phone.light.svg"
    larger = max((wide, phone), key=lambda f: transferred(site / f.lstrip("/")))
    assert larger in names and ({wide, phone} - {larger}).isdisjoint(names)
    assert not names & {"/assets/figures/relu.dark.svg", "/assets/figures/relu.phone.dark.svg"}
    assert not any("search_index" in n for n in names)
    html = site / "activations/relu/index.html"
    assert load.files["/activations/relu/index.html"] == len(gzip.compress(html.read_bytes(), 6, mtime=0))
    assert transferred(site / "assets/fonts/latinmodern-math.woff2") == (site / "assets/fonts/latinmodern-math.woff2").stat().st_size
    assert "/assets/fonts/latinmodern-math.woff2" not in first_load(site, "compare/").files  # no formula there
