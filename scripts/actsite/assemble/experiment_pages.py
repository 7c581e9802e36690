"""The generated parts of an experiment's page: its set-up, its code and its
results table. Pure text work, like pages.py; numbers come from the result."""
from __future__ import annotations

from ..declare import experiments
from ..errors import SiteError
from .pages import folded_code, rel
from ..declare.strings import Strings
from .text import num


def _value(v) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return num(v)
    if isinstance(v, list):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_value(x)}" for k, x in v.items())
    return f"`{v}`"


def setup_table(name: str, config: dict, s: Strings, links: dict[str, tuple[str, str]], page: str) -> str:
    """Every entry of CONFIG, labelled in this language; functions link to their pages."""
    rows = [f"| {s('experiments.setup_heading.key')} | {s('experiments.setup_heading.value')} |", "|---|---|"]
    for key, v in config.items():
        label = s.section("experiments.setup").get(key)
        if label is None:
            raise SiteError(f"experiment '{name}'", s.path, f"experiments.setup.{key}",
                            f"is missing: {experiments.path(name)} has CONFIG['{key}']")
        if key in ("functions", "left_out"):
            shown = ", ".join(function_link(f, links, page) for f in v)
        else:
            shown = _value(v)
        rows.append(f"| {label} | {shown} |")
    return "\n".join(rows) + "\n"


def function_link(cls: str, links: dict[str, tuple[str, str]], page: str) -> str:
    """``ReLU`` -> a link to the ReLU page (links: class name -> (name, page))."""
    if cls not in links:
        return f"`{cls}`"
    name, target = links[cls]
    return f"[{name}]({rel(page, target)})"


def code_block(name: str, code: str, source: str, s: Strings, page: str, measured: bool = False) -> str:
    """The script, foldable, with a download link and how to run it; ``measured``:
    it is the script that measured the data the page draws (SOURCE), not the experiment."""
    file = source.rsplit("/", 1)[-1]
    download = rel(page, f"experiments/code/{file}")
    intro = "experiments.code_intro_measured" if measured else "experiments.code_intro"
    return f"{s(intro, file=f'[{file}]({download})', path=f'`{source}`')}\n\n" + folded_code(file, code)


def results_table(name: str, table: dict, s: Strings, links, page: str) -> str:
    """The rows of the script's table(); a column ending in % is shown as a percentage."""
    keys = table["columns"]
    rows = [dict(zip(keys, row)) for row in table["rows"]]
    heads = []
    for key in keys:
        label = s.section(f"experiments.{name}.table").get(key.rstrip("%"))
        if label is None:
            raise SiteError(f"experiment '{name}'", s.path, f"experiments.{name}.table.{key.rstrip('%')}",
                            f"is missing: table() of {experiments.path(name)} has the column '{key}'")
        heads.append(label)
    out = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        cells = []
        for key in keys:
            v = row[key]
            if key == "function":
                cells.append(function_link(v, links, page))
            elif key.endswith("%"):
                cells.append(percent(v))
            else:
                cells.append(num(v, 3))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def percent(v: float) -> str:
    return f"{num(100 * v, 3)} %"
