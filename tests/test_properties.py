"""Computed properties of the four functions agree with what is known of them."""
import math

import numpy as np
import pytest


def logit(p):
    return math.log(p / (1 - p))


def test_sigmoid(records):
    p = records["sigmoid"]["properties"]
    assert p["f_at_0"] == 0.5 and p["df_at_0"] == 0.25
    assert p["max_abs_derivative"] == pytest.approx(0.25, abs=1e-15) and p["argmax_abs_derivative"] == 0.0
    assert p["range"] == [0.0, 1.0] and p["range_closed"] == [False, False]
    assert p["monotonic_kind"] == "increasing" and p["continuity"] == "C∞"
    assert not p["zero_centered"] and p["mean_normal"] == pytest.approx(0.5, abs=1e-9)
    # sigma' = s(1 - s) = 0.01 where s = (1 - sqrt(0.96)) / 2
    edge = -logit((1 - math.sqrt(0.96)) / 2)
    lo, hi = p["saturation"]
    assert lo["lo"] is None and lo["hi"] == pytest.approx(-edge, abs=1e-7)
    assert hi["hi"] is None and hi["lo"] == pytest.approx(edge, abs=1e-7)
    assert p["kinks"] == [] and p["jumps"] == []


def test_tanh(records):
    p = records["tanh"]["properties"]
    assert p["range"] == [-1.0, 1.0] and p["range_closed"] == [False, False]
    assert p["f_at_0"] == 0.0 and p["df_at_0"] == 1.0 and p["argmax_abs_derivative"] == 0.0
    assert p["zero_centered"] and abs(p["mean_normal"]) < 1e-12
    edge = math.atanh(math.sqrt(0.99))  # 1 - tanh^2 = 0.01
    assert [iv["hi"] for iv in p["saturation"]][0] == pytest.approx(-edge, abs=1e-7)


def test_softplus(records):
    p = records["softplus"]["properties"]
    assert p["f_at_0"] == pytest.approx(math.log(2), rel=1e-15) and p["df_at_0"] == 0.5
    assert p["range"] == [0.0, None] and p["range_closed"] == [False, False]
    assert p["max_abs_derivative"] == 1.0 and p["max_abs_derivative_where"] == {"kind": "limit", "side": "+"}
    assert p["saturation"][0]["hi"] == pytest.approx(logit(0.01), abs=1e-7)
    assert p["continuity"] == "C∞" and p["bounded_below"] and not p["bounded_above"]


def test_relu_kink_and_dead_zone(records):
    p = records["relu"]["properties"]
    assert p["range"] == [0.0, None] and p["range_closed"] == [True, False]
    assert p["kinks"] == [{"x": 0.0, "left": 0.0, "right": 1.0, "torch": 0.0}]
    assert p["continuity"] == "C0" and p["monotonic_kind"] == "non-decreasing"
    assert p["saturation"] == [{"lo": None, "hi": 0.0, "lo_closed": False, "hi_closed": True}]
    assert p["max_abs_derivative_where"]["kind"] == "intervals" and p["argmax_abs_derivative"] is None
    assert p["mean_normal"] == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-7)


def test_example_output_is_real(records):
    rec = records["relu"]
    assert "tensor([0., 0., 0., 1., 3.], grad_fn=<ReluBackward0>)" in rec["example"]["output"]
    assert rec["example"]["output"].rstrip().endswith("tensor([0., 0., 0., 1., 1.])")
    for r in records.values():
        assert "Variable" not in r["example"]["code"] and "F.sigmoid" not in r["example"]["code"]


def test_jumps_have_open_and_closed_ends(records):
    p = records["hardshrink"]["properties"]
    assert p["continuity"] == "discontinuous"
    assert p["jumps"] == [{"x": -0.5, "left": -0.5, "right": 0.0, "torch": 0.0, "slope": 0.0},
                          {"x": 0.5, "left": 0.0, "right": 0.5, "torch": 0.0, "slope": 0.0}]
    t = records["threshold"]["properties"]
    assert t["jumps"] == [{"x": 0.1, "left": 20.0, "right": 0.1, "torch": 20.0, "slope": 0.0}]
    assert t["range"] == [0.1, None] and t["range_closed"] == [False, False]  # 0.1 is approached, not reached


def test_kinks_at_their_exact_points(records):
    assert [(k["x"], k["left"], k["right"], k["torch"]) for k in records["relu6"]["properties"]["kinks"]] == \
        [(0.0, 0.0, 1.0, 0.0), (6.0, 1.0, 0.0, 0.0)]
    leaky = records["leakyrelu"]["properties"]["kinks"]
    assert leaky == [{"x": 0.0, "left": 0.01, "right": 1.0, "torch": 0.01}]
    swish = records["hardswish"]["properties"]["kinks"]
    assert [(k["x"], k["left"], k["right"], k["torch"]) for k in swish] == [(-3.0, 0.0, -0.5, 0.0), (3.0, 1.5, 1.0, 1.0)]
    assert records["relu6"]["properties"]["range"] == [0.0, 6.0]
    assert records["relu6"]["properties"]["range_closed"] == [True, True]


def test_gelu_tanh_error_against_exact_gelu(records):
    from math import erf, pi, sqrt, tanh
    xs = np.linspace(-10, 10, 200001)
    exact = np.array([0.5 * v * (1 + erf(v / sqrt(2))) for v in xs])
    approx = np.array([0.5 * v * (1 + tanh(sqrt(2 / pi) * (v + 0.044715 * v ** 3))) for v in xs])
    err = np.abs(exact - approx)
    rec = records["gelu_tanh"]["approximation"]
    assert rec["of"] == "gelu"
    assert rec["max_abs_error"] == pytest.approx(err.max(), rel=1e-6)
    # the error is even (both functions are x times an odd gate's shift): largest at ±x
    assert rec["where"]["kind"] == "points"
    assert rec["where"]["xs"] == pytest.approx([-abs(xs[err.argmax()]), abs(xs[err.argmax()])], abs=2e-4)


def test_smooth_gated_minimum_and_selu(records):
    xs = np.linspace(-5, 0, 500001)
    silu = xs / (1 + np.exp(-xs))
    p = records["silu"]["properties"]
    assert p["range"][0] == pytest.approx(silu.min(), abs=1e-9) and p["range_closed"] == [True, False]
    assert p["monotonic"] is False and p["continuity"] == "C∞"
    selu = records["selu"]["properties"]
    assert selu["zero_centered"] and abs(selu["mean_normal"]) < 1e-3
    assert selu["range"][0] == pytest.approx(-1.0507009873554805 * 1.6732632423543772, rel=1e-12)
    assert records["softsign"]["properties"]["continuity"] == "C1"
    assert records["elu"]["properties"]["continuity"] == "C1"  # alpha = 1: the slopes meet at 0


def test_rrelu_eval_is_the_mean_slope_and_training_is_random(records):
    rec = records["rrelu"]
    assert rec["properties"]["kinks"][0]["torch"] == pytest.approx((0.125 + 1 / 3) / 2, rel=1e-12)
    x, y = np.array(rec["training_sample"]["x"]), np.array(rec["training_sample"]["y"])
    slopes = y[x < -0.1] / x[x < -0.1]
    assert slopes.min() >= 0.125 - 1e-12 and slopes.max() <= 1 / 3 + 1e-12 and np.ptp(slopes) > 0.1
