"""A declared formula as matplotlib mathtext, for the cheat sheet: mathtext has
no ``cases`` environment, so each case becomes a line. Pure text work."""
from __future__ import annotations

import re


def mathtext_lines(symbol: str, latex: str, otherwise: str, if_word: str) -> list[list[str]]:
    """The formula as lines, one or a first line and one per case; each line a
    list of pieces, mathtext between dollars or plain words (which may be
    Chinese: mathtext has no font for them, so they are set apart)."""
    latex = re.sub(r"\\(le|ge)(?![a-z])", r"\\\1q", latex)  # mathtext spells them \leq, \geq
    m = re.search(r"\\begin\{cases\}(.*)\\end\{cases\}", latex, re.S)
    if not m:
        return [[f"${symbol}(x) = {latex}$"]]
    before = latex[: m.start()].strip()
    lines = [[f"${symbol}(x) = {before}$" if before else f"${symbol}(x) =$"]]
    for row in m.group(1).split(r"\\"):
        value, condition = (part.strip() for part in row.split("&"))
        condition = condition.replace(r"\text{otherwise}", "").strip()
        lines.append([f"${value}$", *((if_word, f"${condition}$") if condition else (otherwise,))])
    return lines
