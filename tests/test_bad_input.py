"""Bad input fails with one message naming function, file and field.

Most cases raise in-process, from the stage that reads the bad input (the
fast tier); the rest need a whole build (the build tier)."""
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_build

from actsite.compute.experiments import run as run_experiment
from actsite.declare.catalog import load_catalog
from actsite.declare.stage import declare
from actsite.errors import SiteError


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def compute_one(act_id):
    """The compute stage for one function of the project."""
    def stage(project):
        from actsite.compute.activation import compute
        acts = {a.id: a for a in load_catalog(project)}
        act = acts[act_id]
        compute(act, acts.get(act.approximates))
    return stage


def snippets(project):
    from actsite.compute.stage import _snippets
    _snippets(declare(project), lambda msg: None)


def experiment(name):
    def stage(project):
        declare(project)
        run_experiment(project, name, lambda msg: None)
    return stage


def phone_figure(name, figure):
    """The phone variant of an experiment's figure, drawn from a fresh run."""
    def stage(project):
        from actsite.render.experiments import draw
        d = declare(project)
        result = run_experiment(project, name, lambda msg: None)["result"]
        draw(project, name, figure, result, d.experiment_words(name, "en"), phone=True)
    return stage


# name: (change to the project, the stage that must reject it, its message)
CASES = {
    "missing field": (
        lambda p: edit(p / "docs/catalog/tanh.yml", "derivative: '1 - \\tanh^2 x'\n", ""), declare,
        "activation 'tanh': docs/catalog/tanh.yml, field 'derivative': is missing"),
    "wrong formula": (
        lambda p: edit(p / "docs/catalog/sigmoid.yml", "e^{-x}", "e^{x}"), compute_one("sigmoid"),
        "activation 'sigmoid': docs/catalog/sigmoid.yml, field 'formula': disagrees with torch.nn.Sigmoid"),
    "wrong derivative at the kink": (
        lambda p: edit(p / "docs/catalog/relu.yml", "1 & x > 0 \\\\ 0 & x \\le 0", "1 & x \\ge 0 \\\\ 0 & x < 0"),
        compute_one("relu"),
        "activation 'relu': docs/catalog/relu.yml, field 'derivative': disagrees with autograd's derivative "
        "of torch.nn.ReLU: at x = 0.0"),
    "unknown torch module": (
        lambda p: edit(p / "docs/catalog/relu.yml", "torch.nn.ReLU", "torch.nn.Relu"), compute_one("relu"),
        "activation 'relu': docs/catalog/relu.yml, field 'module': torch.nn.Relu is not a torch.nn.Module class"),
    "missing prose in one language": (
        lambda p: (p / "docs/zh/activations/softplus.md").unlink(), declare,
        "activation 'softplus': docs/zh/activations/softplus.md, field '(file)': is missing"),
    "missing section": (
        lambda p: edit(p / "docs/en/activations/tanh.md", "## When to use it {#uses}\n", ""), declare,
        "activation 'tanh': docs/en/activations/tanh.md, field '{#uses}': section is missing"),
    "missing translation of a UI word": (
        lambda p: edit(p / "docs/i18n/zh.yml", "  graph: 函数及其导数的图像\n", ""), declare,
        "language 'zh': docs/i18n/zh.yml, field 'page.graph': is missing"),
    "page in one language only": (
        lambda p: shutil.copy(p / "docs/en/advice.md", p / "docs/en/extra.md"), declare,
        "page 'extra.md': docs/zh/extra.md, field '(file)': is missing"),
    "snippet that raises": (
        lambda p: edit(p / "docs/snippets/maxout.py", "import torch\n", "import torch\nraise ValueError('boom')\n"),
        snippets, "page 'beyond/maxout.md': docs/snippets/maxout.py, field '(code)': raised ValueError: boom"),
    "missing snippet": (
        lambda p: (p / "docs/snippets/maxout.py").unlink(), declare,
        "page 'beyond/maxout.md': docs/snippets/maxout.py, field '(file)': is missing ({{ run maxout }} needs it)"),
    "approximating an undeclared function": (
        lambda p: edit(p / "docs/catalog/hardswish.yml", "approximates: silu", "approximates: swishy"), declare,
        "activation 'hardswish': docs/catalog/hardswish.yml, field 'approximates': names no other declared "
        "activation: 'swishy'"),
    "expression naming an undeclared parameter": (
        lambda p: edit(p / "docs/catalog/swish.yml", "torch.sigmoid(beta * x)", "torch.sigmoid(gamma * x)"), declare,
        "activation 'swish': docs/catalog/swish.yml, field 'expression': uses 'gamma': it may use only x, torch, "
        "math and the declared params (beta)"),
    "expression with a functional form": (
        lambda p: edit(p / "docs/catalog/swish.yml", "module: Swish\n", "module: Swish\nfunctional: torch.nn.functional.silu\n"),
        declare, "activation 'swish': docs/catalog/swish.yml, field 'functional': is for a torch.nn module"),
    "expression that torch cannot run": (
        lambda p: edit(p / "docs/catalog/sine.yml", "torch.sin(x)", "torch.sine(x)"), compute_one("sine"),
        "activation 'sine': docs/catalog/sine.yml, field 'expression': fails on a float64 tensor x: AttributeError"),
    "formula that disagrees with an expression": (
        lambda p: edit(p / "docs/catalog/squareplus.yml", "{x + \\sqrt{x^2 + b}}{2}", "{x + \\sqrt{x^2 + b}}{3}"),
        compute_one("squareplus"),
        "activation 'squareplus': docs/catalog/squareplus.yml, field 'formula': disagrees with the expression "
        "(x + torch.sqrt(x * x + b)) / 2"),
    "formula that cannot be typeset": (
        lambda p: edit(p / "docs/catalog/squared_relu.yml", "symbol: '{\\operatorname{ReLU}^2}'",
                       "symbol: '\\operatorname{ReLU}^2'"), declare,
        "activation 'squared_relu': docs/catalog/squared_relu.yml, field 'derivative': cannot be typeset"),
    "family that is not declared": (
        lambda p: edit(p / "docs/families.yml", "periodic: {en: Periodic and bump functions, zh: 周期与钟形函数}\n", ""),
        declare, "activation 'gaussian': docs/catalog/gaussian.yml, field 'family': must be one of"),
    "family without its name in one language": (
        lambda p: edit(p / "docs/families.yml", "baseline: {en: Linear and step baselines, zh: 线性与阶跃基线}",
                       "baseline: {en: Linear and step baselines}"), declare,
        "family 'baseline': docs/families.yml, field 'baseline.zh': is missing"),
    "family name left in the UI words": (
        lambda p: [edit(p / f"docs/i18n/{lang}.yml", "nav:\n", "families:\n  rectifier: Rectifiers\nnav:\n")
                   for lang in ("en", "zh")], declare,
        "language 'en': docs/i18n/en.yml, field 'families': belongs in docs/families.yml, not here"),
    "experiment without its set-up": (
        lambda p: edit(p / "docs/experiments/zigzag.py", "CONFIG = {", "SETUP = {"), declare,
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'CONFIG': is missing"),
    "experiment without claims": (
        lambda p: edit(p / "docs/experiments/zigzag.py", "CLAIMS = {", "CHECKS = {"), declare,
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'CLAIMS': is missing"),
    "phone variant of no figure": (
        lambda p: edit(p / "docs/experiments/zigzag.py", 'PHONE = {"main":', 'PHONE = {"mane":'), declare,
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'PHONE['mane']': is not a figure of FIGURES (main)"),
    "phone variant that draw() cannot lay out": (
        lambda p: edit(p / "docs/experiments/zigzag.py", ', figure="main", phone=False):', ', figure="main"):'),
        declare, "experiment 'zigzag': docs/experiments/zigzag.py, field 'draw()': takes no 'phone' argument"),
    "phone variant wider than a phone": (
        lambda p: edit(p / "docs/experiments/zigzag.py", 'PHONE = {"main": [4.0,', 'PHONE = {"main": [6.0,'),
        phone_figure("zigzag", "main"),
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'draw() of figure 'main' with phone=True': "
        "wider than 4 in with all it draws"),
    "phone variant with small text": (
        lambda p: edit(p / "docs/experiments/zigzag.py", "ncols=2 if phone else 4, fontsize=11,",
                       "ncols=2 if phone else 4, fontsize=8,"), phone_figure("zigzag", "main"),
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'draw() of figure 'main' with phone=True': "
        "text 'σ(z)' at 8 pt, under 10 pt"),
    "experiment that raises": (
        lambda p: edit(p / "docs/experiments/zigzag.py", "    g = torch.Generator()",
                       "    raise ValueError('boom')\n    g = torch.Generator()"), experiment("zigzag"),
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'run()"),
}

# Found only when the pages are assembled or the site is linked: a whole build.
BUILD_CASES = {
    "unknown placeholder": (
        lambda p: edit(p / "docs/en/index.md", "{{ torch_version }}", "{{ relu.nonsense }}"),
        "page 'index.md': docs/en/index.md, field '{{ relu.nonsense }}': is not a known placeholder"),
    "result placeholder naming nothing": (
        lambda p: edit(p / "docs/en/experiments/zigzag.md", "{{ result zigzag.fan_in }}", "{{ result zigzag.fanin }}"),
        "experiment 'zigzag': docs/en/experiments/zigzag.md, field '{{ result zigzag.fanin }}': 'fanin' is not in "
        "the result of docs/experiments/zigzag.py"),
    "set-up entry without a label": (
        lambda p: (edit(p / "docs/experiments/zigzag.py", '    "seed": 0,', '    "seed": 0,\n    "momentum": 0,'),
                   edit(p / "docs/experiments/zigzag.py", "def run(samples,", "def run(momentum, samples,")),
        "experiment 'zigzag': docs/i18n/en.yml, field 'experiments.setup.momentum': is missing: "
        "docs/experiments/zigzag.py has CONFIG['momentum']"),
    "broken link in the Chinese site": (
        lambda p: edit(p / "docs/zh/advice.md", "(activations/relu.md#cons)", "(activations/relu2.md#cons)"),
        "Doc file 'advice.md' contains a link 'activations/relu2.md#cons', but the target 'activations/relu2.md' "
        "is not found among documentation files."),
}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_raises_with_message(case, project):
    mutate, stage, message = CASES[case]
    mutate(project)
    with pytest.raises(SiteError) as raised:
        stage(project)
    assert message in str(raised.value)


@pytest.mark.parametrize("case", BUILD_CASES, ids=list(BUILD_CASES))
def test_bad_input_fails_the_build_with_message(case, project, tmp_path, shared_cache, built):
    mutate, message = BUILD_CASES[case]
    mutate(project)
    cache = tmp_path / "cache"
    shutil.copytree(shared_cache, cache)  # only what the change touches is recomputed
    out = tmp_path / "site"
    result = run_build(project, out, cache)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert message in log, log
    errors = [line for line in log.splitlines() if re.match(r"(ERROR|WARNING)\s+-", line)]
    assert len(errors) == 1, errors
    assert not (out / "index.html").exists(), "a half-built site was left behind"
