"""Numbers, intervals and UI words as a page shows them, in each language.

The words come from docs/i18n/<lang>.yml so that a translator edits them
without reading Python; this module only knows how to fill them in.
"""
from __future__ import annotations

import math
import string
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import SiteError

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


class Strings:
    """The UI words of one language, with named fields to fill."""

    def __init__(self, root: Path, lang: str):
        self.lang = lang
        self.path = f"docs/i18n/{lang}.yml"
        file = root / self.path
        if not file.is_file():
            raise SiteError(f"language '{lang}'", self.path, "(file)", "is missing")
        self.data = yaml.safe_load(file.read_text(encoding="utf-8"))
        self.source = file.read_text(encoding="utf-8")

    def _lookup(self, dotted: str):
        """The node at a dotted key, or None."""
        node = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def __call__(self, dotted: str, **fields) -> str:
        node = self._lookup(dotted)
        if node is None:
            raise SiteError(f"language '{self.lang}'", self.path, dotted, "is missing")
        if not isinstance(node, str):
            raise SiteError(f"language '{self.lang}'", self.path, dotted, "must be text")
        try:
            return node.format(**fields)
        except (KeyError, IndexError, ValueError) as exc:
            raise SiteError(f"language '{self.lang}'", self.path, dotted,
                            f"uses a field that is not available: {exc}") from None

    def section(self, dotted: str) -> dict[str, str]:
        """The words under one key, unformatted (a figure's labels fill their own fields)."""
        node = self._lookup(dotted)
        return {k: v for k, v in node.items() if isinstance(v, str)} if isinstance(node, dict) else {}

    def keys(self) -> set[str]:
        out: set[str] = set()

        def walk(node, prefix):
            for k, v in node.items():
                if isinstance(v, dict):
                    walk(v, f"{prefix}{k}.")
                else:
                    out.add(f"{prefix}{k}")
        walk(self.data, "")
        return out

    def fields(self, dotted: str) -> set[str]:
        """The named fields a string uses, to check translations against each other."""
        return {f for _, f, _, _ in string.Formatter().parse(self._lookup(dotted)) if f}

    # -- phrases built from computed values --------------------------------
    def interval(self, iv: dict, var: str = "x") -> str:
        lo, hi = iv["lo"], iv["hi"]
        lt_lo = "≤" if iv["lo_closed"] else "<"
        lt_hi = "≤" if iv["hi_closed"] else "<"
        if lo is None and hi is None:
            return self("phrase.everywhere")
        if lo is None:
            return f"{var} {lt_hi} {num(hi)}"
        if hi is None:
            return f"{var} {'≥' if iv['lo_closed'] else '>'} {num(lo)}"
        return f"{num(lo)} {lt_lo} {var} {lt_hi} {num(hi)}"

    def intervals(self, ivs: list[dict]) -> str:
        if not ivs:
            return self("phrase.nowhere")
        return self("phrase.or").join(self.interval(iv) for iv in ivs)

    def value_range(self, props: dict) -> str:
        (lo, hi), (lc, hc) = props["range"], props["range_closed"]
        left = ("[" if lc else "(") + (f"{MINUS}∞" if lo is None else num(lo))
        right = ("∞" if hi is None else num(hi)) + ("]" if hc else ")")
        return f"{left}, {right}"


@lru_cache(maxsize=None)
def strings(root: Path, lang: str) -> Strings:
    return Strings(root, lang)
