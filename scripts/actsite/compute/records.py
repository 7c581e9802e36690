"""The typed records the compute stage hands on: what torch computed of one
function. Torch-free, so that render and assemble read them without it.

A record travels through the cache as JSON (``to_json``/``from_json``); the
published data file (data/activations.json) writes ``Properties.to_json()``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal, Optional, TypedDict


class Interval(TypedDict):
    """A set of x such as x ≤ 0 (None: unbounded on that side)."""
    lo: Optional[float]
    hi: Optional[float]
    lo_closed: bool
    hi_closed: bool


class Where(TypedDict, total=False):
    """Where a largest value is reached: at a point, at several points, on
    intervals, beside a point (a one-sided limit at a kink or jump) or as x
    goes to ±∞."""
    kind: Literal["point", "points", "intervals", "beside", "limit"]
    x: float
    xs: list[float]
    intervals: list[Interval]
    side: str


class Extreme(TypedDict):
    value: float
    where: Where


@dataclass(frozen=True)
class Break:
    """A kink (one-sided slopes of f) or a jump (one-sided values of f) at x,
    and what torch returns exactly there."""
    x: float
    left: float
    right: float
    torch: float


@dataclass(frozen=True)
class Jump(Break):
    """A jump of f, and the slope autograd returns there, where f has no derivative."""
    slope: float


@dataclass(frozen=True)
class Curve:
    x: list[float]
    y: list[float]
    dy: list[float]


@dataclass(frozen=True)
class Properties:
    range: list[Optional[float]]          # [lo, hi]; None for an unbounded end
    range_closed: list[bool]
    f_at_0: float
    df_at_0: float
    max_abs_derivative: Optional[float]   # None: |f'| grows without bound
    argmax_abs_derivative: Optional[float]
    max_abs_derivative_where: Where
    monotonic: bool
    monotonic_kind: Optional[str]         # "increasing", "non_decreasing", ...
    mean_normal: float                    # E f(z), z ~ N(0, 1)
    std_normal: float
    zero_centered: bool
    bounded_below: bool
    bounded_above: bool
    continuity: str                       # "C∞", "C0", "C1", ..., "discontinuous"
    saturation: list[Interval]            # where |f'| < the saturation threshold
    kinks: list[Break]
    jumps: list[Jump]
    # what explains initialisation
    lipschitz: Optional[float]            # sup |f'|; None where f is not Lipschitz
    lipschitz_none: Optional[str]         # why not: "jump" or "unbounded"
    identity_near_0: bool                 # f(0) = 0 and f'(0) = 1 on both sides
    symmetry: str                         # "odd", "even" or "neither"
    zero_set: list[Interval]              # where f is exactly 0 on a stretch
    sparsity: float                       # P(f(z) = 0), z ~ N(0, 1)
    second_moment: float                  # E f(z)²
    gain: float                           # 1 / sqrt(E f(z)²): keeps E x² from layer to layer
    torch_gain: Optional[float]           # torch.nn.init.calculate_gain, where torch has one
    minimum: Optional[Extreme]            # a non-monotonic f's least value and where; None otherwise
    trainable: list[str]                  # the module's parameters an optimiser updates
    values: Optional[list[float]] = None  # a piecewise-constant f's finite set of values ({0, 1})

    @classmethod
    def from_json(cls, data: dict) -> "Properties":
        return cls(**{**data, "kinks": [Break(**k) for k in data["kinks"]],
                      "jumps": [Jump(**j) for j in data["jumps"]]})

    def to_json(self) -> dict:
        return _sorted(asdict(self))


@dataclass(frozen=True)
class Sweep:
    """The curves of a parameter family: one per swept value, and where each jumps."""
    param: str
    values: list[float]
    x: list[float]
    y: list[list[float]]
    breaks: list[list[float]]


@dataclass(frozen=True)
class Approximation:
    of: str                # the function approximated
    max_abs_error: float
    where: Where


@dataclass(frozen=True)
class Check:
    points: int            # how many x the shown formulas were checked at
    max_abs_x: float


@dataclass(frozen=True)
class Method:
    """The settings the properties were computed with, for the page to state."""
    window: float
    step: float
    far: float
    saturation: float
    zero_mean: float


@dataclass(frozen=True)
class Example:
    code: str
    output: str


@dataclass(frozen=True)
class Record:
    id: str
    torch_version: str
    data: Curve            # the published values (data/<id>.csv)
    plot: Curve            # the dense curve the figures draw
    properties: Properties
    check: Check
    cost: int              # distinct exp/log/tanh/erf terms of the shown formula
    method: Method
    example: Example
    approximation: Optional[Approximation] = None
    sweep: Optional[Sweep] = None
    training_sample: Optional[dict] = None  # {"x", "y"}: one training-mode pass (RReLU)
    torch_defaults: Optional[dict] = None   # torch's default of each parameter (None: it has none)

    @classmethod
    def from_json(cls, data: dict) -> "Record":
        """From the dict compute() returns (as the cache stores it)."""
        optional = {"approximation": Approximation, "sweep": Sweep}
        return cls(
            id=data["id"], torch_version=data["torch_version"],
            data=Curve(data["x"], data["y"], data["dy"]), plot=Curve(**data["plot"]),
            properties=Properties.from_json(data["properties"]), check=Check(**data["check"]),
            cost=data["cost"], method=Method(**data["method"]), example=Example(**data["example"]),
            training_sample=data.get("training_sample"), torch_defaults=data.get("torch_defaults"),
            **{k: kind(**data[k]) for k, kind in optional.items() if k in data},
        )


# --- the JSON that the explorer's script reads (overrides/assets/javascripts/explorer.js) ---

class ExplorerCurve(TypedDict):
    """One slider position: f and autograd's f' at x0 + i·dx, i < n (6 significant digits)."""
    y: list[float]
    dy: list[float]
    jumps: list[list[float]]     # [x, limit from the left, from the right] of each jump of f
    dy_jumps: list[list[float]]  # the same for f' (its jumps and the kinks of f)
    zones: list[list[Optional[float]]]  # [lo, hi] where |f'| < saturation; None: unbounded


class ExplorerData(TypedDict):
    """assets/explorer/<id>.json: one function, for every position of its slider."""
    id: str
    param: Optional[str]         # the slider's parameter, None without one
    symbol: Optional[str]        # its symbol as text (α, β, λ)
    values: list[float]          # the slider's values
    default: int                 # index of the declared value among them
    x0: float
    dx: float
    n: int
    saturation: float
    curves: list[ExplorerCurve]  # one per value (one when there is no slider)


def _sorted(value):
    """Dicts with sorted keys all the way down, as the cache and the data file write them."""
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value

