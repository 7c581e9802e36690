"""The site built with Zensical: the same articles and files as MkDocs', page by page.

The site, link and browser tests run on Zensical's output too, with
`python -m pytest -m "" --engine zensical` (.ci/run does); the tests here
hold the two engines to each other, and the adapter to its contract.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_zensical_build

pytestmark = pytest.mark.mkdocs_only  # MkDocs' site is one side of every comparison


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory, shared_cache, built) -> Path:
    """Built after MkDocs' site, so from the cache that build filled."""
    out = tmp_path_factory.mktemp("zensical") / "site"
    result = run_zensical_build(ROOT, out, shared_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "drawing" not in result.stderr and "evaluating" not in result.stderr  # the same generated docs
    return out


def article(page: Path) -> str:
    """A page's own content: its <article>, without the theme's chrome, whitespace between tags collapsed."""
    found = re.search(r"<article[^>]*>(.*)</article>", page.read_text(encoding="utf-8"), re.S)
    assert found, f"{page}: no <article>"
    text = re.sub(r'<a id="__skip"[^>]*></a>', "", found.group(1))  # Zensical's skip-link target
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", text)).strip()


def files(site: Path, pattern: str) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob(pattern)}


def test_same_pages_with_the_same_articles(site, zensical_site):
    pages = files(site, "*.html")
    assert len(pages) > 70 and pages == files(zensical_site, "*.html")
    different = [p for p in sorted(pages) if article(site / p) != article(zensical_site / p)]
    assert not different, f"{len(different)} pages differ between MkDocs and Zensical, first: {different[:5]}"


@pytest.mark.parametrize("folder", ["assets/figures", "data", "experiments/code", "zh/assets/figures", "zh/data"])
def test_same_generated_files(site, zensical_site, folder):
    ours = {p.relative_to(site): p.read_bytes() for p in (site / folder).rglob("*") if p.is_file()}
    theirs = {p.relative_to(zensical_site): p.read_bytes() for p in (zensical_site / folder).rglob("*")
              if p.is_file()}
    assert ours and ours.keys() == theirs.keys()
    assert [p for p in ours if ours[p] != theirs[p]] == []


def test_article_comparison_sees_a_difference(site, tmp_path):
    """The comparison is not blind: one changed word in an article is a difference."""
    page = site / "activations/relu/index.html"
    changed = tmp_path / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index("<article")
    changed.write_text(html[:start] + html[start:].replace("ReLU", "ReLu", 1), encoding="utf-8")
    assert article(changed) != article(page)


def test_pages_are_labelled_and_links_open_safely(zensical_site):
    """The HTML passes of the MkDocs hooks, made on Zensical's pages too."""
    for lang, root in (("en", zensical_site), ("zh", zensical_site / "zh")):
        label = {"en": "Search this site", "zh": "在本站搜索"}[lang]
        html = (root / "index.html").read_text(encoding="utf-8")
        assert f'role="dialog" aria-label="{label}"' in html
        assert re.search(r'data-md-toggle="search"[^>]*aria-label="', html)
    relu = article(zensical_site / "activations/relu/index.html")
    assert 'href="https://docs.pytorch.org/docs/stable/generated/torch.nn.ReLU.html" target="_blank" ' \
           'rel="noopener noreferrer"' in relu


def test_a_failed_zensical_build_keeps_the_previous_site(tmp_path, shared_cache, built):
    """A broken link fails the Zensical build too, and the site folder keeps what it had."""
    from conftest import copy_project
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    out.mkdir()
    (out / "marker.txt").write_text("previous site")
    page = project / "docs/en/advice.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](no-such-page.md)\n", encoding="utf-8")
    result = run_zensical_build(project, out, shared_cache)
    assert result.returncode == 1, result.stderr
    assert "error: the 'en' site: docs/en/" in result.stderr  # Zensical's own strict check stops it
    assert "page does not exist" in result.stderr and "advice.md:" in result.stderr
    assert [p.name for p in out.iterdir()] == ["marker.txt"]
    assert not Path(str(out) + ".building").exists()
