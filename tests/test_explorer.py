"""The explorer page in headless Chromium: it draws the published data, its
controls change the drawing, it works from the keyboard, and it stays small."""
from __future__ import annotations

import json
import re

import pytest

from conftest import LANGS
from test_browser import DESKTOP, open_page

pytestmark = pytest.mark.e2e

BUDGET = 100_000  # bytes of the explorer's own script and data on first load


def explorer(browser, server, lang):
    context = browser.new_context(viewport=DESKTOP)
    visit = open_page(context, server + ("" if lang == "en" else "zh/") + "explorer/")
    visit.page.wait_for_selector(".explorer-plot path.explorer-curve")
    return context, visit


def paths(page, fid, kind="y"):
    return page.eval_on_selector_all(f'.explorer-plot path[data-id="{fid}"][data-kind="{kind}"]',
                                     "els => els.map(e => e.getAttribute('d'))")


def show(page, fid):
    """Tick a function and wait until it is drawn."""
    page.check(f"input[value={fid}]")
    page.wait_for_function(f"document.querySelector('.explorer-plot path[data-id={fid}]') !== null")


def data(site, fid):
    return json.loads((site / f"assets/explorer/{fid}.json").read_text())


def numbers(readout: str, name: str) -> list[float]:
    """The values after 'name:' in the readout, e.g. 'ReLU: f = 0.5, f′ = 1'."""
    part = readout.split(name + ":", 1)[1].split(";", 1)[0]
    return [float(v.replace("\u2212", "-")) for v in re.findall(r"=\s*([\u2212\-0-9.e+]+)", part)]


@pytest.mark.parametrize("lang", LANGS)
def test_default_functions_are_drawn_from_the_data(browser, server, site, lang):
    context, visit = explorer(browser, server, lang)
    page = visit.page
    checked = page.eval_on_selector_all("input[name=function]:checked", "els => els.map(e => e.value)")
    assert checked == ["relu", "softplus", "sigmoid", "tanh"]
    for fid in checked:
        assert paths(page, fid), fid
    assert not visit.problems, visit.problems
    context.close()


def test_a_function_toggles(browser, server):
    context, visit = explorer(browser, server, "en")
    page = visit.page
    assert not paths(page, "elu")
    show(page, "elu")
    assert page.is_visible('.explorer-param[data-id="elu"]')
    page.uncheck("input[value=elu]")
    page.wait_for_function("document.querySelector('.explorer-plot path[data-id=elu]') === null")
    assert not page.is_visible('.explorer-param[data-id="elu"]')
    context.close()


def test_a_slider_changes_the_curve(browser, server, site):
    context, visit = explorer(browser, server, "en")
    page = visit.page
    show(page, "leakyrelu")
    before = paths(page, "leakyrelu")
    slider = '.explorer-param[data-id="leakyrelu"] input'
    page.focus(slider)
    page.keyboard.press("ArrowRight")  # from the keyboard, as a reader without a mouse would
    page.wait_for_function(f"JSON.stringify({json.dumps(before)}) !== JSON.stringify("
                           "[...document.querySelectorAll('.explorer-plot path[data-id=leakyrelu][data-kind=y]')]"
                           ".map(e => e.getAttribute('d')))")
    d = data(site, "leakyrelu")
    shown = page.inner_text('.explorer-param[data-id="leakyrelu"] output')
    assert float(shown) == d["values"][d["default"] + 1]
    assert page.get_attribute(slider, "aria-valuetext") == f"{d['symbol']} = {shown}"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_readout_matches_the_published_data(browser, server, site, lang):
    context, visit = explorer(browser, server, lang)
    page = visit.page
    page.check("input[value=dy]")
    page.focus(".explorer-plot")
    page.keyboard.press("Home")
    for _ in range(130):  # x = -6 + 130 * 0.05 = 0.5
        page.keyboard.press("ArrowRight")
    readout = page.inner_text(".explorer-readout")
    index = json.loads(page.inner_text(".explorer-index"))
    for fid in ("relu", "sigmoid", "tanh", "softplus"):
        d = data(site, fid)
        k = round((0.5 - d["x0"]) / d["dx"])
        curve = d["curves"][d["default"]]
        assert numbers(readout, index["names"][fid]) == [curve["y"][k], curve["dy"][k]], readout
    assert "0.5" in readout.split(":")[0] or "0.5" in readout.split("：")[0]
    context.close()


def test_jumps_are_not_drawn_as_lines(browser, server, site):
    """Threshold jumps at its threshold: the curve ends at both one-sided limits, in two pieces."""
    context, visit = explorer(browser, server, "en")
    page = visit.page
    show(page, "threshold")
    jumps = data(site, "threshold")["curves"][0]["jumps"]
    assert len(paths(page, "threshold")) == len(jumps) + 1
    context.close()


def test_first_load_is_small(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sizes = {}
    page.on("response", lambda r: r.ok and ("explorer" in r.url) and sizes.__setitem__(r.url, len(r.body())))
    page.goto(server + "explorer/", wait_until="networkidle")
    own = {u: n for u, n in sizes.items() if u.endswith((".js", ".json"))}
    assert any(u.endswith("explorer.js") for u in own) and any(u.endswith(".json") for u in own)
    assert sum(own.values()) < BUDGET, own
    context.close()


def test_keyboard_toggles_a_function(browser, server):
    context, visit = explorer(browser, server, "en")
    page = visit.page
    values = page.eval_on_selector_all("input[name=function]", "els => els.map(e => e.value)")
    page.focus("input[value=relu]")
    page.keyboard.press("Tab")
    following = values[values.index("relu") + 1]
    assert page.evaluate("document.activeElement.value") == following
    page.keyboard.press("Space")
    page.wait_for_function(f"document.querySelector('.explorer-plot path[data-id={following}]') !== null")
    context.close()
