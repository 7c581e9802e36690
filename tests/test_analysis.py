"""The numerical analysis finds what is known of simple numpy functions."""
import math

import numpy as np
import pytest

from actsite.compute import analysis

X = analysis.grid()


def step(t):
    return np.where(t > 0.5, 2.0, -1.0)


def test_jump_found_at_its_place():
    assert analysis.find_jumps(step, X) == [0.5]
    assert analysis.find_jumps(np.sign, X) == [0.0]  # value at the jump between the limits


def test_steep_but_continuous_is_no_jump():
    assert analysis.find_jumps(lambda t: np.tanh(200 * t), X) == []


def test_continuity_orders():
    absval = [np.abs, np.sign, lambda t: np.zeros_like(t), lambda t: np.zeros_like(t)]
    assert analysis.continuity(absval, X)[0] == "C0"
    smooth = [np.sin, np.cos, lambda t: -np.sin(t), lambda t: -np.cos(t)]
    assert analysis.continuity(smooth, X)[0] == "C∞"
    c1 = [lambda t: t * np.abs(t), lambda t: 2 * np.abs(t), lambda t: 2 * np.sign(t), lambda t: 0 * t]
    assert analysis.continuity(c1, X)[0] == "C1"
    assert analysis.continuity([step, lambda t: 0 * t], X)[0] == "discontinuous"


def test_range_open_closed_and_unbounded():
    assert analysis.value_range(np.arctan, X) == {"range": [-math.pi / 2, math.pi / 2], "range_closed": [False, False]}
    assert analysis.value_range(lambda t: np.maximum(t, 0), X) == {"range": [0.0, None], "range_closed": [True, False]}
    clipped = analysis.value_range(lambda t: np.clip(t, -1, 1), X)
    assert clipped == {"range": [-1.0, 1.0], "range_closed": [True, True]}


def test_intervals_where_extends_to_infinity_and_closes_exact_points():
    ivs = analysis.intervals_where(lambda t: t <= 0, X)
    assert [iv.as_json() for iv in ivs] == [{"lo": None, "hi": 0.0, "lo_closed": False, "hi_closed": True}]
    band = analysis.intervals_where(lambda t: np.abs(t - 1.2345678) < 0.5, X)
    assert len(band) == 1 and band[0].lo == pytest.approx(0.7345678, abs=1e-9)
    assert band[0].hi == pytest.approx(1.7345678, abs=1e-9) and not band[0].hi_closed


def test_sup_abs_point_interval_and_limit():
    point = analysis.sup_abs(lambda t: np.exp(-(t - 0.3) ** 2), X)
    assert point["where"] == {"kind": "point", "x": 0.3} and point["sup"] == 1.0 and point["at"] == 0.3
    limit = analysis.sup_abs(lambda t: 1 / (1 + np.exp(-t)), X)
    assert limit["where"] == {"kind": "limit", "side": "+"} and limit["at"] is None
    flat = analysis.sup_abs(lambda t: np.clip(t, -1, 1), X)
    assert flat["where"]["kind"] == "intervals" and len(flat["where"]["intervals"]) == 2


def test_monotonic_kinds():
    assert analysis.monotonic(np.tanh, None, X)["monotonic_kind"] == "increasing"
    assert analysis.monotonic(lambda t: np.maximum(t, 0), None, X)["monotonic_kind"] == "non-decreasing"
    assert analysis.monotonic(lambda t: t * t, None, X) == {"monotonic": False, "monotonic_kind": None}


def test_normal_moments():
    mean, std = analysis.normal_moments(lambda t: t)
    assert abs(mean) < 1e-12 and std == pytest.approx(1.0, rel=1e-9)
    mean, _ = analysis.normal_moments(lambda t: np.maximum(t, 0))
    assert mean == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-7)


def _phi(t):
    return math.exp(-0.5 * t * t) / math.sqrt(2 * math.pi)


def _Phi(t):
    return 0.5 * (1 + math.erf(t / math.sqrt(2)))


def test_normal_moments_of_functions_with_jumps_match_closed_forms():
    # Threshold(0.1, 20): z above 0.1, else 20. E f = 20 Φ(0.1) + φ(0.1);
    # E f² = 400 Φ(0.1) + E[z²; z > 0.1] = 400 Φ(0.1) + 0.1 φ(0.1) + 1 − Φ(0.1).
    t, v = 0.1, 20.0
    f = lambda z: np.where(z > t, z, v)  # noqa: E731
    mean, std = analysis.normal_moments(f, [t])
    m2 = v * v * _Phi(t) + t * _phi(t) + 1 - _Phi(t)
    assert mean == pytest.approx(v * _Phi(t) + _phi(t), rel=1e-12)
    assert std == pytest.approx(math.sqrt(m2 - (v * _Phi(t) + _phi(t)) ** 2), rel=1e-12)
    # Hardshrink(0.5): E f = 0, E f² = 2 (λ φ(λ) + 1 − Φ(λ)).
    lam = 0.5
    mean, std = analysis.normal_moments(lambda z: np.where(np.abs(z) > lam, z, 0.0), [-lam, lam])
    assert abs(mean) < 1e-15
    assert std == pytest.approx(math.sqrt(2 * (lam * _phi(lam) + 1 - _Phi(lam))), rel=1e-12)


def test_sup_abs_reports_every_point_where_the_largest_value_is_reached():
    # |x e^{-x²}| is largest at x = ±1/√2
    peak = analysis.sup_abs(lambda t: t * np.exp(-t * t), X)
    assert peak["where"]["kind"] == "points" and peak["at"] is None
    assert peak["where"]["xs"] == pytest.approx([-1 / math.sqrt(2), 1 / math.sqrt(2)], abs=1e-6)
    # the same with one peak a little lower: only the higher counts
    peak = analysis.sup_abs(lambda t: t * np.exp(-t * t) * (1 + 0.01 * (t > 0)), X)
    assert peak["where"]["kind"] == "point" and peak["at"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
