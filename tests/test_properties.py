"""Computed properties of the four functions agree with what is known of them."""
import math

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
