"""Draw an experiment's figure with the script's own draw(), in the site's style."""
from __future__ import annotations

from pathlib import Path

from ..declare import experiments
from . import figures


def draw(root: Path, name: str, figure: str, result: dict, text: dict, theme: str) -> dict[str, bytes]:
    width, height = experiments.literals(root, name)["FIGURES"][figure]
    plt = figures.plt
    with figures.themed(theme):
        fig = plt.figure(figsize=(width, height), layout="constrained")
        experiments.load_module(root, name).draw(result, fig, text, figure)
        return figures.export(fig, theme)
