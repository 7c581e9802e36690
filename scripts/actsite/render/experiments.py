"""Draw an experiment's figure with the script's own draw(), in the site's style."""
from __future__ import annotations

from pathlib import Path

from ..compute.experiments import failure
from ..declare import experiments
from ..errors import SiteError
from . import figures


def draw(root: Path, name: str, figure: str, result: dict, text: dict) -> dict[str, bytes]:
    width, height = experiments.literals(root, name)["FIGURES"][figure]
    plt = figures.plt
    with figures.themed():
        fig = plt.figure(figsize=(width, height), layout="constrained")
        try:
            experiments.load_module(root, name).draw(result, fig, text, figure)
        except Exception as exc:
            plt.close(fig)
            raise failure(root, name, "draw", exc) from None
        try:
            return figures.export(fig)
        except figures.FigureProblem as exc:  # a legend over a curve, say
            raise SiteError(f"experiment '{name}'", experiments.path(name), f"draw() of figure '{figure}'",
                            str(exc)) from None
