"""Evaluate one declaration with torch and derive everything the site shows.

Returns a plain JSON-able record; later stages (figures, pages, data files)
read only this record, so they never need torch.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from . import analysis
from .checks import check_grid, check_latex
from ..declare.catalog import Activation
from ..errors import SiteError
from .evaluate import TorchActivation, torch_defaults
from .examples import example_code, run_example
from .latex_eval import transcendentals

DATA_X = np.linspace(-6.0, 6.0, 241)
PLOT_POINTS = 2001


def _floats(a: np.ndarray) -> list[float]:
    return [float(v) for v in a]


def _breaks(ta: TorchActivation, points: list[float], order: int) -> list[dict]:
    """At each kink (order 1: one-sided derivatives) or jump (order 0: one-sided
    values), both sides and what torch returns exactly there."""
    out = []
    for k in points:
        left, at, right = ta.derivatives(np.array([k - 1e-9, k, k + 1e-9]), order)[order]
        out.append({"x": k, "left": analysis.snap(float(left)), "right": analysis.snap(float(right)),
                    "torch": float(at)})
    return out


def _kinks(ta: TorchActivation, points: list[float]) -> list[dict]:
    return _breaks(ta, points, 1)


def _jumps(ta: TorchActivation, points: list[float]) -> list[dict]:
    """Each jump of f, and the slope autograd gives exactly there, where f has no derivative."""
    slopes = ta.derivatives(np.array(points, dtype=float), 1)[1] if points else []
    return [{**j, "slope": float(d)} for j, d in zip(_breaks(ta, points, 0), slopes)]


def _values(f, df, window: np.ndarray, jumps: list[float]) -> list[float] | None:
    """The values of a piecewise-constant f (f' = 0 everywhere, the binary step):
    a finite set, which an interval such as [0, 1] would misstate; None otherwise."""
    if not jumps or np.any(df(window) != 0):
        return None
    values = np.unique(f(np.concatenate((window, jumps))))
    return [float(v) for v in values] if values.size <= 16 else None


def _approximation(ta: TorchActivation, reference: Activation) -> dict:
    """Largest |f - g| against the function f approximates, and where."""
    ref = TorchActivation(reference)
    peak = analysis.sup_abs(lambda t: ta.fn(0)(t) - ref.fn(0)(t), analysis.grid())
    return {"of": reference.id, "max_abs_error": peak["sup"], "where": peak["where"]}


def _sweep(act: Activation, x: np.ndarray) -> dict:
    """The curve for each swept value, and where it jumps (so no line is drawn across)."""
    name, values = act.sweep
    default = float(act.defaults[name])
    if default not in values:  # the caption says the default is drawn (thick): draw it
        values = tuple(sorted((*values, default)))
    tas = [TorchActivation(act, {**act.defaults, name: v}) for v in values]
    for ta in tas:
        _check_finite(act, ta)
    window = analysis.grid(float(x[0]), float(x[-1]))
    return {"param": name, "values": list(values), "x": _floats(x),
            "y": [_floats(ta.derivatives(x, 0)[0]) for ta in tas],
            "breaks": [analysis.find_jumps(ta.fn(0), window) for ta in tas]}


def _check_finite(act: Activation, ta: TorchActivation) -> None:
    """A function is finite on the check grid with sound parameters: an inf or
    nan from torch there is the parameters' doing (softplus with beta = 0), and
    would otherwise surface as a wrong formula or a failed analysis."""
    xs = check_grid()
    for order, v in enumerate(ta.derivatives(xs, 1)):
        bad = np.flatnonzero(~np.isfinite(v))
        if bad.size and act.params:
            i = bad[0]
            values = ", ".join(f"{k} = {p!r}" for k, p in ta.params.items())
            raise SiteError(f"activation '{act.id}'", act.path, ta.field(),
                            f"with {values}, torch gives {'f′' if order else 'f'}({float(xs[i])!r}) = "
                            f"{float(v[i])!r}: a parameter out of the range where {act.computed_by} is finite")


def _example_output(ta: TorchActivation, code: str) -> str:
    """The page's example is written from the declaration: when it fails, its parameters are why."""
    try:
        return run_example(code, ta.act.id)
    except Exception as exc:
        raise SiteError(f"activation '{ta.act.id}'", ta.act.path, ta.field(text=str(exc)),
                        f"the example on the page (float32) raised {type(exc).__name__}: {exc}") from None


def _torch_gain(act: Activation) -> float | None:
    """torch.nn.init.calculate_gain for this function, where torch has an entry for it."""
    if act.gain is None:
        return None
    nonlinearity, param = act.gain
    try:
        return float(torch.nn.init.calculate_gain(nonlinearity, None if param is None else act.defaults[param]))
    except ValueError as exc:
        raise SiteError(f"activation '{act.id}'", act.path, "gain.nonlinearity",
                        f"torch.nn.init.calculate_gain refuses it: {exc}") from None


def _initialisation(f, act: Activation, ta: TorchActivation, window: np.ndarray, props: dict,
                    breaks: list[float]) -> dict:
    """What explains initialisation: the Lipschitz constant, the identity near 0,
    symmetry, sparsity, E f(z)² and the variance-preserving gain, the minimum."""
    out: dict = {}
    if props["jumps"]:
        out["lipschitz"], out["lipschitz_none"] = None, "jump"
    elif props["max_abs_derivative"] is None:
        out["lipschitz"], out["lipschitz_none"] = None, "unbounded"
    else:
        out["lipschitz"], out["lipschitz_none"] = props["max_abs_derivative"], None
    left, right = ta.derivatives(np.array([-1e-9, 1e-9]), 1)[1]
    out["identity_near_0"] = bool(props["f_at_0"] == 0.0 and abs(props["df_at_0"] - 1.0) < 1e-9 \
        and abs(left - 1.0) < 1e-6 and abs(right - 1.0) < 1e-6)
    out["symmetry"] = analysis.symmetry(f, window)
    zeros = analysis.zero_set(f, window, breaks)
    out["zero_set"] = [iv.as_json() for iv in zeros]
    out["sparsity"] = analysis.normal_probability(zeros)
    mean, std = props["mean_normal"], props["std_normal"]
    out["second_moment"] = std * std + mean * mean
    out["gain"] = 1.0 / math.sqrt(out["second_moment"])
    out["torch_gain"] = _torch_gain(act)
    lo, lo_closed = props["range"][0], props["range_closed"][0]
    out["minimum"] = None
    if not props["monotonic"] and lo is not None and lo_closed:
        out["minimum"] = {"value": lo, "where": analysis.minimum(f, window, lo)}
    out["trainable"] = ta.trainable
    return out


def compute(act: Activation, reference: Activation | None = None) -> dict:
    """Everything the site shows of ``act``; ``reference`` is the function it
    approximates, when the declaration names one."""
    ta = TorchActivation(act)
    f, df = ta.fn(0), ta.fn(1)
    window = analysis.grid()
    defaults = torch_defaults(act)
    for name, d in defaults.items():
        if d is None and not act.example_params:  # the page would call the value a default
            raise SiteError(f"activation '{act.id}'", act.path, f"params.{name}",
                            f"{act.computed_by} has no default for it: declare 'example_params: true'")
    _check_finite(act, ta)

    # Declared functional must compute the same as the module (an expression is both).
    if act.functional is not None and not np.array_equal(ta.functional_values(window), f(window)):
        raise SiteError(f"activation '{act.id}'", act.path, "functional",
                        f"{act.functional} does not give the same values as {act.module}")

    label, jumps_by_order = analysis.continuity([ta.fn(k) for k in range(4)], window)
    jump_points = jumps_by_order[0]
    kink_points = [k for k in jumps_by_order[1] if k not in jump_points]

    # The formula and the derivative shown on the page must be what torch computes.
    xs = check_grid(kink_points + jump_points)
    values = ta.derivatives(xs, 1)
    check_latex(act, "formula", act.formula, xs, values[0], act.computed_by)
    check_latex(act, "derivative", act.derivative, xs, values[1], f"autograd's derivative of {act.computed_by}")

    props: dict = {}
    # the kinks and jumps themselves, so a value reached only there is seen
    window_and_breaks = np.unique(np.concatenate((window, kink_points, jump_points)))
    props.update(analysis.value_range(f, window_and_breaks, _jumps(ta, jump_points)))
    at0 = ta.derivatives(np.array([0.0]), 1)
    props["f_at_0"] = float(at0[0][0])
    props["df_at_0"] = float(at0[1][0])
    peak = analysis.sup_abs(df, window, _kinks(ta, kink_points))
    props["max_abs_derivative"] = peak["sup"]
    props["argmax_abs_derivative"] = peak["at"]
    props["max_abs_derivative_where"] = peak["where"]
    props.update(analysis.monotonic(f, df, window))
    mean, std = analysis.normal_moments(f, jump_points + kink_points)
    mean = 0.0 if abs(mean) < 1e-12 else mean  # rounding noise of an odd function
    props["mean_normal"], props["std_normal"] = mean, std
    props["zero_centered"] = abs(mean) < analysis.ZERO_MEAN
    props["bounded_below"] = props["range"][0] is not None
    props["bounded_above"] = props["range"][1] is not None
    props["continuity"] = label
    props["saturation"] = [iv.as_json() for iv in analysis.intervals_where(
        lambda t: np.abs(df(t)) < analysis.SATURATION, window)]
    props["kinks"] = _kinks(ta, kink_points)
    props["jumps"] = _jumps(ta, jump_points)
    props["values"] = _values(f, df, window, jump_points)
    every_break = sorted({b for points in jumps_by_order.values() for b in points})  # of f and its derivatives
    props.update(_initialisation(f, act, ta, window, props, every_break))

    data = ta.derivatives(DATA_X, 1)
    lo, hi = act.plot_x
    plot_x = np.unique(np.concatenate((np.linspace(lo, hi, PLOT_POINTS),
                                       [p for p in kink_points + jump_points if lo < p < hi])))
    plot = ta.derivatives(plot_x, 1)

    extras = {}
    if reference is not None:
        extras["approximation"] = _approximation(ta, reference)
    sweep_x = np.linspace(lo, hi, 601)
    if act.sweep:
        extras["sweep"] = _sweep(act, sweep_x)
    if act.train_draws:
        extras["training_sample"] = {"x": _floats(sweep_x), "y": _floats(ta.training_sample(sweep_x))}

    code = example_code(act)
    return {
        **extras,
        "id": act.id,
        "torch_version": torch.__version__,
        "torch_defaults": defaults,  # torch's own default of each parameter: the page says where it differs
        "x": _floats(DATA_X), "y": _floats(data[0]), "dy": _floats(data[1]),
        "plot": {"x": _floats(plot_x), "y": _floats(plot[0]), "dy": _floats(plot[1])},
        "properties": props,
        "check": {"points": int(xs.size), "max_abs_x": float(np.max(np.abs(xs)))},
        "cost": transcendentals(act.formula, act.symbols),  # distinct exp/log/tanh/erf terms shown
        "method": {"window": analysis.WINDOW, "step": analysis.STEP, "far": max(analysis.FAR),
                   "saturation": analysis.SATURATION, "zero_mean": analysis.ZERO_MEAN},
        "example": {"code": code, "output": _example_output(ta, code)},
    }
