"""Numbers and intervals as a page shows them, in each language's words."""
from __future__ import annotations

import math

from ..compute.records import Properties
from ..declare.strings import Strings

MINUS = "\u2212"
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num(v: float | None, digits: int = 4) -> str:
    """4 significant digits, a true minus sign, no trailing zeros; 10^k for tiny values."""
    if v is None:
        return "∞"
    if isinstance(v, bool):
        raise TypeError("booleans are not numbers here")
    if math.isinf(v):
        return ("" if v > 0 else MINUS) + "∞"
    if v == 0:
        return "0"
    if float(v).is_integer() and abs(v) < 1e6:
        text = str(int(v))
    elif 1e-3 <= abs(v) < 1e6:
        text = f"{v:.{digits}g}"
    else:
        mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return text.replace("-", MINUS)


# -- phrases built from computed values ------------------------------------
def interval(s: Strings, iv: dict, var: str = "x") -> str:
    lo, hi = iv["lo"], iv["hi"]
    lt_lo = "≤" if iv["lo_closed"] else "<"
    lt_hi = "≤" if iv["hi_closed"] else "<"
    if lo is None and hi is None:
        return s("phrase.everywhere")
    if lo is None:
        return f"{var} {lt_hi} {num(hi)}"
    if hi is None:
        return f"{var} {'≥' if iv['lo_closed'] else '>'} {num(lo)}"
    return f"{num(lo)} {lt_lo} {var} {lt_hi} {num(hi)}"


def intervals(s: Strings, ivs: list[dict]) -> str:
    if not ivs:
        return s("phrase.nowhere")
    return s("phrase.or").join(interval(s, iv) for iv in ivs)


def value_range(props: Properties) -> str:
    if props.values is not None:  # the binary step takes 0 and 1 only, not [0, 1]
        return "{" + ", ".join(num(v) for v in props.values) + "}"
    (lo, hi), (lc, hc) = props.range, props.range_closed
    left = ("[" if lc else "(") + (f"{MINUS}∞" if lo is None else num(lo))
    right = ("∞" if hi is None else num(hi)) + ("]" if hc else ")")
    return f"{left}, {right}"
