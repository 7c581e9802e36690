"""Every formula and derivative shown on the site is what torch computes.

The comparison runs on a dense grid that includes 0, both sides of every kink
and large |x|; changing any single character of a formula must fail it.
"""
import math
import re

import numpy as np
import pytest
import torch

from actsite.compute.checks import ATOL, RTOL, check_grid
from actsite.declare.catalog import load_catalog
from actsite.compute.latex_eval import LatexError, evaluate_latex
from conftest import ROOT

CATALOG = load_catalog(ROOT)
IDS = [a.id for a in CATALOG]


def torch_values(act, x, params=None):
    params = act.defaults if params is None else params
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    if act.expression:  # evaluated here as written, not through the class the site makes of it
        y = eval(act.expression, {"torch": torch, "math": math}, {"x": t, **params})
    else:
        cls = eval(act.module, {"torch": torch})  # a dotted name such as torch.nn.ReLU
        y = cls(**params).double().eval()(t)
    (dy,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), dy.numpy()


def special_points(act, params=None):
    """Where kinks and jumps can be: 0, and every number in the formulas and
    parameters with both signs (ReLU6 at 6, Hardswish at -3 and 3, shrink at
    -lambda and lambda, Threshold at theta)."""
    values = dict(act.formula_values, **(params or {}))
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", act.formula + act.derivative)]
    numbers += [v for v in values.values() if isinstance(v, float)]
    return sorted({0.0, *numbers, *(-n for n in numbers)})


def grid_for(act, params=None):
    # each special point is sampled exactly and just left and right of it
    return check_grid(special_points(act, params))


def agrees(act, latex, x, truth):
    try:
        shown = evaluate_latex(latex, x, act.formula_values, act.symbols)
    except LatexError:
        return False
    return bool(np.allclose(shown, truth, rtol=RTOL, atol=ATOL))


@pytest.mark.parametrize("act", CATALOG, ids=IDS)
@pytest.mark.parametrize("field", ["formula", "derivative"])
def test_shown_latex_is_torch_and_autograd(act, field):
    x = grid_for(act)
    y, dy = torch_values(act, x)
    shown = evaluate_latex(getattr(act, field), x, act.formula_values, act.symbols)
    np.testing.assert_allclose(shown, y if field == "formula" else dy, rtol=RTOL, atol=ATOL)


def test_grid_covers_edges():
    x = check_grid([0.0])
    assert 0.0 in x and x.min() <= -100 and x.max() >= 100
    assert np.any((x < 0) & (x > -1e-8)) and np.any((x > 0) & (x < 1e-8))
    assert np.min(np.diff(x[(x > -10) & (x < 10)])) <= 0.005 + 1e-12


SWAPS = {"+": "-", "-": "+", "<": ">", ">": "<", "x": "e", "e": "x"}


def one_character_mutations(latex: str):
    """Every formula obtained by changing one digit, sign, comparison or variable."""
    for i, ch in enumerate(latex):
        if latex[max(0, i - 1)] == "\\" or (ch.isalpha() and i > 0 and latex[i - 1].isalpha()) \
                or (ch.isalpha() and i + 1 < len(latex) and latex[i + 1].isalpha()):
            continue  # inside a command name such as \frac: not a formula character
        if ch.isdigit():
            yield latex[:i] + str((int(ch) + 1) % 10) + latex[i + 1:]
        elif ch in SWAPS:
            yield latex[:i] + SWAPS[ch] + latex[i + 1:]


@pytest.mark.parametrize("act", CATALOG, ids=IDS)
@pytest.mark.parametrize("field", ["formula", "derivative"])
def test_any_one_character_change_is_caught(act, field):
    x = grid_for(act)
    y, dy = torch_values(act, x)
    truth = y if field == "formula" else dy
    latex = getattr(act, field)
    mutations = list(one_character_mutations(latex))
    assert mutations, f"no mutable character in {latex!r}"
    survivors = [m for m in mutations if agrees(act, m, x, truth)]
    assert not survivors, f"{act.id}.{field}: these changed formulas still pass: {survivors}"


SWEPT = [a for a in CATALOG if a.sweep]


@pytest.mark.parametrize("act", SWEPT, ids=[a.id for a in SWEPT])
def test_parameter_family_matches_torch(act):
    """The formulas hold for every parameter value the family figure draws."""
    name, values = act.sweep
    for value in values:
        params = dict(act.defaults, **{name: value})
        x = grid_for(act, params)
        y, dy = torch_values(act, x, params)
        formula_params = dict(act.formula_values, **{name: value})
        for latex, truth in ((act.formula, y), (act.derivative, dy)):
            shown = evaluate_latex(latex, x, formula_params, act.symbols)
            np.testing.assert_allclose(shown, truth, rtol=RTOL, atol=ATOL, err_msg=f"{act.id} {name}={value}")


def test_catalogue_is_every_elementwise_torch_activation():
    """Every elementwise activation module of torch.nn (and Identity), and the functions written as
    expressions, which name no torch module."""
    modules = {a.module for a in CATALOG if a.in_torch}
    expected = {f"torch.nn.{m}" for m in (
        "ELU Hardshrink Hardsigmoid Hardtanh Hardswish LeakyReLU LogSigmoid PReLU ReLU ReLU6 RReLU SELU "
        "CELU GELU Sigmoid SiLU Mish Softplus Softshrink Softsign Tanh Tanhshrink Threshold Identity").split()}
    assert modules == expected
    assert {a.id for a in CATALOG if a.in_torch} == {m.rsplit(".", 1)[1].lower() for m in expected} | {"gelu_tanh"}
    written = {a.id: a.module for a in CATALOG if not a.in_torch}
    assert written == {"binary_step": "BinaryStep", "squared_relu": "SquaredReLU", "swish": "Swish",
                       "squareplus": "Squareplus", "snake": "Snake", "sine": "Sine", "gaussian": "Gaussian"}
    assert not any(hasattr(torch.nn, cls) for cls in written.values())  # else it should name torch's


def test_names_are_one_upright_identifier():
    """\\operatorname{ReLU6} is one name, not R·e·L·U·6 in italics."""
    from actsite.assemble.mathml import mathml
    assert "<mi>ReLU6</mi>" in mathml(r"\operatorname{ReLU6}(x)")
    assert "<mi>ReLU</mi>" in mathml(r"\operatorname{ReLU}(x)")
    assert "<mi>R</mi>" not in mathml(r"\operatorname{ReLU6}(x) = \min(\max(0, x), 6)")
