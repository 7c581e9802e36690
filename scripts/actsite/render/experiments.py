"""Draw an experiment's figure with the script's own draw(), in the site's style."""
from __future__ import annotations

from pathlib import Path

from ..compute.experiments import failure
from ..declare import experiments
from ..errors import SiteError
from . import figures


def draw(root: Path, name: str, figure: str, result: dict, text: dict, phone: bool = False) -> dict[str, bytes]:
    """At the size FIGURES gives; ``phone``: the variant at PHONE's size, which the
    script's draw() lays out itself when given phone=True."""
    width, height = experiments.literals(root, name)["PHONE" if phone else "FIGURES"][figure]
    plt = figures.plt
    with figures.themed():
        fig = plt.figure(figsize=(width, height), layout="constrained")
        try:
            module = experiments.load_module(root, name)
            if phone:
                module.draw(result, fig, text, figure, phone=True)
            else:
                module.draw(result, fig, text, figure)
        except Exception as exc:
            plt.close(fig)
            raise failure(root, name, "draw", exc) from None
        try:
            return figures.export(fig, phone)
        except figures.FigureProblem as exc:  # a legend over a curve, say
            where = f"draw() of figure '{figure}'" + (" with phone=True" if phone else "")
            raise SiteError(f"experiment '{name}'", experiments.path(name), where, str(exc)) from None
