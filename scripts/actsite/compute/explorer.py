"""Data for the explorer page: each function, and each value of its parameter
on a slider grid, evaluated by torch (f and autograd's f') on the explorer's
x grid, with where it jumps and where its gradient nearly vanishes.

The browser only draws these numbers; no formula is typed in JavaScript.
"""
from __future__ import annotations

import numpy as np

from . import analysis
from ..declare.catalog import Activation
from .evaluate import TorchActivation
from .grids import DX, N, X0, slider_values
from .records import ExplorerCurve, ExplorerData

DIGITS = 6  # significant digits kept: what the page shows


def _round(v: float) -> float:
    return float(f"{v:.{DIGITS}g}")


def _breaks(ta: TorchActivation, points: list[float], order: int) -> list[list[float]]:
    """[x, limit from the left, limit from the right] of f (order 0) or f' (order 1)."""
    out = []
    for b in points:
        left, right = ta.derivatives(np.array([b - 1e-9, b + 1e-9]), order)[order]
        out.append([_round(b), _round(float(left)), _round(float(right))])
    return out


def curve(act: Activation, params: dict) -> ExplorerCurve:
    ta = TorchActivation(act, params)
    x = X0 + DX * np.arange(N)
    y, dy = ta.derivatives(x, 1)
    window = analysis.grid(X0, X0 + DX * (N - 1))
    _, jumps = analysis.continuity([ta.fn(0), ta.fn(1)], window)
    f_jumps = jumps[0]
    df_jumps = sorted(set(jumps[0]) | set(jumps[1]))
    zones = analysis.intervals_where(lambda t: np.abs(ta.fn(1)(t)) < analysis.SATURATION, window)
    return {
        "y": [_round(v) for v in y], "dy": [_round(v) for v in dy],
        "jumps": _breaks(ta, f_jumps, 0), "dy_jumps": _breaks(ta, df_jumps, 1),
        "zones": [[None if z.lo is None else _round(z.lo), None if z.hi is None else _round(z.hi)] for z in zones],
    }


def explorer_data(act: Activation) -> ExplorerData:
    name, values, default, symbol = slider_values(act)
    settings = [dict(act.defaults)] if name is None else [{**act.defaults, name: v} for v in values]
    return {"id": act.id, "param": name, "symbol": symbol, "values": values, "default": default,
            "x0": X0, "dx": DX, "n": N, "saturation": analysis.SATURATION,
            "curves": [curve(act, p) for p in settings]}
