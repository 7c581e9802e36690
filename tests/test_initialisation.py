"""The properties that explain initialisation, against an independent computation.

Each function is written again here in mpmath, from its textbook formula (not
from torch, and not from the declaration's LaTeX), and the moments are
integrated with mpmath.quad split at the function's breaks, so a jump or a
kink is never inside a piece. The site publishes 4 significant digits; the
comparisons hold to 1e-6 relative.
"""
import math

import mpmath as mp
import pytest
import torch

from actsite.compute.records import Properties

mp.mp.dps = 30
RTOL = 1e-6


def _relu(x):
    return x if x > 0 else mp.mpf(0)


def _sig(x):
    return 1 / (1 + mp.exp(-x))


def _softplus(x, beta=1):
    return mp.log1p(mp.exp(beta * x)) / beta


# id: (f of x and the declared parameters, where f or f' breaks)
FUNCTIONS = {
    "celu": (lambda x, p: x if x > 0 else p["alpha"] * (mp.exp(x / p["alpha"]) - 1), [0]),
    "elu": (lambda x, p: x if x > 0 else p["alpha"] * (mp.exp(x) - 1), [0]),
    "leakyrelu": (lambda x, p: x if x > 0 else p["negative_slope"] * x, [0]),
    "prelu": (lambda x, p: x if x > 0 else p["init"] * x, [0]),
    "relu": (lambda x, p: _relu(x), [0]),
    "relu6": (lambda x, p: min(_relu(x), mp.mpf(6)), [0, 6]),
    "rrelu": (lambda x, p: x if x > 0 else (p["lower"] + p["upper"]) / 2 * x, [0]),  # eval mode: the mean slope
    "selu": (lambda x, p: p["scale"] * (x if x > 0 else p["alpha"] * (mp.exp(x) - 1)), [0]),
    "softplus": (lambda x, p: _softplus(x, p["beta"]), []),
    "squared_relu": (lambda x, p: _relu(x) ** 2, [0]),
    "squareplus": (lambda x, p: (x + mp.sqrt(x * x + p["b"])) / 2, []),
    "gelu": (lambda x, p: x * mp.ncdf(x), []),
    "gelu_tanh": (lambda x, p: x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x ** 3))), []),
    "mish": (lambda x, p: x * mp.tanh(_softplus(x)), []),
    "silu": (lambda x, p: x * _sig(x), []),
    "swish": (lambda x, p: x * _sig(p["beta"] * x), []),
    "logsigmoid": (lambda x, p: -mp.log1p(mp.exp(-x)), []),
    "sigmoid": (lambda x, p: _sig(x), []),
    "softsign": (lambda x, p: x / (1 + abs(x)), [0]),
    "tanh": (lambda x, p: mp.tanh(x), []),
    "hardsigmoid": (lambda x, p: min(_relu(x + 3), mp.mpf(6)) / 6, [-3, 3]),
    "hardswish": (lambda x, p: x * min(_relu(x + 3), mp.mpf(6)) / 6, [-3, 3]),
    "hardtanh": (lambda x, p: min(max(x, mp.mpf(p["min_val"])), mp.mpf(p["max_val"])), [-1, 1]),
    "hardshrink": (lambda x, p: x if abs(x) > p["lambd"] else mp.mpf(0), [-0.5, 0.5]),
    "softshrink": (lambda x, p: x - p["lambd"] if x > p["lambd"] else x + p["lambd"] if x < -p["lambd"]
                   else mp.mpf(0), [-0.5, 0.5]),
    "tanhshrink": (lambda x, p: x - mp.tanh(x), []),
    "threshold": (lambda x, p: x if x > p["threshold"] else mp.mpf(p["value"]), [0.1]),
    "gaussian": (lambda x, p: mp.exp(-x * x), []),
    "sine": (lambda x, p: mp.sin(x), []),
    "snake": (lambda x, p: x + mp.sin(p["a"] * x) ** 2 / p["a"], []),
    "binary_step": (lambda x, p: mp.mpf(1) if x >= 0 else mp.mpf(0), [0]),
    "identity": (lambda x, p: x, []),
}

# Where f is 0 on a stretch, as (lo, hi), from the definitions above
ZERO_SETS = {"relu": [(-mp.inf, 0)], "relu6": [(-mp.inf, 0)], "squared_relu": [(-mp.inf, 0)],
             "binary_step": [(-mp.inf, 0)], "hardsigmoid": [(-mp.inf, -3)], "hardswish": [(-mp.inf, -3)],
             "hardshrink": [(-0.5, 0.5)], "softshrink": [(-0.5, 0.5)]}
ODD = {"tanh", "softsign", "hardtanh", "hardshrink", "softshrink", "tanhshrink", "sine", "identity"}
EVEN = {"gaussian"}
# the Lipschitz constant sup |f'|, in closed form or by mpmath; None: f jumps or f' is unbounded
LIPSCHITZ = {
    "relu": 1, "relu6": 1, "leakyrelu": 1, "prelu": 1, "rrelu": 1, "elu": 1, "celu": 1, "softplus": 1,
    "squareplus": 1, "logsigmoid": 1, "tanh": 1, "softsign": 1, "hardtanh": 1, "softshrink": 1,
    "tanhshrink": 1, "identity": 1, "sine": 1, "snake": 2,  # 1 + sin(2ax)
    "sigmoid": mp.mpf(1) / 4, "hardsigmoid": mp.mpf(1) / 6, "hardswish": mp.mpf(3) / 2,  # (2x + 3)/6 at 3
    "selu": None, "gaussian": mp.sqrt(2) * mp.exp(-0.5),  # |f'| = 2|x|e^(-x²), largest at 1/√2
    "squared_relu": None, "hardshrink": None, "threshold": None, "binary_step": None,
    # smooth dips: f' is largest where f'' = 0
    "gelu": None, "gelu_tanh": None, "silu": None, "swish": None, "mish": None,
}
SMOOTH_PEAK = {"gelu", "gelu_tanh", "silu", "swish", "mish"}
# torch.nn.init.calculate_gain's documented table
TORCH_GAINS = {"relu": math.sqrt(2), "leakyrelu": math.sqrt(2 / (1 + 0.01 ** 2)), "tanh": 5 / 3,
               "sigmoid": 1.0, "selu": 3 / 4, "identity": 1.0}


@pytest.fixture(scope="module")
def props(catalog, records):
    return {a.id: Properties.from_json(records[a.id]["properties"]) for a in catalog}


@pytest.fixture(scope="module")
def params(catalog):
    return {a.id: {**{k: mp.mpf(v) for k, v in a.defaults.items() if not isinstance(v, str)},
                   **{c.name: mp.mpf(c.default) for c in a.constants}} for a in catalog}


def test_every_function_is_written_again_here(catalog):
    assert set(FUNCTIONS) == {a.id for a in catalog}


def _normal_expectation(g, breaks):
    pts = [-mp.inf, *sorted(mp.mpf(b) for b in breaks), mp.inf]
    return mp.quad(lambda z: g(z) * mp.npdf(z), pts)


@pytest.mark.parametrize("act_id", FUNCTIONS)
def test_second_moment_and_gain(act_id, props, params):
    f, breaks = FUNCTIONS[act_id]
    p = params[act_id]
    m2 = _normal_expectation(lambda z: f(z, p) ** 2, breaks)
    mean = _normal_expectation(lambda z: f(z, p), breaks)
    got = props[act_id]
    assert got.second_moment == pytest.approx(float(m2), rel=RTOL)
    assert got.gain == pytest.approx(float(1 / mp.sqrt(m2)), rel=RTOL)
    assert got.mean_normal == pytest.approx(float(mean), rel=RTOL, abs=1e-12)


@pytest.mark.parametrize("act_id", FUNCTIONS)
def test_sparsity(act_id, props):
    expected = sum(mp.ncdf(hi) - mp.ncdf(lo) for lo, hi in ZERO_SETS.get(act_id, []))
    assert props[act_id].sparsity == pytest.approx(float(expected), rel=RTOL, abs=1e-15)


@pytest.mark.parametrize("act_id", FUNCTIONS)
def test_symmetry(act_id, props):
    expected = "odd" if act_id in ODD else "even" if act_id in EVEN else "neither"
    assert props[act_id].symmetry == expected
    if expected == "odd":  # why odd functions come out zero-centred
        assert props[act_id].mean_normal == 0.0 and props[act_id].zero_centered


@pytest.mark.parametrize("act_id", FUNCTIONS)
def test_identity_near_0(act_id, props, params):
    f, _ = FUNCTIONS[act_id]
    p = params[act_id]
    h = mp.mpf("1e-12")
    left, right = (f(0, p) - f(-h, p)) / h, (f(h, p) - f(0, p)) / h  # one-sided slopes at 0
    expected = f(0, p) == 0 and abs(left - 1) < 1e-9 and abs(right - 1) < 1e-9
    assert props[act_id].identity_near_0 == expected


@pytest.mark.parametrize("act_id", FUNCTIONS)
def test_lipschitz(act_id, props, params):
    got = props[act_id]
    f, _ = FUNCTIONS[act_id]
    p = params[act_id]
    if act_id in SMOOTH_PEAK:  # the largest slope, where f'' = 0, right of the dip
        df = lambda x: mp.diff(lambda t: f(t, p), x)  # noqa: E731
        peak = mp.findroot(lambda x: mp.diff(lambda t: f(t, p), x, 2), 1.5)
        expected = df(peak)
    elif act_id == "selu":  # the slope just left of 0: scale · alpha
        expected = p["scale"] * p["alpha"]
    else:
        expected = LIPSCHITZ[act_id]
    if expected is None:
        assert got.lipschitz is None
        assert got.lipschitz_none == ("jump" if got.jumps else "unbounded")
        assert got.lipschitz_none == {"squared_relu": "unbounded"}.get(act_id, "jump")
    else:
        assert got.lipschitz == pytest.approx(float(expected), rel=RTOL)


# a non-monotonic function's least value and where: by mpmath.findroot of f' near the grid's guess
MINIMA = {"gelu": -0.75, "gelu_tanh": -0.75, "silu": -1.28, "swish": -1.28, "mish": -1.19}


@pytest.mark.parametrize("act_id", FUNCTIONS)
def test_minimum(act_id, props, params):
    got = props[act_id]
    f, _ = FUNCTIONS[act_id]
    p = params[act_id]
    if act_id in MINIMA:
        x0 = mp.findroot(lambda x: mp.diff(lambda t: f(t, p), x), MINIMA[act_id])
        assert got.minimum["value"] == pytest.approx(float(f(x0, p)), rel=RTOL)
        assert got.minimum["where"] == {"kind": "point", "x": pytest.approx(float(x0), abs=1e-6)}
    elif act_id == "hardswish":  # x(x + 3)/6 is least at x = -3/2
        assert got.minimum == {"value": -0.375, "where": {"kind": "point", "x": -1.5}}
    elif act_id == "sine":  # -1 at -π/2 + 2πk: those in the window [-10, 10]
        assert got.minimum["value"] == -1.0
        assert got.minimum["where"]["xs"] == pytest.approx([-5 * math.pi / 2, -math.pi / 2, 3 * math.pi / 2],
                                                           abs=1e-6)
    else:  # monotonic, or (Gaussian, Threshold) the least value is only approached
        assert got.minimum is None
        assert got.monotonic or not got.range_closed[0]


def test_torch_gains(props, catalog):
    assert {a.id: props[a.id].torch_gain for a in catalog if props[a.id].torch_gain is not None} == \
        pytest.approx(TORCH_GAINS, rel=1e-12)
    # ReLU and Leaky ReLU: torch's gain is the variance-preserving one; tanh, sigmoid and SELU differ
    for act_id in ("relu", "leakyrelu", "identity"):
        assert props[act_id].gain == pytest.approx(props[act_id].torch_gain, rel=1e-9)
    for act_id in ("tanh", "sigmoid", "selu"):
        assert abs(props[act_id].gain - props[act_id].torch_gain) > 0.05


def test_only_prelu_trains_a_parameter(props, catalog):
    trained = {a.id: props[a.id].trainable for a in catalog if props[a.id].trainable}
    assert trained == {"prelu": ["weight"]}
    assert [n for n, _ in torch.nn.PReLU().named_parameters()] == ["weight"]


def test_a_step_takes_its_values_only(props):
    """The binary step's outputs are the set {0, 1}, not the interval [0, 1]; every other
    function (Threshold's flat part included) moves continuously somewhere."""
    assert {i: p.values for i, p in props.items() if p.values is not None} == {"binary_step": [0.0, 1.0]}
    assert props["binary_step"].jumps[0].slope == 0.0  # autograd's value where no derivative exists
