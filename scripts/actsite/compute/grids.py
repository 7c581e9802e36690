"""The explorer's grids: its x axis and the slider positions of each parameter.
Torch-free, so the page that draws the data reads the same numbers."""
from __future__ import annotations

import math

from ..declare.catalog import Activation

X0, DX, N = -6.0, 0.05, 241  # x = -6, -5.95, ..., 6: includes 0 and every kink of the defaults
MAX_VALUES = 16              # slider positions at most
# Parameter symbols as plain text for the slider labels.
SYMBOLS = {r"\alpha": "α", r"\beta": "β", r"\lambda": "λ", r"\theta": "θ"}


def slider_values(act: Activation) -> tuple[str | None, list[float], int, str | None]:
    """(parameter, its values on the slider, index of the default, its symbol as
    text). The values are a round grid between the swept extremes, plus the swept
    values and the default."""
    if not act.sweep:
        return None, [], 0, None
    name, swept = act.sweep
    default = act.defaults[name]
    lo, hi = min(swept), max(swept)
    step = next(m * 10 ** e for e in range(-4, 3) for m in (1, 2, 2.5, 5)
                if (hi - lo) / (m * 10 ** e) <= MAX_VALUES - 1)
    grid = [round(k * step, 10) for k in range(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1)]
    values = sorted({*grid, *swept, default})
    param = next(p for p in act.params if p.name == name)
    return name, values, values.index(default), SYMBOLS.get(param.symbol or "", param.symbol or name)
