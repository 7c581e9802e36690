"""Derive the properties of a scalar function from numbers alone.

Everything here works on callables that map a float64 array to a float64
array (the function and its derivatives, as torch and autograd compute them),
so the numbers on the site come from evaluation, never from a typed table.
The window [-WINDOW, WINDOW] is sampled densely; behaviour beyond it is read
from far-away points (the tails), which is how open and closed range ends and
limits such as sup |f'| of softplus (approached, never attained) are told apart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

Fn = Callable[[np.ndarray], np.ndarray]

WINDOW = 10.0
STEP = 1e-3
FAR = (20.0, 100.0, 1e6, 1e100)  # tail points, in increasing distance (x³ stays finite)
SATURATION = 0.01  # |f'| below this is where gradients vanish
ZERO_MEAN = 0.01  # |E f(z)|, z ~ N(0, 1), below this is zero-centred


def grid(lo: float = -WINDOW, hi: float = WINDOW, step: float = STEP) -> np.ndarray:
    n = int(round((hi - lo) / step)) + 1
    x = np.linspace(lo, hi, n)
    x[np.argmin(np.abs(x))] = 0.0  # make sure 0 is sampled exactly
    return x


def snap(v: float, tol: float = 1e-8) -> float:
    """Round a refined point to a short decimal when it is one (0, 1, -3)."""
    for digits in range(0, 7):
        r = round(v, digits)
        if abs(r - v) < tol:
            return r + 0.0
    return v


def is_round(v: float) -> bool:
    """A short decimal such as 0, 0.5 or -3: where kinks sit, unlike the
    crossing of a continuous curve, refined to many digits."""
    return any(round(v, digits) == v for digits in range(0, 4))


def _tails(fn: Fn, sign: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        vals = fn(np.array([sign * t for t in FAR]))
    return vals[np.isfinite(vals)]


def _holds_far(pred: Callable[[np.ndarray], np.ndarray], sign: float) -> bool:
    with np.errstate(all="ignore"):
        return bool(np.all(pred(np.array([sign * t for t in FAR]))))


# --- discontinuities -----------------------------------------------------

def find_jumps(fn: Fn, x: np.ndarray, *, min_jump: float = 1e-6) -> list[float]:
    """Points where ``fn`` jumps: the difference across them does not shrink
    when the interval is narrowed, unlike a steep but continuous stretch."""
    v = fn(x)
    d = np.abs(np.diff(v))
    # A jump stands out against the differences around it; the two next to it
    # are left out, since a value at the jump itself splits it in two.
    padded = np.pad(d, 6)
    around = np.lib.stride_tricks.sliding_window_view(padded, 13).copy()
    around[:, 5:8] = 0.0
    candidates = np.nonzero((d > min_jump) & (d > 8 * around.max(axis=1)))[0]
    jumps: list[float] = []
    for i in candidates:
        a, b = float(x[i]), float(x[i + 1])
        size = float(d[i])
        for _ in range(40):
            sub = np.linspace(a, b, 17)
            sd = np.abs(np.diff(fn(sub)))
            k = int(np.argmax(sd))
            a, b = float(sub[k]), float(sub[k + 1])
            if b - a < 1e-12:
                break
        if float(np.abs(fn(np.array([a, b]))[1] - fn(np.array([a, b]))[0])) > 0.5 * size:
            point = snap(0.5 * (a + b))
            if not jumps or abs(jumps[-1] - point) > 1e-6:
                jumps.append(point)
    return jumps


def continuity(derivatives: list[Fn], x: np.ndarray) -> tuple[str, dict[int, list[float]]]:
    """Order of continuity from jumps of f, f', f'', f''' (autograd).

    Returns a label (``"discontinuous"``, ``"C0"``, ``"C1"``, ``"C2"`` or
    ``"C∞"`` when none of the derivatives checked jumps) and the jump points
    found for each order.
    """
    found: dict[int, list[float]] = {}
    for k, fn in enumerate(derivatives):
        # lazily: a higher derivative is only taken where the lower ones are
        # continuous (autograd has no second derivative of Hardsigmoid)
        found[k] = find_jumps(fn, x)
        if found[k]:
            if k == 0:
                found[1] = find_jumps(derivatives[1], x) if len(derivatives) > 1 else []
            return ("discontinuous" if k == 0 else f"C{k - 1}"), found
    return "C∞", found


# --- sets where a condition holds, as intervals -------------------------

@dataclass
class Interval:
    lo: float | None  # None = -infinity
    hi: float | None  # None = +infinity
    lo_closed: bool
    hi_closed: bool

    def as_json(self) -> dict:
        return {"lo": self.lo, "hi": self.hi, "lo_closed": self.lo_closed, "hi_closed": self.hi_closed}


def _boundary(pred: Callable[[np.ndarray], np.ndarray], inside: float, outside: float) -> float:
    a, b = inside, outside
    for _ in range(80):
        m = 0.5 * (a + b)
        if m in (a, b):
            break
        if pred(np.array([m]))[0]:
            a = m
        else:
            b = m
    return snap(0.5 * (a + b))


def intervals_where(pred: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> list[Interval]:
    """The set {t : pred(t)} as intervals, ends refined by bisection and
    extended to infinity when the tails satisfy the predicate too. An end is
    closed only where it is an exact point such as a kink (x <= 0 for ReLU);
    a refined crossing of a continuous function is reported as open."""
    mask = pred(x)
    out: list[Interval] = []
    i, n = 0, len(x)
    while i < n:
        if not mask[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and mask[j + 1]:
            j += 1
        if i == 0 and _holds_far(pred, -1.0):
            lo, lo_closed = None, False
        elif i == 0:
            lo = float(x[0])
            lo_closed = True
        else:
            lo = _boundary(pred, float(x[i]), float(x[i - 1]))
            lo_closed = is_round(lo) and bool(pred(np.array([lo]))[0])
        if j == n - 1 and _holds_far(pred, 1.0):
            hi, hi_closed = None, False
        elif j == n - 1:
            hi = float(x[-1])
            hi_closed = True
        else:
            hi = _boundary(pred, float(x[j]), float(x[j + 1]))
            hi_closed = is_round(hi) and bool(pred(np.array([hi]))[0])
        out.append(Interval(lo, hi, lo_closed, hi_closed))
        i = j + 1
    return out


# --- range, extremes, symmetry -------------------------------------------

def value_range(f: Fn, x: np.ndarray, jumps: list[dict] = ()) -> dict:
    """inf and sup of f over the reals: attained (closed) inside the window,
    or approached in a tail or at a jump (open), or unbounded (None).
    ``jumps`` carry the one-sided limits at each jump ({left, right, torch})."""
    y = f(x)
    limits = [j[side] for j in jumps for side in ("left", "right") if j[side] != j["torch"]]
    tail = np.concatenate((_tails(f, -1.0), _tails(f, 1.0), np.asarray(limits, dtype=float)))
    ends = {}
    for side, pick in (("lo", np.min), ("hi", np.max)):
        inner = float(pick(y))
        extreme = float(pick(tail)) if tail.size else inner
        beyond = extreme < inner if side == "lo" else extreme > inner
        if beyond and abs(extreme) > 1e6:
            ends[side] = (None, False)
        elif beyond and abs(extreme - inner) > 1e-12 * abs(inner):  # relative: e^(-x²) is 4e-44 at the window's end
            ends[side] = (snap(extreme), False)  # a limit, not attained
        else:  # reached inside the window: zoom in on where (SiLU's minimum)
            sign = -1.0 if side == "lo" else 1.0
            at = float(x[int(np.argmin(y) if side == "lo" else np.argmax(y))])
            _, refined = _refine_max(lambda t: sign * f(t), at, STEP)
            ends[side] = (snap(max(inner, sign * refined) if side == "hi" else min(inner, sign * refined)), True)
    return {"range": [ends["lo"][0], ends["hi"][0]], "range_closed": [ends["lo"][1], ends["hi"][1]]}


def _refine_max(g: Fn, x0: float, step: float) -> tuple[float, float]:
    """Zoom in on a smooth maximum. Near the top, values differ by rounding
    only, so the centre of the points within rounding of the maximum is used;
    the position is good to about 1e-7, the value to the last digits."""
    lo, hi = x0 - step, x0 + step
    for _ in range(6):
        t = np.linspace(lo, hi, 41)
        v = g(t)
        top = t[v >= v.max() - 4 * np.finfo(float).eps * abs(v.max())]
        centre = 0.5 * (top[0] + top[-1])
        width = (hi - lo) / 40
        lo, hi = centre - width, centre + width
    best = snap(float(centre), tol=1e-6)
    return best, float(g(np.array([best]))[0])


def sup_abs(g: Fn, x: np.ndarray, one_sided: list[dict] = ()) -> dict:
    """sup |g| over the reals and where it is reached: at a point, on
    intervals, or only as a limit in a tail or beside a kink (used for f'
    and for errors). ``one_sided`` are g's limits at its jumps
    ({x, left, right, torch}): Hardswish' tends to 1.5 left of 3 but is 1 at 3."""
    a = lambda t: np.abs(g(t))  # noqa: E731
    v = a(x)
    inner = float(np.max(v))
    for k in one_sided:
        for side in ("left", "right"):
            if abs(k[side]) > inner + 1e-9 and abs(k[side]) != abs(k["torch"]):
                return {"sup": snap(abs(k[side])), "at": None,
                        "where": {"kind": "beside", "x": k["x"], "side": side}}
    tail = np.concatenate((_tails(a, -1.0), _tails(a, 1.0)))
    far = float(np.max(tail)) if tail.size else inner
    if far > 1e6 and far > inner:  # grows without bound (Squared ReLU's 2x): no supremum
        side = "+" if far in _tails(a, 1.0) else "-"
        return {"sup": None, "at": None, "where": {"kind": "limit", "side": side}}
    if far > inner + 1e-12:
        side = "+" if far in _tails(a, 1.0) else "-"
        return {"sup": snap(far), "at": None, "where": {"kind": "limit", "side": side}}
    close = v >= inner - 1e-12
    if int(np.count_nonzero(close)) > 3:
        spans = intervals_where(lambda t: a(t) >= inner - 1e-12, x)
        return {"sup": snap(inner), "at": None,
                "where": {"kind": "intervals", "intervals": [s.as_json() for s in spans]}}
    # every separate peak that comes close, refined: an even |g| (an error
    # against an odd function, say) has its largest value at two points
    step = float(x[1] - x[0])
    peaks = [i for i in range(len(v)) if v[i] >= inner * (1 - 1e-3)
             and (i == 0 or v[i] >= v[i - 1]) and (i == len(v) - 1 or v[i] > v[i + 1])]
    refined = [_refine_max(a, float(x[i]), step) for i in peaks]
    best = max(value for _, value in refined)
    points = sorted(at for at, value in refined if value >= best - 1e-9 * max(1.0, abs(best)))
    if len(points) > 1:
        return {"sup": snap(best), "at": None, "where": {"kind": "points", "xs": points}}
    return {"sup": snap(best), "at": points[0], "where": {"kind": "point", "x": points[0]}}


def monotonic(f: Fn, df: Fn, x: np.ndarray) -> dict:
    y = f(x)
    dy = np.diff(y)
    left, right = _tails(f, -1.0), _tails(f, 1.0)
    ordered = np.concatenate((left[::-1], y, right))
    steps = np.diff(ordered)
    up, down = bool(np.all(steps >= -1e-15)), bool(np.all(steps <= 1e-15))
    if not (up or down):
        return {"monotonic": False, "monotonic_kind": None}
    flat = np.abs(dy) <= 1e-15
    strict = not bool(np.any(flat[:-1] & flat[1:]))
    kind = ("increasing" if strict else "non-decreasing") if up else ("decreasing" if strict else "non-increasing")
    return {"monotonic": True, "monotonic_kind": kind}


def normal_moments(f: Fn, breaks: list[float] = ()) -> tuple[float, float]:
    """Mean and standard deviation of f(z) for z ~ N(0, 1). Gauss-Legendre on
    each piece between the ``breaks`` (jumps and kinks of f), so that no node
    falls on a jump and each piece is smooth: a rule over a grid across a
    jump is off in the 4th digit."""
    nodes, weights = np.polynomial.legendre.leggauss(24)
    edges = sorted({-12.0, 12.0, *(b for b in breaks if -12.0 < b < 12.0)})
    z_parts, w_parts = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        cuts = np.linspace(lo, hi, max(2, int(np.ceil((hi - lo) / 0.25)) + 1))  # pieces of at most 0.25
        for a, b in zip(cuts[:-1], cuts[1:]):
            z_parts.append(0.5 * (b - a) * nodes + 0.5 * (a + b))
            w_parts.append(0.5 * (b - a) * weights)
    z, w = np.concatenate(z_parts), np.concatenate(w_parts)
    w = w * np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)
    y = f(z)
    mean = float(np.sum(w * y))
    var = float(np.sum(w * (y - mean) ** 2))
    return mean, float(np.sqrt(var))


def symmetry(f: Fn, x: np.ndarray) -> str:
    """"odd" (f(-x) = -f(x)), "even" (f(-x) = f(x)) or "neither", on the window
    and the tails, to rounding."""
    pts = np.concatenate((x[x > 0], FAR))
    with np.errstate(all="ignore"):
        pos, neg = f(pts), f(-pts)
        at0 = float(f(np.array([0.0]))[0])
    ok = np.isfinite(pos) & np.isfinite(neg)
    pos, neg = pos[ok], neg[ok]
    tol = 1e-12 * np.maximum(1.0, np.abs(pos))
    if np.all(np.abs(neg + pos) <= tol) and at0 == 0.0:
        return "odd"
    if np.all(np.abs(neg - pos) <= tol):
        return "even"
    return "neither"


def normal_probability(ivs: list[Interval]) -> float:
    """P(z in the union of ``ivs``) for z ~ N(0, 1); the sets are disjoint."""
    cdf = lambda t: 0.5 * math.erfc(-t / math.sqrt(2.0))  # noqa: E731
    return float(sum((1.0 if iv.hi is None else cdf(iv.hi)) - (0.0 if iv.lo is None else cdf(iv.lo))
                     for iv in ivs))


def zero_set(f: Fn, x: np.ndarray, breaks: list[float]) -> list[Interval]:
    """Where f is 0 on a stretch (ReLU's x ≤ 0): isolated zeros have no
    probability. A stretch ends where f or a derivative breaks (ReLU's kink,
    Squared ReLU's jump of f''), so that values rounded to 0 (the far left of
    GELU's tanh form, where 1 + tanh is 0 in float64; Tanhshrink next to 0) are not taken for one."""
    ivs = intervals_where(lambda t: f(t) == 0.0, x)
    at_break = lambda end: end is None or any(abs(end - b) < 1e-9 for b in breaks)  # noqa: E731
    return [iv for iv in ivs if at_break(iv.lo) and at_break(iv.hi) and not iv.lo == iv.hi]


def minimum(f: Fn, x: np.ndarray, value: float) -> dict:
    """Where f reaches its least value ``value`` (the closed lower end of its
    range): at one point, at several (a periodic f: those in the window), or on
    intervals (Threshold's flat part)."""
    y = f(x)
    tol = 1e-12 * max(1.0, abs(value))
    low = float(np.min(y))
    close = y <= low + 1e-6 * max(1.0, abs(low))  # the grid's points in each dip that comes close
    step = float(x[1] - x[0])
    if int(np.count_nonzero(y <= value + tol)) > 3:
        spans = intervals_where(lambda t: f(t) <= value + tol, x)
        return {"kind": "intervals", "intervals": [s.as_json() for s in spans]}
    idx = np.flatnonzero(close)
    groups = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)  # one run of points per dip
    refined = [_refine_max(lambda t: -f(t), float(x[g[np.argmin(y[g])]]), step) for g in groups if g.size]
    points = sorted(at for at, neg in refined if -neg <= value + tol)  # the dips as low as the least value
    if len(points) > 1:
        return {"kind": "points", "xs": points}
    return {"kind": "point", "x": points[0]}
