"""The LaTeX evaluator reads formulas the way a person does."""
import math
import re

import numpy as np
import pytest

from actsite.compute.latex_eval import LatexError, evaluate_latex

X = np.array([-2.5, -1.0, 0.0, 0.5, 3.0])


@pytest.mark.parametrize("latex, expected", [
    (r"\max(0, x)", np.maximum(0, X)),
    (r"\min(0, x)", np.minimum(0, X)),
    (r"\frac{1}{1 + e^{-x}}", 1 / (1 + np.exp(-X))),
    (r"\sigma(x)\left(1 - \sigma(x)\right)", (1 / (1 + np.exp(-X))) * (1 - 1 / (1 + np.exp(-X)))),
    (r"1 - \tanh^2 x", 1 - np.tanh(X) ** 2),
    (r"\tanh x^2", np.tanh(X ** 2)),
    (r"\ln\left(1 + e^{x}\right)", np.log1p(np.exp(X))),
    (r"2x + 3", 2 * X + 3),
    (r"x \cdot 2 - |x|", 2 * X - np.abs(X)),
    (r"x\Phi(x)", X * np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in X])),
    (r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}", (X > 0).astype(float)),
    (r"\begin{cases} x & x \ge 0 \\ 0.5x & \text{otherwise} \end{cases}", np.where(X >= 0, X, 0.5 * X)),
    (r"\begin{cases} 0 & -1 \le x \le 1 \\ x & \text{otherwise} \end{cases}", np.where(np.abs(X) <= 1, 0, X)),
])
def test_values(latex, expected):
    np.testing.assert_allclose(evaluate_latex(latex, X), expected, rtol=1e-13, atol=1e-16)


def test_parameters_by_symbol():
    got = evaluate_latex(r"\frac{1}{\beta}\ln(1 + e^{\beta x})", X, {"beta": 2.0}, {r"\beta": "beta"})
    np.testing.assert_allclose(got, np.log1p(np.exp(2 * X)) / 2, rtol=1e-13)


def test_overlapping_cases_are_ambiguous():
    got = evaluate_latex(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 1 \end{cases}", X)
    assert np.isnan(got[(X > 0) & (X <= 1)]).all()
    assert (got[X > 1] == 1).all() and (got[X <= 0] == 0).all()


def test_cases_that_cover_nothing_give_nan():
    got = evaluate_latex(r"\begin{cases} 1 & x > 0 \end{cases}", X)
    assert np.isnan(got[X <= 0]).all() and (got[X > 0] == 1).all()


@pytest.mark.parametrize("latex, message", [
    (r"\max(0, x", "expected ')'"),
    (r"\relu(x)", "unsupported command"),
    (r"\alpha x", "not a declared parameter"),
    (r"x \le", "unexpected token"),
    (r"y + 1", "unknown symbol"),
    (r"\begin{matrix} 1 \end{matrix}", "only the cases environment"),
    (r"x # 2", "unexpected character"),
])
def test_errors_name_the_problem(latex, message):
    with pytest.raises(LatexError, match=re.escape(message)):
        evaluate_latex(latex, X)
