"""Bad input names its function or experiment, file and field; pages claim only
what is true. In-process, on a copy of docs/ (no site build)."""
import dataclasses
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT
from actsite.assemble import pages
from actsite.declare import prose
from actsite.declare.catalog import load_declaration, load_families
from actsite.declare.strings import Strings
from actsite.errors import SiteError


def project(folder: Path) -> Path:
    shutil.copytree(ROOT / "docs", folder / "docs")  # scripts stay where they are
    return folder


@pytest.fixture
def root(tmp_path) -> Path:
    return project(tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def declared(root: Path, act_id: str, old: str = "", new: str = ""):
    file = root / "docs" / "catalog" / f"{act_id}.yml"
    if old:
        edit(file, old, new)
    return load_declaration(file, root, [f.id for f in load_families(root)])


def compute(act):
    from actsite.compute.activation import compute
    return json.loads(json.dumps(compute(act), sort_keys=True))  # as the cache gives it


# --- 1. parameters out of range ---------------------------------------------

@pytest.mark.parametrize("act_id, old, new, field", [
    ("leakyrelu", "default: 0.01", "default: .nan", "params.negative_slope"),
    ("elu", "default: 1.0,", "default: -.inf,", "params.alpha"),
    ("selu", "scale: {default: 1.0507009873554804934193349852946", "scale: {default: .nan", "constants.scale"),
    ("elu", "values: [0.5,", "values: [.nan,", "sweep.values"),
    ("elu", "default: 1.0,", "default: 1.0e300,", "params.alpha"),  # YAML reads it as text
])
def test_non_finite_parameter_is_blamed_on_itself(root, act_id, old, new, field):
    with pytest.raises(SiteError) as err:
        declared(root, act_id, old, new)
    assert err.value.field == field
    assert f"activation '{act_id}': docs/catalog/{act_id}.yml, field '{field}'" in str(err.value)


@pytest.mark.parametrize("act_id, old, new, field, problem", [
    # each raised a bare RuntimeError from torch (float32 overflow, CELU's own check) or an
    # IndexError in the analysis (softplus' inf), or blamed the formula (CELU's nan)
    ("elu", "default: 1.0,", "default: 1.0e+300,", "params.alpha", "too large for torch"),
    ("celu", "default: 1.0,", "default: 1.0e+300,", "params.alpha", "too large for torch"),
    ("prelu", "init: {default: 0.25", "init: {default: 1.0e+300", "params.init", "too large for torch"),
    ("hardshrink", "default: 0.5", "default: 1.0e+300", "params.lambd", "too large for torch"),
    ("celu", "values: [0.5,", "values: [1.0e+300,", "sweep.values", "too large for torch"),
    ("celu", "default: 1.0,", "default: 0.0,", "params.alpha", "alpha cannot be 0"),
    ("celu", "default: 1.0,", "default: 1.0e-300,", "params.alpha", "= nan"),
    ("softplus", "beta: {default: 1.0", "beta: {default: 0.0", "params.beta", "= inf"),
])
def test_parameter_torch_cannot_use_is_named(root, act_id, old, new, field, problem):
    act = declared(root, act_id, old, new)
    with pytest.raises(SiteError) as err:
        compute(act)
    assert err.value.field == field, str(err.value)
    assert str(err.value).startswith(f"activation '{act_id}': docs/catalog/{act_id}.yml, field '{field}'")
    assert problem in err.value.problem


def test_parameter_without_torch_default_must_be_an_example(root):
    act = declared(root, "threshold", "example_params: true", "example_params: false")
    with pytest.raises(SiteError, match=r"field 'params.threshold': torch.nn.Threshold has no default"):
        compute(act)


# --- 2. experiments that raise say where --------------------------------------

def line_of(file: Path, text: str) -> int:
    return next(i for i, line in enumerate(file.read_text().splitlines(), 1) if text in line)


def test_run_error_names_the_line(root):
    from actsite.compute.experiments import run
    script = root / "docs/experiments/zigzag.py"
    edit(script, "    g = torch.Generator()", "    raise ValueError('boom')\n    g = torch.Generator()")
    with pytest.raises(SiteError) as err:
        run(root, "zigzag", lambda msg: None)
    line = line_of(script, "raise ValueError('boom')")
    assert str(err.value) == (f"experiment 'zigzag': docs/experiments/zigzag.py, field 'run()': "
                              f"raised ValueError: boom (line {line})")


def test_draw_error_is_a_site_error_with_its_line(root):
    from actsite.declare import experiments
    from actsite.render.experiments import draw
    script = root / "docs/experiments/zigzag.py"
    text = script.read_text()
    head = re.search(r"^def draw\(.*\n", text, re.M).group(0)
    edit(script, head, head + "    helper(result)\n")
    script.write_text(script.read_text() + "\n\ndef helper(result):\n    return 1 / 0\n")
    figure = next(iter(experiments.literals(root, "zigzag")["FIGURES"]))
    with pytest.raises(SiteError) as err:
        draw(root, "zigzag", figure, {}, {})
    line = line_of(script, "return 1 / 0")  # the deepest line of the script, not draw()'s call
    assert str(err.value) == (f"experiment 'zigzag': docs/experiments/zigzag.py, field 'draw()': "
                              f"raised ZeroDivisionError: division by zero (line {line})")


# --- 3. what the page calls PyTorch's default -----------------------------------

def page(root: Path, act, rec, lang: str) -> str:
    from actsite.compute.records import Record
    rel = f"docs/{lang}/activations/{act.id}.md"
    parsed = prose.parse_function_prose((root / rel).read_text(encoding="utf-8"), rel, act.id)
    return pages.function_page(act, rec if isinstance(rec, Record) else Record.from_json(rec), parsed,
                               Strings(root, lang), lambda t: t, "https://docs/", {act.id: act.id}, [],
                               defaultdict(str), defaultdict(lambda: (800, 300)))


@pytest.fixture(scope="module")
def elu_1000(tmp_path_factory):
    """ELU declared with alpha = 1000, not torch's 1.0 and not among its swept values."""
    root = project(tmp_path_factory.mktemp("elu"))
    act = declared(root, "elu", "default: 1.0,", "default: 1000,")
    return root, act, compute(act)


def test_declared_value_other_than_torch_default_is_said(elu_1000):
    root, act, rec = elu_1000
    assert rec["torch_defaults"] == {"alpha": 1.0}
    en, zh = page(root, act, rec, "en"), page(root, act, rec, "zh")
    assert "This page uses `alpha=1000` (not PyTorch's default, which is `1.0`)." in en
    assert "本页使用 `alpha=1000`（不是 PyTorch 的默认值，其默认值为 `1.0`）。" in zh
    for text in (en, zh):
        assert "Default parameters" not in text and "默认参数：" not in text
        assert "The thick curve is PyTorch's default" not in text and "粗线是 PyTorch 的默认值" not in text
    assert "The thick curve is the value this page uses, alpha = 1000." in en
    assert "粗线是本页使用的值 alpha = 1000。" in zh


def test_default_curve_is_drawn_when_not_swept(elu_1000):
    _, act, rec = elu_1000
    sweep = rec["sweep"]
    assert sweep["values"] == [0.5, 1.0, 1.5, 2.0, 1000.0]  # sweep_figure draws the default's curve thick
    assert len(sweep["y"]) == len(sweep["breaks"]) == 5


def test_torch_default_is_still_called_so(elu_1000):
    from actsite.compute.records import Record
    root, act, rec = elu_1000
    same = dataclasses.replace(Record.from_json(rec), torch_defaults={"alpha": 1000})
    en = page(root, act, same, "en")
    assert "Default parameters: `alpha=1000`." in en
    assert "The thick curve is PyTorch's default, alpha = 1000." in en


# --- 4. phrases ----------------------------------------------------------------

WHOLE_LINE = {"kind": "intervals", "intervals": [{"lo": None, "hi": None, "lo_closed": False, "hi_closed": False}]}
HALF_LINE = {"kind": "intervals", "intervals": [{"lo": None, "hi": 0.0, "lo_closed": False, "hi_closed": True}]}


@pytest.mark.parametrize("lang, whole, half", [
    ("en", "for every x", "for every x ≤ 0"),
    ("zh", "对所有 x 成立", "对所有 x ≤ 0 成立"),
])
def test_where_on_the_whole_line(lang, whole, half):
    s = Strings(ROOT, lang)
    assert pages.where_text(WHOLE_LINE, s) == whole
    assert pages.where_text(HALF_LINE, s) == half
