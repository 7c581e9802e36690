"""Bad input fails the whole build with one message naming function, file and field."""
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "missing field": (
        lambda p: edit(p / "docs/catalog/tanh.yml", "derivative: '1 - \\tanh^2 x'\n", ""),
        "activation 'tanh': docs/catalog/tanh.yml, field 'derivative': is missing"),
    "wrong formula": (
        lambda p: edit(p / "docs/catalog/sigmoid.yml", "e^{-x}", "e^{x}"),
        "activation 'sigmoid': docs/catalog/sigmoid.yml, field 'formula': disagrees with torch.nn.Sigmoid"),
    "wrong derivative at the kink": (
        lambda p: edit(p / "docs/catalog/relu.yml", "1 & x > 0 \\\\ 0 & x \\le 0", "1 & x \\ge 0 \\\\ 0 & x < 0"),
        "activation 'relu': docs/catalog/relu.yml, field 'derivative': disagrees with autograd's derivative "
        "of torch.nn.ReLU: at x = 0.0"),
    "unknown torch module": (
        lambda p: edit(p / "docs/catalog/relu.yml", "torch.nn.ReLU", "torch.nn.Relu"),
        "activation 'relu': docs/catalog/relu.yml, field 'module': torch.nn.Relu is not a torch.nn.Module class"),
    "missing prose in one language": (
        lambda p: (p / "docs/zh/activations/softplus.md").unlink(),
        "activation 'softplus': docs/zh/activations/softplus.md, field '(file)': is missing"),
    "missing section": (
        lambda p: edit(p / "docs/en/activations/tanh.md", "{#uses}", "{#notes}"),
        "activation 'tanh': docs/en/activations/tanh.md, field '{#uses}': section is missing"),
    "missing translation of a UI word": (
        lambda p: edit(p / "docs/i18n/zh.yml", "  graph: 函数及其导数的图像\n", ""),
        "language 'zh': docs/i18n/zh.yml, field 'page.graph': is missing"),
    "unknown placeholder": (
        lambda p: edit(p / "docs/en/index.md", "{{ torch_version }}", "{{ relu.nonsense }}"),
        "page 'index.md': docs/en/index.md, field '{{ relu.nonsense }}': is not a known placeholder"),
    "page in one language only": (
        lambda p: shutil.copy(p / "docs/en/advice.md", p / "docs/en/extra.md"),
        "page 'extra.md': docs/zh/extra.md, field '(file)': is missing"),
    "snippet that raises": (
        lambda p: edit(p / "docs/snippets/maxout.py", "import torch\n", "import torch\nraise ValueError('boom')\n"),
        "page 'beyond/maxout.md': docs/snippets/maxout.py, field '(code)': raised ValueError: boom"),
    "approximating an undeclared function": (
        lambda p: edit(p / "docs/catalog/hardswish.yml", "approximates: silu", "approximates: swish"),
        "activation 'hardswish': docs/catalog/hardswish.yml, field 'approximates': names no other declared "
        "activation: 'swish'"),
    "experiment without its set-up": (
        lambda p: edit(p / "docs/experiments/zigzag.py", "CONFIG = {", "SETUP = {"),
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'CONFIG': is missing"),
    "experiment that raises": (
        lambda p: edit(p / "docs/experiments/zigzag.py", "    g = torch.Generator()", "    raise ValueError('boom')\n    g = torch.Generator()"),
        "experiment 'zigzag': docs/experiments/zigzag.py, field 'run()': raised ValueError: boom"),
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


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_fails_with_message(case, tmp_path, shared_cache, built):
    mutate, message = CASES[case]
    project = copy_project(tmp_path / "project")
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
