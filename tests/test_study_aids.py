"""Study aids: the script under every figure redraws it, every figure can be
downloaded, the cheat sheet exists in both languages, and every function page
has its one-line advice and exercises with folded answers."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import numpy as np
import pytest

from conftest import LANGS, ROOT
from actsite.render.cheatsheet import wrap_text
from actsite.compute.evaluate import TorchActivation
from actsite.render.mathtext import mathtext_lines
from actsite.pipeline import Generator

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def generator(built, shared_cache):
    os.environ["ACTSITE_CACHE"] = str(shared_cache)  # the records of the session's build
    try:
        yield Generator(ROOT)
    finally:
        del os.environ["ACTSITE_CACHE"]


def run_script(code: str, tmp_path) -> list:
    """Run a figure's script as a reader would; return what each axes drew."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import json, matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        f"exec(compile(open({str(tmp_path / 'figure.py')!r}).read(), 'figure.py', 'exec'))\n"
        "out = [[[l.get_xdata().tolist(), l.get_ydata().tolist()] for l in ax.get_lines()\n"
        "        if len(l.get_xdata()) > 2 and l.get_linestyle() not in ('None', '')] for ax in plt.gcf().axes]\n"
        "print(json.dumps(out))\n")
    (tmp_path / "figure.py").write_text(code)
    result = subprocess.run([sys.executable, str(probe)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("*.png")), "the script saves no PNG"
    import json
    return json.loads(result.stdout)


def test_function_scripts_draw_torch_values_without_crossing_a_jump(generator, catalog, tmp_path):
    scripts = generator.figure_scripts()
    for act in catalog:
        axes = run_script(scripts[act.id], tmp_path)
        ta = TorchActivation(act)
        assert len(axes) == 2
        for order, lines in enumerate(axes):
            assert lines, act.id
            for x, y in lines:
                x, y = np.array(x), np.array(y)
                assert np.allclose(y, ta.derivatives(x, 1)[order], rtol=1e-12, atol=1e-12), (act.id, order)
                # a piece never spans a jump: consecutive points stay close
                assert np.max(np.abs(np.diff(y))) < 0.05, (act.id, order)
        for png in tmp_path.glob("*.png"):
            png.unlink()


def spans_a_jump(y: np.ndarray) -> bool:
    """A step between consecutive points far larger than the steps beside it: a jump drawn
    as a line. A steep smooth curve (Squared ReLU's x², 0.6 a step) grows its steps gradually."""
    d = np.abs(np.diff(y))
    if d.size < 3:
        return False
    beside = np.maximum(np.concatenate(([d[1]], d[:-1])), np.concatenate((d[1:], [d[-2]])))
    return bool(np.any(d > 4 * beside + 0.02))


def test_spans_a_jump_sees_jumps_only():
    x = np.linspace(-6, 6, 241)
    assert not spans_a_jump(np.maximum(x, 0) ** 2) and not spans_a_jump(np.tanh(x))
    assert spans_a_jump(np.where(x > 0.01, 1.0, 0.0)) and spans_a_jump(np.where(x > 0.5, x, 0.0))


def test_every_other_figure_script_runs(generator, catalog, tmp_path):
    scripts = generator.figure_scripts()
    others = [n for n in scripts if n not in {a.id for a in catalog}]
    assert {"overview", "overlay_f", "overlay_df", "rrelu.training", "hardshrink.sweep"} <= set(others)
    for name in others:
        axes = run_script(scripts[name], tmp_path)
        for lines in axes:
            for _, y in lines:
                assert not spans_a_jump(np.array(y)), name
        for png in tmp_path.glob("*.png"):
            png.unlink()


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_its_downloads(site, lang):
    root = site if lang == "en" else site / "zh"
    pages = list(root.rglob("index.html")) if lang == "zh" else \
        [p for p in root.rglob("index.html") if not p.relative_to(root).parts[0] == "zh"]
    seen, phones = set(), set()
    for page in pages:
        html = page.read_text()
        for src in re.findall(r'<img[^>]+src="([^"]+)\.light\.svg', html):
            if src.endswith(".phone"):  # a figure's phone variant: its downloads are the wide figure's
                phones.add((page.parent / src).resolve().name.removesuffix(".phone"))
                continue
            base = (page.parent / src).resolve()
            for suffix in (".light.svg", ".dark.svg", ".light.png"):
                assert base.with_name(base.name + suffix).is_file(), (page, src, suffix)
            png = base.with_name(base.name + ".light.png").read_bytes()
            assert png.startswith(PNG)
            width = int.from_bytes(png[16:20], "big")
            assert width >= 1200, (src, width)  # 200 dpi: slides, not thumbnails
            assert f'href="{src}.light.png"' in html
            seen.add(base.name)
    files = {p.name.removesuffix(".light.svg") for p in (root / "assets/figures").glob("*.light.svg")}
    wide = {f for f in files if not f.endswith(".phone")}
    assert seen == wide  # every figure is shown somewhere, and every one shown can be downloaded
    assert {f"{f}.phone" for f in phones} == files - wide  # and every phone variant is some figure's
    assert phones == wide  # every figure has a phone variant


def test_scripts_are_under_their_figures(site):
    html = (site / "activations/elu/index.html").read_text()
    assert html.count("Script that redraws this figure") == 2  # the graph and the parameter family
    script = (site / "assets/figures/elu.py").read_text()
    assert script.startswith('"""ELU and its derivative') and "torch.nn.ELU(alpha=1.0).double()" in script
    assert 'href="../../assets/figures/elu.py"' in html
    exp = (site / "experiments/gradients/index.html").read_text()
    assert 'href="../code/gradients.py"' in exp


@pytest.mark.parametrize("lang", LANGS)
def test_cheat_sheet(site, lang):
    root = site if lang == "en" else site / "zh"
    pdf = (root / f"assets/cheatsheet-{lang}.pdf").read_bytes()
    png = (root / f"assets/cheatsheet-{lang}.png").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert png.startswith(PNG)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2338, 1654)  # A4 landscape at 200 dpi
    preview = (root / f"assets/cheatsheet-{lang}.preview.png").read_bytes()
    assert preview.startswith(PNG) and 700 <= int.from_bytes(preview[16:20], "big") <= 1000
    assert len(preview) < len(png) / 4
    home = (root / "index.html").read_text()
    assert f'href="assets/cheatsheet-{lang}.pdf"' in home and f'src="assets/cheatsheet-{lang}.preview.png"' in home
    assert f'href="assets/cheatsheet-{lang}.png"' in home  # the full one, for slides


def test_cheat_sheet_text_helpers():
    lines = mathtext_lines(r"\operatorname{ReLU}", r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}",
                           "otherwise", "if")
    assert lines == [[r"$\operatorname{ReLU}(x) =$"], ["$x$", "if", "$x > 0$"], ["$0$", "otherwise"]]
    assert mathtext_lines("f", r"x \le 0", "", "")[0] == [r"$f(x) = x \leq 0$"]
    assert wrap_text("卷积网络和 MLP 隐藏层的默认选择；学习率过大时留意。", 20) == \
        ["卷积网络和 MLP 隐藏", "层的默认选择；学习率", "过大时留意。"]
    assert all(len(line) <= 12 for line in wrap_text("a plain English sentence to wrap", 12))


@pytest.mark.parametrize("lang", LANGS)
def test_function_pages_have_summary_and_folded_exercises(site, catalog, lang):
    root = site if lang == "en" else site / "zh"
    for act in catalog:
        html = (root / f"activations/{act.id}/index.html").read_text()
        assert 'class="admonition tip"' in html, act.id  # the one-line advice under the title
        section = html.split('id="exercises"', 1)[1]
        answers = re.findall(r"<details class=\"success\"( open)?>", section)
        assert len(answers) >= 2 and not any(answers), (act.id, answers)  # folded away
    advice = (root / "advice/index.html").read_text().split('id="exercises"', 1)[1]
    assert len(re.findall(r'<details class="success">', advice)) >= 4


def test_explorer_palette_is_the_figures_palette():
    from actsite.render.figures import THEMES
    css = (ROOT / "overrides/assets/stylesheets/site.css").read_text()
    light = re.findall(r"^\.explorer \.c\d \{ --c: (#[0-9a-f]{6}); \}", css, re.M)
    dark = re.findall(r'^\[data-md-color-scheme="slate"\] \.explorer \.c\d \{ --c: (#[0-9a-f]{6}); \}', css, re.M)
    assert light == THEMES["light"]["series"] and dark == THEMES["dark"]["series"]


def test_explorer_data_comes_from_torch(site, catalog):
    import json
    for act in catalog:
        d = json.loads((site / f"assets/explorer/{act.id}.json").read_text())
        x = d["x0"] + d["dx"] * np.arange(d["n"])
        name = d["param"]
        for k, curve in enumerate(d["curves"]):
            params = dict(act.defaults) if name is None else {**act.defaults, name: d["values"][k]}
            y, dy = TorchActivation(act, params).derivatives(x, 1)
            assert np.allclose(curve["y"], y, rtol=1e-5, atol=1e-9), (act.id, k)
            assert np.allclose(curve["dy"], dy, rtol=1e-5, atol=1e-9), (act.id, k)
        if name:
            assert d["values"][d["default"]] == act.defaults[name]
            assert set(act.sweep[1]) <= set(d["values"])


def test_dark_svg_swaps_every_palette_colour_at_once():
    from actsite.render.figures import THEMES, dark_svg
    light, dark = THEMES["light"], THEMES["dark"]
    svg = f'<path style="fill: {light["fg"].upper()}; stroke: {light["series"][0]}"/><use style="fill: #808080"/>'
    assert dark_svg(svg) == f'<path style="fill: {dark["fg"]}; stroke: {dark["series"][0]}"/><use style="fill: #808080"/>'
    # a swap is never swapped again, whatever the palettes share
    assert dark_svg(" ".join(light["series"])) == " ".join(dark["series"])


def test_a_legend_over_a_curve_is_found():
    """The check behind every figure: a legend on a curve fails, one beside it passes."""
    from actsite.render.figures import legends_over_curves, plt, themed
    with themed():
        fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
        x = [i / 10 for i in range(-30, 31)]
        ax.plot(x, [0.9] * len(x), label="flat")  # runs along the top, where an upper legend goes
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left")
        fig.draw_without_rendering()
        assert legends_over_curves(fig) == ["legend over flat"]
        ax.get_legend().remove()
        fig.legend(loc="outside lower center")
        fig.draw_without_rendering()
        assert legends_over_curves(fig) == []
        plt.close(fig)


def test_a_legend_beside_its_axes_over_another_axes_curve_is_found():
    """Legends anchored outside their axes, or added with add_artist, are held to every axes' curves."""
    from actsite.render.figures import legends_over_curves, plt, themed
    with themed():
        fig, (left, right) = plt.subplots(1, 2, figsize=(6, 3))
        right.plot([0, 1], [0.5, 0.5], label="flat")
        right.set_ylim(0, 1)
        line, = left.plot([0, 1], [0, 1], label="rising")
        legend = left.legend([line], ["rising"], loc="center left", bbox_to_anchor=(1.2, 0.5))
        left.add_artist(legend)
        left.legend(loc="lower right")  # the axes' own legend now, the first one kept by add_artist
        fig.draw_without_rendering()
        assert "legend over flat" in legends_over_curves(fig)
        plt.close(fig)
