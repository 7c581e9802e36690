"""The built site: pages in both languages, data, math, search, switcher, determinism."""
import filecmp
import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch

from conftest import LANGS, ROOT, run_build

from conftest import ROOT as _ROOT  # noqa: E402
from actsite.declare.catalog import load_catalog, load_families  # noqa: E402

IDS = [a.id for a in load_catalog(_ROOT)]
PAGES = ["index.html", "advice/index.html", "compare/index.html", "kinks/index.html",
         "beyond/softmax/index.html", "beyond/glu/index.html", "beyond/maxout/index.html"] + [
    f"activations/{i}/index.html" for i in IDS]


def lang_root(site: Path, lang: str) -> Path:
    return site if lang == "en" else site / lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_exists_in_language(site, lang, page):
    html = (lang_root(site, lang) / page).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert "$$" not in html and "\\frac" not in html.split("alttext")[0]  # no raw TeX shown


@pytest.mark.parametrize("lang", LANGS)
def test_function_page_content(site, lang):
    html = (lang_root(site, lang) / "activations/sigmoid/index.html").read_text(encoding="utf-8")
    assert html.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') >= 2
    assert 'display="block"' in html
    assert "sigmoid.light.svg" in html and "sigmoid.dark.svg" in html
    for anchor in ("definition", "graph", "properties", "pros", "cons", "uses", "example", "data"):
        assert f'id="{anchor}"' in html
    assert "0.25" in html  # sigmoid'(0), computed
    assert "SigmoidBackward0" in html  # real printed output
    alts = re.findall(r'<img alt="([^"]*)"', html)
    assert alts and all(len(a) > 60 for a in alts)


def test_relu_kink_convention_stated(site):
    en = (site / "activations/relu/index.html").read_text(encoding="utf-8")
    assert "autograd gives 0 there" in en
    zh = (site / "zh/activations/relu/index.html").read_text(encoding="utf-8")
    assert "autograd 在这里给出 0" in zh


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_switcher_keeps_the_page(site, lang, other):
    html = (lang_root(site, lang) / "activations/tanh/index.html").read_text(encoding="utf-8")
    links = dict((h, l) for l, h in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', html))
    target = (lang_root(site, lang) / "activations/tanh" / links[other]).resolve()
    assert target == (lang_root(site, other) / "activations/tanh").resolve()


def test_activations_json(site):
    doc = json.loads((site / "data/activations.json").read_text(encoding="utf-8"))
    assert doc["schema"] == 1 and doc["torch_version"] == torch.__version__
    ids = [a["id"] for a in doc["activations"]]
    assert sorted(ids) == sorted(IDS) and len(ids) == len(set(ids))
    x = np.linspace(-6, 6, 241)
    keys = {"id", "name", "module", "functional", "params", "formula", "derivative", "x", "y", "dy", "properties"}
    prop_keys = {"range", "range_closed", "f_at_0", "df_at_0", "max_abs_derivative", "argmax_abs_derivative",
                 "monotonic", "zero_centered", "bounded_below", "bounded_above", "continuity"}
    for a in doc["activations"]:
        assert keys <= set(a) and prop_keys <= set(a["properties"])
        assert np.array_equal(np.array(a["x"]), x)
        t = torch.tensor(x, requires_grad=True, dtype=torch.float64)
        if a["in_torch_nn"]:
            y = eval(a["module"], {"torch": torch})(**a["params"]).double().eval()(t)
        else:  # the expression the data file gives, evaluated as written
            y = eval(a["expression"], {"torch": torch}, {"x": t, **a["params"]})
        (dy,) = torch.autograd.grad(y.sum(), t)
        assert np.array_equal(np.array(a["y"]), y.detach().numpy())
        assert np.array_equal(np.array(a["dy"]), dy.numpy())
    relu = doc["activations"][ids.index("relu")]
    assert relu["properties"]["range"] == [0.0, None] and relu["params"] == {}
    assert relu["module"] == "torch.nn.ReLU" and relu["functional"] == "torch.nn.functional.relu"
    assert relu["properties"]["continuity"] == "C0"
    assert (site / "zh/data/activations.json").read_bytes() == (site / "data/activations.json").read_bytes()


def test_csv_files(site):
    rows = (site / "data/softplus.csv").read_text().splitlines()
    assert rows[0] == "x,y,dy" and len(rows) == 242
    x, y, dy = map(float, rows[121].split(","))
    assert x == 0.0 and y == pytest.approx(np.log(2), rel=1e-15) and dy == 0.5


def test_self_contained(site):
    """No page loads anything from another host: no fonts, no CDN."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag, attr in re.findall(r"<(script|link|img|iframe|source)\b[^>]*?\b(src|href)=\"https?://", html):
            if tag == "link":
                continue
            pytest.fail(f"{page}: {tag} loads from another host")
        for rel_, href in re.findall(r'<link[^>]*rel="([^"]+)"[^>]*href="(https?://[^"]+)"', html):
            assert rel_ in ("canonical", "alternate"), f"{page}: link rel={rel_} {href}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def search_docs(site: Path, lang: str, engine: str) -> list[dict]:
    """The search index's entries: MkDocs' lunr index, or Zensical's own search.json."""
    if engine == "zensical":
        return json.loads((lang_root(site, lang) / "search.json").read_text(encoding="utf-8"))["items"]
    return json.loads((lang_root(site, lang) / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_english(site, engine):
    hits = {d["location"].split("#")[0] for d in search_docs(site, "en", engine) if "vanishing" in d["text"].lower()}
    assert "activations/sigmoid/" in hits


@pytest.mark.mkdocs_only
def test_search_index_chinese_is_segmented(site):
    index = json.loads((site / "zh/search/search_index.json").read_text(encoding="utf-8"))
    # lunr's own "zh" needs a jieba port in the browser; words are split at build time instead
    assert "zh" not in index["config"]["lang"] and "\\u200b" in index["config"]["separator"]
    texts = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("activations/sigmoid/"))
    # jieba splits 梯度消失 into words, joined by the separator Material splits on
    assert re.search("梯度\u200b*消失", texts)
    assert "\u200b" in texts


def test_search_index_chinese_has_every_page(site, engine):
    """Each Chinese page is in the Chinese index, in Chinese (the browser tests search it)."""
    docs = search_docs(site, "zh", engine)
    pages = {d["location"].split("#")[0] for d in docs}
    assert {f"activations/{i}/" for i in IDS} <= pages
    assert any("梯度" in d["text"] and "消失" in d["text"] for d in docs if d["location"].startswith("activations/sigmoid/"))


@pytest.mark.mkdocs_only  # the Zensical adapter's cache use is the generator's, the same
def test_unchanged_rebuild_uses_cache(built, shared_cache, tmp_path):
    """A second build with the same cache imports neither torch nor matplotlib."""
    assert "evaluating with torch" in built.log
    poison = tmp_path / "poison"
    poison.mkdir()
    for mod in ("torch", "matplotlib"):
        (poison / f"{mod}.py").write_text(f"raise ImportError('{mod} must not be imported')\n")
    from conftest import build_env
    env = build_env(shared_cache)
    env["PYTHONPATH"] = str(poison)
    result = run_build(ROOT, tmp_path / "site", shared_cache, env=env)
    assert result.returncode == 0, result.stderr
    assert "evaluation from cache" in result.stderr and "drawing" not in result.stderr
    assert dircmp_equal(built.path, tmp_path / "site")


def dircmp_equal(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(p) for p in files_a], shallow=False)
    assert not mismatch and not errors, mismatch[:5]
    return True


def test_two_cold_builds_are_identical(built, engine, tmp_path):
    """Same sources, empty cache, another folder: the same bytes (with either engine)."""
    from conftest import run_zensical_build
    build = run_zensical_build if engine == "zensical" else run_build
    result = build(ROOT, tmp_path / "site", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert dircmp_equal(built.path, tmp_path / "site")


def test_properdocs_builds_the_same_site(built, shared_cache, tmp_path):
    result = run_build(ROOT, tmp_path / "site", shared_cache, engine="properdocs")
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        for page in PAGES:
            assert (lang_root(tmp_path / "site", lang) / page).is_file()
    assert (tmp_path / "site/data/activations.json").read_bytes() == (built.path / "data/activations.json").read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_compare_page_has_every_function(site, lang):
    html = (lang_root(site, lang) / "compare/index.html").read_text(encoding="utf-8")
    start = re.search(r'<table [^>]*class="compare"', html).start()
    table = html[start:html.index("</table>", start)]
    assert 'aria-labelledby="compare-caption"' in table and 'id="compare-caption"' in html
    assert table.count("<tr data-family=") == len(IDS)
    assert table.count('data-kind="number"') == 9 and "data-compare-filter" in html
    assert "compare.js" in html
    for family in (f.id for f in load_families(ROOT)):
        assert f"family_{family}_f.light.svg" in html and f"family_{family}_df.dark.svg" in html


def test_kinks_page_shows_computed_gradients(site):
    html = (site / "kinks/index.html").read_text(encoding="utf-8")
    assert "torch.clamp(x, min=0)                    values [0.0, 0.0, 1.0]  gradient [0.0, 1.0, 1.0]" in html
    assert "gradient [0.0, 0.5, 1.0]" in html  # maximum splits the tie
    # one row per kink of every function, ReLU6's two among them
    assert html.count("relu6/#graph") == 2 and html.count("hardtanh/#graph") == 2


def test_parameter_figures_and_training_sample(site):
    leaky = (site / "activations/leakyrelu/index.html").read_text(encoding="utf-8")
    assert 'id="parameters"' in leaky and "leakyrelu.sweep.light.svg" in leaky
    rrelu = (site / "zh/activations/rrelu/index.html").read_text(encoding="utf-8")
    assert 'id="training"' in rrelu and "rrelu.training.dark.svg" in rrelu
    threshold = (site / "activations/threshold/index.html").read_text(encoding="utf-8")
    assert "PyTorch has no default parameters for it" in threshold


def test_every_kink_is_explained_on_its_page(site, records):
    for act_id, rec in records.items():
        html = (site / f"activations/{act_id}/index.html").read_text(encoding="utf-8")
        for k in rec["properties"]["kinks"]:
            assert "Gradient at the kink." in html, act_id
        if not rec["properties"]["kinks"] and not rec["properties"]["jumps"]:
            assert "has no kink and no jump" in html, act_id


def test_dark_figures_are_the_light_ones_in_the_dark_palette(site):
    """One drawing serves both themes: every light colour is one of the palette's
    (or neutral), and the dark SVG is the light one with each swapped."""
    from actsite.render.figures import NEUTRAL, SWAPS, dark_svg
    figures = sorted(site.glob("assets/figures/*.light.svg")) + sorted(site.glob("zh/assets/figures/*.light.svg"))
    assert len(figures) > 50
    for light in figures:
        svg = light.read_text()
        colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", svg)}
        assert colours <= set(SWAPS) | set(NEUTRAL), (light.name, colours - set(SWAPS) - set(NEUTRAL))
        dark = light.with_name(light.name.replace(".light.svg", ".dark.svg")).read_text()
        assert dark == dark_svg(svg), light.name
    light_only = set(SWAPS) - set(SWAPS.values())
    assert light_only and "#1f2328" in light_only  # the light page's ink never reaches a dark figure


@pytest.mark.parametrize("lang", LANGS)
def test_sitemaps_name_each_page_in_every_language(site, lang):
    """hreflang lives in the sitemaps (absolute, this very page in each language);
    the head has none: relative ones fail search engines, and absolute ones make
    the theme's script fetch from the published host."""
    sitemap = (lang_root(site, lang) / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>\s*<loc>([^<]+)</loc>(.*?)</url>", sitemap, re.S)
    assert len(entries) >= len(IDS) + 10
    base = min((loc for loc, _ in entries), key=len).removesuffix("zh/" if lang == "zh" else "")
    assert base.startswith("https://") and base.endswith("/")
    for loc, rest in entries:
        path = loc.removeprefix(base).removeprefix("zh/" if lang == "zh" else "")
        alternates = dict((code, href) for code, href in
                          re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"/>', rest))
        assert alternates == {"en": base + path, "zh": base + "zh/" + path}, loc
    if (lang_root(site, lang) / "sitemap.xml.gz").is_file():
        import gzip
        assert gzip.decompress((lang_root(site, lang) / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    for page in ("index.html", "activations/relu/index.html", "404.html"):
        assert 'hreflang=' not in (lang_root(site, lang) / page).read_text(encoding="utf-8").split("</head>")[0]


def test_math_font_has_every_glyph_the_formulas_show(site):
    """The math font is cut down to the formulas' characters, and still stretches braces and roots."""
    import html as htmllib
    from fontTools.ttLib import TTFont
    font_file = site / "assets/fonts/latinmodern-math.woff2"
    assert font_file.stat().st_size < 60_000  # the whole font is 392 KB
    assert (site / "zh/assets/fonts/latinmodern-math.woff2").read_bytes() == font_file.read_bytes()
    font = TTFont(font_file)
    cmap = font.getBestCmap()
    shown = set()
    for page in site.rglob("*.html"):
        for inner in re.findall(r"<math\b[^>]*>(.*?)</math>", page.read_text(encoding="utf-8"), re.S):
            shown |= set(htmllib.unescape(re.sub(r"<[^>]+>", "", inner))) - set(" \n\t")
    assert len(shown) > 40 and not [c for c in shown if ord(c) not in cmap]
    variants = font["MATH"].table.MathVariants
    stretchy = {g for g in variants.VertGlyphCoverage.glyphs}
    assert {cmap[ord("{")], cmap[ord("(")], cmap[0x221A]} <= stretchy  # cases, \left(, \sqrt
