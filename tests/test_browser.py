"""The built site in headless Chromium: what a reader's browser does with it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from conftest import LANGS

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def page_paths(site) -> list[str]:
    """Every page of both languages, as paths under the site root."""
    paths = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    paths += [p.relative_to(site).as_posix() for p in site.rglob("404.html")]
    return sorted(p.removesuffix("index.html") for p in paths)


@dataclass
class Visit:
    page: object
    requests: list[str] = field(default_factory=list)
    # (kind, text) for each failed request, HTTP error, console error and page error
    found: list[tuple[str, str]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [text for _, text in self.found]


FAILED_REQUEST, CONSOLE_ERROR = "failed request", "console error"


def open_page(context, url: str) -> Visit:
    page = context.new_page()
    visit = Visit(page)
    note = visit.found.append
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("requestfailed", lambda r: note((FAILED_REQUEST, f"failed request {r.url}: {r.failure}")))
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("404.html")
            and note((FAILED_REQUEST, f"HTTP {r.status} for {r.url}")))
    page.on("console", lambda m: m.type == "error" and note((CONSOLE_ERROR, f"console error: {m.text}")))
    page.on("pageerror", lambda e: note((CONSOLE_ERROR, f"page error: {e}")))
    page.goto(url, wait_until="networkidle")
    return visit


LOAD_ALL_IMAGES = """async () => {
  const results = await Promise.all([...document.images].map(img => {
    img.loading = 'eager';
    return img.decode().then(() => [img.src, img.naturalWidth > 0], () => [img.src, false]);
  }));
  return results.filter(([, ok]) => !ok).map(([src]) => src);
}"""

MATH_STATE = """() => [...document.querySelectorAll('math')].map(m => {
  const r = m.getBoundingClientRect();
  return {mathml: m instanceof MathMLElement, w: r.width, h: r.height,
          hidden: m.closest('[hidden], details:not([open])') !== null};
})"""


# --- every page, in one pass per viewport and palette ----------------------
# Each page is loaded once for each viewport and palette that a check needs,
# and every check of that load runs on it: the desktop in the light palette
# (the clean-page checks, then axe), the desktop in the dark palette (axe), a
# phone (its width). A pass returns {check kind: ["<page>: <problem>", ...]};
# one test per kind asserts that its list is empty.

FOREIGN_REQUEST, IMAGE, MATH, RAW_TEX = "request to another host", "image", "math", "raw TeX"
SIDEWAYS, FIGURE_WIDTH, FIGURE_TEXT = "sideways scroll", "figure width", "figure text"
# A phone variant's text is at least 10 pt (figures.PHONE_MIN_PT, held by export()), 13.3 CSS px at
# its natural size; on a phone it must not shrink below 12 px, the page's smallest (site.css).
FIGURE_PT, SMALLEST_PX = 10, 12
AXE = "axe"
CLEAN_KINDS = (FOREIGN_REQUEST, FAILED_REQUEST, CONSOLE_ERROR, IMAGE, MATH, RAW_TEX)


def every_page(context, server, pages, groups) -> dict[str, list[str]]:
    """Open each page in ``context`` once and run every group of checks on that
    load, in order. A group is (its kinds, checks(visit) yielding (kind, problem));
    a group that fails to run counts against its own kinds, a page that does
    not open against every kind of the pass."""
    report = {kind: [] for kinds, _ in groups for kind in kinds}
    try:
        for path in pages:
            try:
                visit = open_page(context, server + path)
            except Exception as e:  # noqa: BLE001 -- recorded with its page
                for kind in report:
                    report[kind].append(f"{path}: did not open: {e!r}")
                continue
            for kinds, checks in groups:
                try:
                    for kind, problem in checks(visit):
                        report[kind].append(f"{path}: {problem}")
                except Exception as e:  # noqa: BLE001 -- recorded with its page
                    for kind in kinds:
                        report[kind].append(f"{path}: could not be checked: {e!r}")
            visit.page.close()
    finally:
        context.close()
    return report


def clean_problems(visit, host):
    """Only the local server is asked for anything, nothing fails or logs an
    error, every image loads, math is laid out as MathML, no TeX is left."""
    page = visit.page
    for src in page.evaluate(LOAD_ALL_IMAGES):
        yield IMAGE, f"image did not load: {src}"
    text = page.inner_text("body")
    for tex in ("\\frac", "\\begin", "\\operatorname", "$$", "\\("):
        if tex in text:
            yield RAW_TEX, f"raw TeX {tex!r} visible"
    for m in page.evaluate(MATH_STATE):
        if not m["mathml"] or (not m["hidden"] and (m["w"] <= 0 or m["h"] <= 0)):
            yield MATH, f"math not rendered: {m}"
    # what the page asked for and reported up to now, lazy images included;
    # axe, which may run next on the same load, is not the page's doing
    for url in list(visit.requests):
        if urlsplit(url).netloc != host and not url.startswith("data:"):
            yield FOREIGN_REQUEST, f"request to another host: {url}"
    yield from list(visit.found)


def axe_problems(axe, page, scheme):
    """axe-core's serious and critical violations, in the palette ``scheme``."""
    expected = "slate" if scheme == "dark" else "default"
    shown = page.get_attribute("body", "data-md-color-scheme")
    if shown != expected:
        yield AXE, f"[{scheme}] palette {shown!r}, not {expected!r}"
    for v in axe.run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in v["nodes"]][:3]
            yield AXE, f"[{scheme}] {v['id']} ({v['impact']}): {targets}"


def phone_problems(visit):
    """No horizontal scrolling of the page at a phone's width; figures fit; every
    figure is shown in its phone variant, whose text is no smaller than the page's."""
    page = visit.page
    wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if wide > 0:
        yield SIDEWAYS, f"page scrolls sideways by {wide}px"
    for w in page.eval_on_selector_all("figure img", "els => els.filter(e => e.offsetWidth > 0)"
                                       ".map(e => e.getBoundingClientRect().right)"):
        if w > PHONE["width"]:
            yield FIGURE_WIDTH, f"a figure overflows ({w}px)"
    page.evaluate(LOAD_ALL_IMAGES)  # the lazy ones too, so that each has chosen its source
    for src, shown, natural in page.eval_on_selector_all(
            "figure img", "els => els.filter(e => e.offsetWidth > 0)"
                          ".map(e => [e.currentSrc, e.getBoundingClientRect().width, e.naturalWidth])"):
        text = FIGURE_PT * 4 / 3 * shown / natural
        if ".phone." not in src or text < SMALLEST_PX:
            yield FIGURE_TEXT, f"{src.rsplit('/', 1)[-1]}: its text is {text:.1f}px at {shown:.0f}px wide"


@pytest.fixture(scope="module")
def pages(site):
    return page_paths(site)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


@pytest.fixture(scope="module")
def desktop_light(browser, server, pages, axe):
    """Every page on the desktop in the light palette: the clean-page checks, then axe."""
    host = urlsplit(server).netloc
    return every_page(browser.new_context(viewport=DESKTOP, color_scheme="light"), server, pages, [
        (CLEAN_KINDS, lambda visit: clean_problems(visit, host)),
        ((AXE,), lambda visit: axe_problems(axe, visit.page, "light")),
    ])


@pytest.fixture(scope="module")
def desktop_dark(browser, server, pages, axe):
    """Every page on the desktop in the dark palette: axe."""
    return every_page(browser.new_context(viewport=DESKTOP, color_scheme="dark"), server, pages, [
        ((AXE,), lambda visit: axe_problems(axe, visit.page, "dark")),
    ])


@pytest.fixture(scope="module")
def phone(browser, server, pages):
    """Every page at a phone's width."""
    return every_page(browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True), server, pages, [
        ((SIDEWAYS, FIGURE_WIDTH, FIGURE_TEXT), phone_problems),
    ])


def assert_none(report, kind):
    assert not report[kind], f"{kind}:\n" + "\n".join(report[kind])


def test_every_page_is_found(pages):
    assert len(pages) >= 14, pages


def test_only_the_local_server_is_asked(desktop_light):
    assert_none(desktop_light, FOREIGN_REQUEST)


def test_no_request_fails(desktop_light):
    assert_none(desktop_light, FAILED_REQUEST)


def test_no_console_error(desktop_light):
    assert_none(desktop_light, CONSOLE_ERROR)


def test_every_image_loads(desktop_light):
    assert_none(desktop_light, IMAGE)


def test_math_is_laid_out_as_mathml(desktop_light):
    assert_none(desktop_light, MATH)


def test_no_raw_tex(desktop_light):
    assert_none(desktop_light, RAW_TEX)


def test_phone_width_no_sideways_scroll(phone):
    assert_none(phone, SIDEWAYS)


def test_phone_width_figures_fit(phone):
    assert_none(phone, FIGURE_WIDTH)


def test_phone_width_figures_are_readable(phone):
    assert_none(phone, FIGURE_TEXT)


@pytest.mark.parametrize("viewport, variant", [(PHONE, ".phone.light.svg"), (DESKTOP, "relu.light.svg")])
def test_a_figure_takes_the_variant_of_the_screen(browser, server, viewport, variant):
    context = browser.new_context(viewport=viewport)
    page = open_page(context, server + "activations/relu/").page
    page.evaluate(LOAD_ALL_IMAGES)
    shown = page.eval_on_selector_all("figure img", "els => els.filter(e => e.offsetWidth > 0).map(e => e.currentSrc)")
    context.close()
    assert shown and all(src.split("#")[0].endswith(variant) for src in shown[:1]), shown
    assert len(shown) == 1  # the graph, in one theme


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_axe(request, scheme):
    """axe-core finds no serious or critical violation on any page."""
    assert_none(request.getfixturevalue(f"desktop_{scheme}"), AXE)


# Zensical's search lists its results in a shadow DOM: the links of its listbox
_SHADOW_HITS = ("() => [...document.querySelectorAll('*')].filter(e => e.shadowRoot)"
                ".flatMap(e => [...e.shadowRoot.querySelectorAll('[role=listbox] a')]).map(a => a.href)")


def search(page, query: str, engine: str) -> list[str]:
    page.keyboard.press("/")  # the theme's shortcut, from the keyboard alone
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")  # Material searches on key release, as when an IME commits Chinese
    if engine == "zensical":
        page.wait_for_function(f"({_SHADOW_HITS})().length > 0", timeout=10000)
        page.wait_for_timeout(300)
        return [urlsplit(h).path for h in page.evaluate(_SHADOW_HITS)]
    page.wait_for_selector(".md-search-result__item a", timeout=10000)
    page.wait_for_timeout(300)
    return [urlsplit(h).path for h in page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.href)")]


@pytest.mark.parametrize("lang, query, expected", [
    ("en", "vanishing", "activations/sigmoid/"),
    ("en", "dead neurons", "activations/relu/"),
    ("zh", "梯度消失", "zh/activations/"),  # segmented into 梯度 and 消失, found on many pages
    ("zh", "逻辑斯谛", "zh/activations/sigmoid/"),
    ("zh", "双曲正切", "zh/activations/tanh/"),
    ("zh", "死亡", "zh/experiments/dead_units/"),
    ("zh", "饱和", "zh/experiments/saturation/"),
])
def test_search_box_finds_pages(browser, server, engine, lang, query, expected):
    context = browser.new_context(viewport=DESKTOP)
    visit = open_page(context, server + ("" if lang == "en" else "zh/"))
    hits = search(visit.page, query, engine)
    assert any("/" + expected in h for h in hits), hits
    assert all(("/zh/" in h) == (lang == "zh") for h in hits), "results from the other language"
    context.close()


def test_switcher_keeps_the_page_both_ways(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = open_page(context, server + "activations/tanh/").page
    page.hover(".md-select")
    page.click('.md-select__link[hreflang="zh"]')
    page.wait_for_url(server + "zh/activations/tanh/")
    assert page.get_attribute("html", "lang") == "zh"
    page.hover(".md-select")
    page.click('.md-select__link[hreflang="en"]')
    page.wait_for_url(server + "activations/tanh/")
    assert page.get_attribute("html", "lang") == "en"
    context.close()


def tab_to(page, selector: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return True
    return False


def test_keyboard_alone(browser, server):
    """Switch language and follow the navigation with Tab and Enter only."""
    context = browser.new_context(viewport=DESKTOP)
    page = open_page(context, server + "activations/relu/").page
    assert tab_to(page, '.md-select__link[hreflang="zh"]'), "language switcher not reachable by Tab"
    page.keyboard.press("Enter")
    page.wait_for_url(server + "zh/activations/relu/")
    assert tab_to(page, '.md-nav__link[href$="advice/"]'), "navigation not reachable by Tab"
    page.keyboard.press("Enter")
    page.wait_for_url(server + "zh/advice/")
    context.close()


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_rgb(h: str) -> tuple[int, int, int]:
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("lang", LANGS)
def test_dark_palette_shows_dark_figures(browser, server, site, lang):
    from actsite.render.figures import THEMES
    context = browser.new_context(viewport=DESKTOP)
    root = server + ("" if lang == "en" else "zh/")
    page = open_page(context, root + "activations/sigmoid/").page
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("button[data-palette]:visible")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    shown = page.eval_on_selector_all("figure img", "els => els.filter(e => e.offsetWidth > 0).map(e => e.src)")
    shown = [s.split("#")[0] for s in shown]  # Material's #only-dark marker
    assert shown and all(s.endswith(".dark.svg") for s in shown), shown
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    bg = tuple(int(v) for v in re.findall(r"\d+", background)[:3])
    decorative = {THEMES["dark"]["grid"].lower()}
    for src in shown:
        svg = (site / urlsplit(src).path.removeprefix(urlsplit(server).path)).read_text()
        colours = {c.lower() for c in re.findall(r"(?:stroke|fill):\s*(#[0-9a-fA-F]{6})", svg)} - decorative
        dim = [c for c in colours if contrast(hex_rgb(c), bg) < 3]
        assert not dim, f"{src}: colours too dark for the dark page: {dim}"
    context.close()


SCHEME = "document.body.getAttribute('data-md-color-scheme')"


@pytest.mark.parametrize("system, first", [("light", "default"), ("dark", "slate")])
def test_palette_follows_the_system_before_any_script_file(browser, server, system, first):
    """The palette of the system's colour scheme is set as the header is parsed, so the
    first paint has it: the theme's bundle and the site's scripts are not needed."""
    context = browser.new_context(viewport=PHONE, color_scheme=system)
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(server + "activations/relu/", wait_until="domcontentloaded")
    assert page.evaluate(SCHEME) == first
    assert page.locator("button[data-palette]:visible").count() == 1  # the switch to the other palette
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_palette_switch_by_keyboard_is_kept_across_pages(browser, server, lang):
    """The switch works from the keyboard, keeps the focus on the switch (now showing the
    way back), tells the browser the new colours, and the choice holds on the next page,
    in the other language too."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    root = server + ("" if lang == "en" else "zh/")
    page = open_page(context, root + "activations/relu/").page
    page.wait_for_load_state("load")
    colour = "() => document.querySelector('meta[name=color-scheme]').content"
    assert page.evaluate(SCHEME) == "default" and page.evaluate(colour) == "light"
    switch = page.locator("button[data-palette]:visible")
    label = switch.get_attribute("aria-label")
    switch.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate" and page.evaluate(colour) == "dark"
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and focused != label and page.locator("button[data-palette]:focus").is_visible()
    header = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    theme = page.evaluate("document.querySelector('meta[name=theme-color]').content")
    assert tuple(int(v) for v in re.findall(r"\d+", header)[:3]) == hex_rgb(theme)
    page.goto(root + "advice/")
    assert page.evaluate(SCHEME) == "slate"
    page.goto(server + ("zh/" if lang == "en" else "") + "advice/")
    assert page.evaluate(SCHEME) == "slate"
    page.goto(root + "advice/")
    page.locator("button[data-palette]:visible").click()
    page.goto(root + "activations/relu/")
    assert page.evaluate(SCHEME) == "default"
    context.close()


def test_compare_table_sorts_and_filters(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = open_page(context, server + "compare/").page
    column = 5  # largest |f'(x)|, a number column
    page.locator("table[data-compare] thead th").nth(column).locator("button").focus()
    page.keyboard.press("Enter")  # sortable from the keyboard
    values = page.eval_on_selector_all(
        "table[data-compare] tbody tr", f"rows => rows.map(r => parseFloat(r.cells[{column}].dataset.sort))")
    assert values == sorted(values) and values[0] < values[-1]
    assert page.get_attribute(f"table[data-compare] thead th:nth-child({column + 1})", "aria-sort") == "ascending"
    page.locator("table[data-compare] thead th").nth(column).locator("button").click()
    values = page.eval_on_selector_all(
        "table[data-compare] tbody tr", f"rows => rows.map(r => parseFloat(r.cells[{column}].dataset.sort))")
    assert values == sorted(values, reverse=True)
    page.fill("[data-compare-filter]", "relu")
    shown = page.eval_on_selector_all("table[data-compare] tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent)")
    assert shown and all("relu" in name.lower() for name in shown)
    page.fill("[data-compare-filter]", "")
    page.select_option("[data-compare-family]", "hard")
    shown = page.eval_on_selector_all("table[data-compare] tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.family)")
    assert shown == ["hard"] * 3
    context.close()


@pytest.mark.parametrize("path, wrap", [("compare/", ".compare-wrap"), ("", ".md-typeset__scrollwrap")])
def test_wide_tables_keep_their_first_column_in_view(browser, server, path, wrap):
    """On a phone a wide table scrolls sideways and its first column (the name) stays put."""
    context = browser.new_context(viewport=PHONE)
    page = open_page(context, server + path).page
    box = page.locator(wrap).first
    box.scroll_into_view_if_needed()
    left = "(s) => document.querySelector(s).getBoundingClientRect().left"
    first, second = f"{wrap} tbody td", f"{wrap} tbody td:nth-child(2)"
    before, second_before = page.evaluate(left, first), page.evaluate(left, second)
    scrolled = page.evaluate(f"() => {{ const w = document.querySelector('{wrap}'); w.scrollLeft = 300; "
                             "return w.scrollLeft; }")
    assert scrolled > 100  # the table is wider than the phone
    after, second_after = page.evaluate(left, first), page.evaluate(left, second)
    assert -1 <= after <= before + 1  # the name is still in view, at the box's left edge
    assert second_after < second_before - 100  # while the rest scrolled under it
    context.close()


@pytest.mark.parametrize("path, loaded", [("compare/", {"compare.js"}), ("explorer/", {"explorer.js"}),
                                          ("activations/relu/", set()), ("", set()), ("zh/compare/", {"compare.js"})])
def test_page_scripts_load_only_where_used(site, path, loaded):
    html = (site / path / "index.html").read_text(encoding="utf-8")
    assert {s for s in ("compare.js", "explorer.js") if f'javascripts/{s}"' in html} == loaded
    assert 'javascripts/tables.js"' in html
    # the theme's bundle and the page scripts wait for the parsed page (the page paints first);
    # the search index's gate runs before the bundle that would request the index
    scripts = re.findall(r'<script ([^>]*)src="[^"]*/javascripts/([\w.-]+\.js)"', html)
    assert scripts and all(("defer" in attrs) == (name != "search-on-demand.js") for attrs, name in scripts)
    names = [name for _, name in scripts]
    bundle = next(i for i, name in enumerate(names) if name.startswith("bundle."))
    assert names[:bundle] in (["search-on-demand.js"], []) and "search-on-demand.js" not in names[bundle:]


@pytest.mark.mkdocs_only  # Zensical's search is its own, with its own index
def test_search_index_loads_when_the_reader_searches(browser, server):
    """No page fetches the search index (a third of its first load) until the reader
    taps the search; then it is fetched, and the search finds pages."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    visit = open_page(context, server + "activations/relu/")
    index = lambda: [u for u in visit.requests if u.endswith("/search/search_index.json")]  # noqa: E731
    visit.page.wait_for_timeout(500)
    assert index() == []
    visit.page.tap("label[for='__search']")  # the magnifier in the header
    visit.page.keyboard.type("vanishing", delay=20)
    visit.page.keyboard.press("End")
    visit.page.wait_for_selector(".md-search-result__item a", timeout=10000)
    assert len(index()) == 1
    context.close()


@pytest.mark.parametrize("viewport, beside", [(PHONE, False), (DESKTOP, True)])
def test_explorer_plot_stays_in_view_of_its_controls(browser, server, viewport, beside):
    """On a phone the plot stays at the top while the function boxes scroll under it;
    on a desktop it stands beside them. Each shown function has its own lane of zones."""
    context = browser.new_context(viewport=viewport)
    page = open_page(context, server + "explorer/").page
    box = "input[name=function][value=gaussian]"
    page.locator(box).scroll_into_view_if_needed()
    page.check(box)
    page.wait_for_selector(".explorer-curve[data-id=gaussian]")
    plot, check = page.locator(".explorer-plot").bounding_box(), page.locator(box).bounding_box()
    assert 0 <= plot["y"] and plot["y"] + plot["height"] <= viewport["height"]  # in view with the box
    assert (plot["x"] > check["x"] + check["width"]) == beside
    lanes = page.eval_on_selector_all(".explorer-zone", "els => els.map(e => [e.dataset.id, +e.getAttribute('y')])")
    rows = {}
    for fid, y in lanes:
        rows.setdefault(fid, set()).add(y)
    assert all(len(ys) == 1 for ys in rows.values()) and len({min(ys) for ys in rows.values()}) == len(rows)
    # its tick labels, in the plot's own units, shown no smaller than the page's smallest text
    shown = page.evaluate("""() => { const svg = document.querySelector('.explorer-plot');
      const size = parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);
      return size * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }""")
    assert shown >= SMALLEST_PX - 0.5, shown
    context.close()
