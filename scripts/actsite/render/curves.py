"""Where a drawn curve of a record must be split, so that no line is drawn
across a jump: f at its jumps; f' at the jumps of f and at the kinks, where f'
jumps. Every drawing of the site (figures, cheat sheet, the scripts printed
under the figures) asks here. Pure data work."""
from __future__ import annotations

from ..compute.records import Properties


def breaks(props: Properties, derivative: bool) -> list[float]:
    """The x of every break of f (``derivative`` False) or of f' (True)."""
    jumps = [j.x for j in props.jumps]
    return jumps + [k.x for k in props.kinks] if derivative else jumps
