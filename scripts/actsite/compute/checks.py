"""Compare what a page shows with what torch computes."""
from __future__ import annotations

import numpy as np

from ..declare.catalog import Activation
from ..errors import SiteError
from .latex_eval import LatexError, evaluate_latex

RTOL = 1e-7
ATOL = 1e-9


def check_grid(kinks: list[float] = ()) -> np.ndarray:
    """Dense points, exact zero and the kinks, and large |x| on both sides."""
    parts = [
        np.linspace(-10.0, 10.0, 4001),
        np.linspace(-100.0, 100.0, 401),
        np.array([0.0, 1e-12, -1e-12, 1e-6, -1e-6, 30.0, -30.0, 60.0, -60.0]),
        np.asarray(list(kinks), dtype=float),
    ]
    for k in kinks:
        parts.append(np.array([k - 1e-9, k + 1e-9]))
    return np.unique(np.concatenate(parts))


def mismatch(shown: np.ndarray, truth: np.ndarray) -> int | None:
    """Index of the worst disagreement, or None when all agree."""
    bad = ~np.isclose(shown, truth, rtol=RTOL, atol=ATOL, equal_nan=False)
    if not bad.any():
        return None
    err = np.where(bad, np.abs(shown - truth), -1.0)
    err = np.where(np.isnan(err), np.inf, err)
    return int(np.argmax(err))


def check_latex(act: Activation, field: str, latex: str, x: np.ndarray, truth: np.ndarray,
                what: str, params: dict[str, float] | None = None) -> None:
    """Raise SiteError unless ``latex`` evaluates to ``truth`` on ``x``."""
    try:
        shown = evaluate_latex(latex, x, act.formula_values if params is None else params, act.symbols)
    except LatexError as exc:
        raise SiteError(f"activation '{act.id}'", act.path, field, f"cannot be checked: {exc}") from None
    i = mismatch(shown, truth)
    if i is not None:
        raise SiteError(
            f"activation '{act.id}'", act.path, field,
            f"disagrees with {what}: at x = {float(x[i])!r} the formula gives {float(shown[i])!r}, "
            f"torch gives {float(truth[i])!r}",
        )
