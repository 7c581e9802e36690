"""The render stage: every figure of the site, drawn with matplotlib (cached).

A figure is one ``FigureJob``: its file name, the drawing that makes it, what
its look depends on (its cache key), the arguments of the drawing, the
standalone script printed under it, and the language of its words (None for a
figure without words, which serves every language). The missing ones are
drawn in worker processes, one per core.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from .. import workers
from ..cache import Store, key
from ..compute.stage import Computed
from ..declare.catalog import Activation
from ..declare.stage import Declared
from ..errors import SiteError
from ..languages import BY_CODE, CODES
from . import figure_scripts
from .formats import FILES, PHONE, PHONE_FILES

# The four functions of the source note: the home page's overview and overlays.
SOURCE_NOTE = ("relu", "sigmoid", "tanh", "softplus")
PREFIX = "experiment-"  # of the experiment figures' names
# The module that draws each kind of figure: its code is in the figure's cache key.
DRAWINGS = {"experiment_figure": "actsite.render.experiments", "function_figure": "actsite.render.figures",
            "sweep_figure": "actsite.render.figures", "training_figure": "actsite.render.figures",
            "overview_figure": "actsite.render.figures", "overlay_figure": "actsite.render.figures"}


@dataclass(frozen=True)
class FigureJob:
    name: str               # files <name>.<file> for each of ``files``
    drawing: str            # a key of DRAWINGS
    depends: object         # what the drawing's look depends on, JSON-able
    args: dict              # the drawing's arguments
    script: str | None      # the script that redraws it (None: its experiment's script does,
                            # or it is the phone variant of a figure that has one)
    lang: str | None = None  # the language of its words, if it has any
    files: tuple[str, ...] = FILES


@dataclass
class Rendered:
    figures: dict[str, bytes]   # <name>.<theme>.<ext> -> bytes
    scripts: dict[str, str]     # figure name -> the script that redraws it
    languages: dict[str, str]   # figure name -> the language of its words, for those that have words
    sizes: dict[str, tuple[int, int]]  # figure name -> its size in CSS px (a phone variant: <name>.phone)


def experiment_figure(name: str, figure: str, lang: str) -> str:
    return f"{PREFIX}{name}-{figure}-{lang}"


@dataclass(frozen=True)
class SiteFigure:
    members: list[Activation]
    y: tuple[float, float] | None  # its vertical span; None: what the curves need


def site_figures(d: Declared) -> dict[str, SiteFigure]:
    """Figures of several functions: the source note's four, and each family
    (a hard approximation drawn next to the smooth function it approximates),
    with the vertical span its family declares."""
    note = SiteFigure([d.by_id[i] for i in SOURCE_NOTE if i in d.by_id], None)
    groups = {"overview": note, "overlay_f": note, "overlay_df": note}
    for family in d.families:
        members = d.family(family.id)
        members += [d.by_id[a.approximates] for a in members if a.approximates]
        if members:
            groups[f"family_{family.id}_f"] = SiteFigure(members, family.y)
            groups[f"family_{family.id}_df"] = SiteFigure(members, family.dy)
    return groups


def jobs(d: Declared, c: Computed) -> list[FigureJob]:
    """Every figure of the site; a record enters a key by its own cache key, which names its content."""
    recs, rkeys = c.records, c.record_keys
    out: list[FigureJob] = []
    for act in d.acts:
        rec = recs[act.id]
        inset = list(act.plot_inset) if act.plot_inset else None
        out.append(FigureJob(act.id, "function_figure", (rkeys[act.id], act.symbol, inset),
                             {"record": rec, "symbol": act.symbol, "inset": inset},
                             figure_scripts.function_script(act, rec, act.id)))
        if rec.sweep:
            default = act.defaults[rec.sweep.param]
            name = f"{act.id}.sweep"
            out.append(FigureJob(name, "sweep_figure", (rkeys[act.id], default, act.symbol),
                                 {"sweep": rec.sweep, "default": default, "symbol": act.symbol},
                                 figure_scripts.sweep_script(act, rec, name)))
        if rec.training_sample:
            name = f"{act.id}.training"
            out.append(FigureJob(name, "training_figure", (rkeys[act.id], act.symbol),
                                 {"record": rec, "symbol": act.symbol},
                                 figure_scripts.training_script(act, rec, name, seed=0)))
    for name, group in site_figures(d).items():
        members = group.members
        mrecs = [recs[a.id] for a in members]
        symbols = [a.symbol for a in members]
        depends = ([rkeys[a.id] for a in members], symbols) + ((list(group.y),) if group.y else ())
        if name == "overview":
            out.append(FigureJob(name, "overview_figure", depends, {"records": mrecs, "symbols": symbols},
                                 figure_scripts.overview_script(members, mrecs, name)))
            continue
        derivative = name.endswith("_df")
        names = ", ".join(a.name["en"] for a in members)
        title = f"{'The derivatives of ' if derivative else ''}{names}, on shared axes."
        out.append(FigureJob(name, "overlay_figure", depends,
                             {"records": mrecs, "symbols": symbols, "key": "dy" if derivative else "y",
                              "ylim": group.y},
                             figure_scripts.overlay_script(members, mrecs, derivative, name, title, group.y)))
    phones = [phone(job) for job in out]  # figures.py draws every one of its figures for a phone too
    for name, run in c.experiments.items():
        lit = d.literals(name)
        for figure, size in lit["FIGURES"].items():
            for lang in CODES:
                text = d.experiment_words(name, lang)
                job = FigureJob(experiment_figure(name, figure, lang), "experiment_figure",
                                (c.experiment_keys[name], figure, size, text),
                                {"root": str(d.root), "name": name, "figure": figure,
                                 "result": run["result"], "text": text}, None, lang)
                out.append(job)
                if figure in lit.get("PHONE", {}):  # an experiment's draw() has a phone layout of its own
                    phones.append(phone(job, lit["PHONE"][figure]))
    return out + phones


def phone(job: FigureJob, size: list | None = None) -> FigureJob:
    """The phone-shaped variant of a figure (an experiment's at ``size``): SVG only."""
    return FigureJob(f"{job.name}.{PHONE}", job.drawing, [job.depends, PHONE, size], job.args | {"phone": True},
                     None, job.lang, PHONE_FILES)


def render(d: Declared, c: Computed, log: Callable[[str], None]) -> Rendered:
    """Every figure: SVG in both themes, and a PNG of the light one for slides;
    the phone variants, SVG in both themes."""
    store = Store(d.root, "figures", log=log)
    all_jobs = jobs(d, c)
    out: dict[str, bytes] = {}
    missing: list[tuple[FigureJob, str]] = []  # (job, key)
    for job in all_jobs:
        k = key(json.dumps(job.depends), code=(DRAWINGS[job.drawing],), packages=("matplotlib", "numpy"))
        files = {f: store.get_bytes(f"{job.name}.{f.rsplit('.', 1)[0]}", k, f".{f.rsplit('.', 1)[1]}")
                 for f in job.files}
        if None in files.values():
            missing.append((job, k))
        else:
            out.update({f"{job.name}.{f}": data for f, data in files.items()})
    if missing:
        log(f"figures: drawing {len(missing)} with matplotlib")
        if any(job.lang and BY_CODE[job.lang].cjk for job, _ in missing):
            check_cjk_font()
        missing.sort(key=lambda m: m[0].drawing != "experiment_figure")  # the slowest first, so no core waits last
        drawn = workers.parallel(_draw, [(job.name, job.drawing, job.args) for job, _ in missing])
        for (job, k), files in zip(missing, drawn):
            for f, data in files.items():
                stem, ext = f.rsplit(".", 1)
                store.put_bytes(f"{job.name}.{stem}", k, f".{ext}", data)
                out[f"{job.name}.{f}"] = data
    log(f"figures: {len(all_jobs) - len(missing)} from cache, {len(missing)} drawn")
    return Rendered(figures=dict(sorted(out.items())),
                    scripts={j.name: j.script for j in all_jobs if j.script is not None},
                    languages={j.name: j.lang for j in all_jobs if j.lang},
                    sizes={j.name: svg_size(out[f"{j.name}.light.svg"]) for j in all_jobs})


def svg_size(svg: bytes) -> tuple[int, int]:
    """An SVG's width and height in CSS px, from the pt of its root element (matplotlib's)."""
    m = re.search(rb'<svg[^>]*?\bwidth="([0-9.]+)pt" height="([0-9.]+)pt"', svg[:2000])
    if m is None:
        raise ValueError("an SVG without its width and height in pt")
    return round(float(m.group(1)) * 4 / 3), round(float(m.group(2)) * 4 / 3)


SHEET_FILES = ("pdf", "png", "preview.png")  # of each language's cheat sheet


def cheatsheets(d: Declared, args: dict[str, dict], log: Callable[[str], None]) -> dict[str, dict[str, bytes]]:
    """The one-page cheat sheet of each language as SHEET_FILES (cached; the
    missing ones drawn side by side). ``args``: each language's drawing
    arguments, its words already in that language."""
    store = Store(d.root, "cheatsheet", log=log)
    out, missing = {}, []
    for lang, a in args.items():
        k = key(json.dumps(a, sort_keys=True), code=("actsite.render.cheatsheet",), packages=("matplotlib", "pillow"))
        files = {ext: store.get_bytes(f"cheatsheet-{lang}", k, f".{ext}") for ext in SHEET_FILES}
        if None in files.values():
            missing.append((lang, k))
        else:
            out[lang] = files
    if missing:
        log(f"cheat sheets ({', '.join(lang for lang, _ in missing)}): drawing")
        if any(BY_CODE[lang].cjk for lang, _ in missing):
            check_cjk_font()
        for (lang, k), files in zip(missing, workers.parallel(_sheet, [args[lang] for lang, _ in missing])):
            for ext, data in files.items():
                store.put_bytes(f"cheatsheet-{lang}", k, f".{ext}", data)
            out[lang] = files
    return out


def _sheet(args: dict) -> dict[str, bytes]:
    from . import cheatsheet as sheet  # matplotlib
    return sheet.draw(**args)


def math_font(d: Declared, text: str, log: Callable[[str], None]) -> bytes:
    """The math font cut down to the characters of ``text`` (every formula of every language), cached."""
    from . import mathfont
    store = Store(d.root, "fonts", log=log)
    k = key("".join(sorted(set(text))), mathfont.FONT.read_bytes(), code=("actsite.render.mathfont",),
            packages=("fonttools", "brotli"))
    data = store.get_bytes("latinmodern-math", k, ".woff2")
    if data is None:
        log("math font: cutting it down to the formulas' glyphs")
        data = mathfont.subset(text)
        store.put_bytes("latinmodern-math", k, ".woff2", data)
    return data


def check_cjk_font() -> None:
    from . import figures
    try:
        figures.check_cjk_font()
    except ValueError:
        raise SiteError("figures in Chinese", "scripts/actsite/render/figures.py", "CJK_FONT",
                        f"matplotlib finds no font '{figures.CJK_FONT}' in the package "
                        f"{figures.CJK_FILE[0]}: pip install -r requirements.txt") from None


def _draw(job: tuple[str, str, dict]) -> dict[str, bytes]:
    """In a worker: one figure, as every file of its job's ``files``."""
    name, drawing, args = job
    if drawing == "experiment_figure":
        from pathlib import Path

        from .experiments import draw
        return draw(Path(args["root"]), args["name"], args["figure"], args["result"], args["text"],
                    args.get("phone", False))
    from . import figures  # imports matplotlib, only when a figure must be drawn
    try:
        return getattr(figures, drawing)(**args)
    except figures.FigureProblem as exc:
        raise SiteError(f"figure '{name}'", "scripts/actsite/render/figures.py", drawing, str(exc)) from None
