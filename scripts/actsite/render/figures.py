"""Draw the figures with matplotlib, as SVG, in a light and a dark variant.

Figures carry no words, only mathematical symbols, so one drawing serves
every language; captions and alternative text come with the page. The only
inputs are the computed records, so this module never needs torch.

Each figure is drawn once, in the light palette; its dark SVG is the light one
with every colour of the palette swapped for its dark counterpart
(``dark_svg``), so both themes share one layout and cost one drawing.
"""
from __future__ import annotations

import io
import math
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..compute.records import Break, Record, Sweep  # noqa: E402
from .curves import breaks  # noqa: E402
from .formats import PNG_DPI  # noqa: E402

# The colours of each palette, key by key: the dark SVG swaps each light colour for the
# dark one under the same key (the zones share one alpha, so the dark zone grey is lighter).
THEMES = {
    "light": {"fg": "#1f2328", "grid": "#d0d7de", "zone": "#8c959f",
              "series": ["#0550ae", "#bc4c00", "#1a7f37", "#8250df", "#cf222e", "#6e7781", "#bf3989",
                         "#7d4e00"]},
    "dark": {"fg": "#e6edf3", "grid": "#3d444d", "zone": "#abb3bc",
             "series": ["#79c0ff", "#ffa657", "#7ee787", "#d2a8ff", "#ff7b72", "#b1bac4", "#f778ba",
                        "#e3b341"]},
}
DRAWN = "light"  # the palette figures are drawn in
ZONE_ALPHA = 0.18  # saturation zones; on Material's slate page the dark zone grey looks as light's does
PAD = 0.05  # inches of margin around every figure
NEUTRAL = ("#808080",)  # colours that serve both themes as they are (matplotlib's "0.5")
# The phone variant's width: a 390 px phone shows it 358 px wide, so its 11 pt text is 13 px
# there, as large as the page's code and small print (the wide figure's would be 6 px).
PHONE_WIDTH = 4.0
PHONE_MIN_PT = 10  # the smallest text of a phone variant: 12.4 px there, as large as the page's smallest


def _swaps() -> dict[str, str]:
    light, dark = THEMES[DRAWN], THEMES["dark"]
    pairs = [(light[k], dark[k]) for k in ("fg", "grid", "zone")] + list(zip(light["series"], dark["series"]))
    return {a.lower(): b.lower() for a, b in pairs}


SWAPS = _swaps()


def dark_svg(svg: str) -> str:
    """The light SVG in the dark palette: every colour swapped at once (so no swap feeds another)."""
    return re.sub(r"#[0-9a-fA-F]{6}\b", lambda m: SWAPS.get(m.group(0).lower(), m.group(0)), svg)


# Words in figures (the experiments' labels, the cheat sheet): Latin from DejaVu Sans, Chinese
# from Noto Sans CJK SC, the copy that the pinned mplfonts package ships (so that every machine
# draws the same glyphs, whatever fonts it has installed).
CJK_FONT = "Noto Sans CJK SC"
CJK_FILE = ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf")


def _style() -> dict:
    t = THEMES[DRAWN]
    return {
        "svg.hashsalt": "activation-functions",
        "svg.fonttype": "path",
        "font.size": 11,
        "axes.edgecolor": t["fg"], "axes.labelcolor": t["fg"], "text.color": t["fg"],
        "xtick.color": t["fg"], "ytick.color": t["fg"],
        "axes.grid": True, "grid.color": t["grid"], "grid.linewidth": 0.6,
        "axes.facecolor": "none", "figure.facecolor": "none", "savefig.facecolor": "none",
        "axes.spines.top": False, "axes.spines.right": False,
        "legend.frameon": False, "lines.linewidth": 2.0,
        "axes.prop_cycle": matplotlib.cycler(color=t["series"]),
        "font.family": ["DejaVu Sans", CJK_FONT],
    }


def themed():
    """The site's style, in the palette figures are drawn in."""
    return plt.rc_context(_style())


def _use_packaged_cjk_font() -> None:
    """Make CJK_FONT mean the packaged file only: other copies of the family are forgotten."""
    import importlib.util
    from pathlib import Path

    from matplotlib import font_manager
    spec = importlib.util.find_spec(CJK_FILE[0])  # found, not imported: only its font is used
    if spec is None or not spec.submodule_search_locations:
        return  # check_cjk_font says what is missing
    path = Path(spec.submodule_search_locations[0]) / CJK_FILE[1]
    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if not f.name.startswith(CJK_FONT)]
    manager.addfont(str(path))  # which also forgets what findfont found before


_use_packaged_cjk_font()


def check_cjk_font() -> None:
    """Chinese words need a CJK font, or they are drawn as empty boxes."""
    from matplotlib import font_manager
    found = font_manager.findfont(font_manager.FontProperties(family=CJK_FONT), fallback_to_default=False)
    if CJK_FILE[0] not in found:
        raise ValueError(found)


class FigureProblem(ValueError):
    """What export() found wrong with a drawn figure (a legend over a curve)."""


def _all_axes(fig) -> list:
    out, todo = [], list(fig.axes)
    while todo:
        ax = todo.pop()
        out.append(ax)
        todo.extend(getattr(ax, "child_axes", []))  # insets
    return out


def legends_over_curves(fig) -> list[str]:
    """Each legend that covers a drawn curve, as "legend over <curve>": every
    legend of the figure (an axes' own, one added with add_artist, the
    figure's), against every line of every axes and inset, followed in steps
    of 2 pixels, so a curve that only crosses a legend between two of its
    points is caught too."""
    from matplotlib.legend import Legend
    renderer = fig.canvas.get_renderer()
    found = []
    for legend in fig.findobj(Legend):
        if not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for ax in _all_axes(fig):
            frame = ax.get_window_extent(renderer)
            for line in ax.get_lines():
                xy = line.get_transform().transform(np.asarray(line.get_xydata(), float))
                xy = xy[np.isfinite(xy).all(axis=1)]
                if not line.get_visible() or len(xy) == 0:
                    continue
                step = np.diff(xy, axis=0)
                n = np.maximum(1, (np.hypot(step[:, 0], step[:, 1]) / 2).astype(int))
                at = np.repeat(np.arange(len(step)), n)
                t = (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)) / np.repeat(n, n)
                p = np.vstack([xy[at] + step[at] * t[:, None], xy[-1:]])
                shown = ((p[:, 0] >= frame.x0) & (p[:, 0] <= frame.x1) & (p[:, 1] >= frame.y0) & (p[:, 1] <= frame.y1))
                under = (p[:, 0] > box.x0) & (p[:, 0] < box.x1) & (p[:, 1] > box.y0) & (p[:, 1] < box.y1)
                if (shown & under).any():
                    found.append(f"legend over {line.get_label()}")
    return found


def small_on_a_phone(fig, box) -> list[str]:
    """What keeps a phone variant from being read on a phone: wider than PHONE_WIDTH
    (with what sticks out of it, ``box`` in inches), or text smaller than PHONE_MIN_PT."""
    from matplotlib.text import Text
    found = [f"wider than {PHONE_WIDTH:g} in with all it draws ({box.width - 2 * PAD:.2f} in)"] \
        if box.width - 2 * PAD > PHONE_WIDTH + 0.02 else []
    return found + [f"text {t.get_text()!r} at {t.get_fontsize():g} pt, under {PHONE_MIN_PT} pt"
                    for t in fig.findobj(Text)
                    if t.get_visible() and t.get_text().strip() and t.get_fontsize() < PHONE_MIN_PT]


def export(fig, phone: bool = False) -> dict[str, bytes]:
    """The figure (drawn in the light palette) as the SVG of each theme and, unless
    it is a ``phone`` variant, as a PNG of the light one for slides, on white. The
    layout is computed once and kept for both formats, and the dark SVG is the
    light one recoloured. A legend over a curve is an error (FigureProblem),
    whatever placed it, and so is a phone variant too wide or with text too small."""
    # The layout engine alone, not a whole draw without output: text extents are all
    # it needs, and the files are the same (measured on every figure of the site).
    if fig.get_layout_engine() is not None:
        fig.get_layout_engine().execute(fig)
    box = fig.get_tightbbox().padded(PAD)
    if problems := legends_over_curves(fig) + (small_on_a_phone(fig, box) if phone else []):
        plt.close(fig)
        raise FigureProblem(", ".join(dict.fromkeys(problems)))
    # The layout is done: no format lays it out again. With any layout engine set,
    # even matplotlib's "none" placeholder, savefig first draws the whole figure once
    # more to lay it out (two such draws of five, for an SVG and a PNG).
    fig._layout_engine = None
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches=box, metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    out = {"light.svg": svg.encode(), "dark.svg": dark_svg(svg).encode()}
    if not phone:
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=PNG_DPI, bbox_inches=box, facecolor="white", metadata={"Software": None})
        out["light.png"] = raw.getvalue()
    plt.close(fig)
    return out


def _limits(values: np.ndarray, include_zero: bool = True) -> tuple[float, float]:
    lo, hi = float(np.min(values)), float(np.max(values))
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    pad = 0.08 * (hi - lo or 1.0)
    return lo - pad, hi + pad


def pieces(x: np.ndarray, y: np.ndarray, breaks: list[float]):
    """Split a curve at discontinuities so no vertical line hides a jump."""
    edges = [-math.inf] + sorted(breaks) + [math.inf]
    for a, b in zip(edges[:-1], edges[1:]):
        keep = (x > a) & (x < b)
        if keep.any():
            yield x[keep], y[keep]


def _curve(ax, x, y, breaks, color):
    for px, py in pieces(x, y, breaks):
        ax.plot(px, py, color=color)


def _mark_points(ax, points: list[Break], color: str, face: str):
    """Open circles at one-sided limits, a filled dot at the value torch returns."""
    for p in points:
        for one_sided in (p.left, p.right):
            if one_sided != p.torch:
                ax.plot([p.x], [one_sided], "o", ms=7, mfc=face, mec=color, mew=1.8, zorder=5)
        ax.plot([p.x], [p.torch], "o", ms=6, color=color, zorder=6)


def _zones(ax, zones: list[dict], lo: float, hi: float, t: dict):
    for z in zones:
        a = lo if z["lo"] is None else max(lo, z["lo"])
        b = hi if z["hi"] is None else min(hi, z["hi"])
        if b > a:
            ax.axvspan(a, b, color=t["zone"], alpha=ZONE_ALPHA, lw=0)


def _zero_lines(ax, fg):
    ax.axhline(0, color=fg, lw=0.8, alpha=0.6, zorder=1)
    ax.axvline(0, color=fg, lw=0.8, alpha=0.6, zorder=1)


def function_figure(record: Record, symbol: str, inset: list[float] | None = None,
                    phone: bool = False) -> dict[str, bytes]:
    """f and f' side by side (on a phone, f above f'), each with its own y axis,
    kinks and jumps drawn as such; ``inset`` zooms into part of f (LeakyReLU's small slope)."""
    t = THEMES[DRAWN]
    props = record.properties
    x = np.array(record.plot.x)
    y = np.array(record.plot.y)
    dy = np.array(record.plot.dy)
    with themed():
        if phone:
            fig, (a1, a2) = plt.subplots(2, 1, figsize=(PHONE_WIDTH, 5.6), layout="constrained")
        else:
            fig, (a1, a2) = plt.subplots(1, 2, figsize=(9.0, 3.4), layout="constrained")
        # the one-sided values at a jump of f belong on f; on f' only the kinks
        for ax, values, label, splits, marks, color in (
            (a1, y, f"${symbol}(x)$", breaks(props, False), props.jumps, t["series"][0]),
            (a2, dy, f"${symbol}'(x)$", breaks(props, True), props.kinks, t["series"][1]),
        ):
            _zero_lines(ax, t["fg"])
            _curve(ax, x, values, splits, color)
            _mark_points(ax, marks, color, "none")
            ax.set_xlim(x[0], x[-1])
            ax.set_ylim(*_limits(values))
            ax.set_title(label, loc="left", fontsize=13)
            ax.set_xlabel("$x$")
        _zones(a2, props.saturation, x[0], x[-1], t)
        if inset:
            keep = (x >= inset[0]) & (x <= inset[1])
            # upper left, where a rising curve is not, its labels clear of the main axis's
            ax = a1.inset_axes([0.3, 0.52, 0.36, 0.36] if phone else [0.2, 0.5, 0.36, 0.38])
            ax.plot(x[keep], y[keep], color=t["series"][0], lw=1.6)
            ax.axhline(0, color=t["fg"], lw=0.6, alpha=0.6)
            ax.set_xlim(*inset)
            ax.set_ylim(*_limits(y[keep]))
            ax.tick_params(labelsize=PHONE_MIN_PT if phone else 8)
        return export(fig, phone)


def sweep_figure(sweep: Sweep, default: float, symbol: str, phone: bool = False) -> dict[str, bytes]:
    """The family of curves for several values of one parameter; the default thick.
    On a phone the legend goes under the axes, where no curve can be."""
    t = THEMES[DRAWN]
    styles = ["-", "--", "-.", ":"]
    with themed():
        fig, ax = plt.subplots(figsize=(PHONE_WIDTH, 3.6) if phone else (8.0, 3.6), layout="constrained")
        _zero_lines(ax, t["fg"])
        x = np.array(sweep.x)
        for i, (v, y, splits) in enumerate(zip(sweep.values, sweep.y, sweep.breaks)):
            for j, (px, py) in enumerate(pieces(x, np.array(y), splits)):
                ax.plot(px, py, color=t["series"][i % len(t["series"])], ls=styles[i % len(styles)],
                        lw=3.0 if v == default else 1.6, label=f"{sweep.param} = {v:g}" if j == 0 else None)
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(*_limits(np.concatenate([np.array(y) for y in sweep.y])))
        ax.set_xlabel("$x$")
        ax.set_title(f"${symbol}(x)$", loc="left")
        if phone:
            fig.legend(loc="outside lower center", ncols=1)  # "negative_slope = 0.01" twice is wider than a phone
        else:
            ax.legend(loc="upper left")
        return export(fig, phone)


def training_figure(record: Record, symbol: str, phone: bool = False) -> dict[str, bytes]:
    """Eval mode (the line) against one seeded training-mode pass (the dots)."""
    t = THEMES[DRAWN]
    with themed():
        fig, ax = plt.subplots(figsize=(PHONE_WIDTH, 3.2) if phone else (8.0, 3.6), layout="constrained")
        _zero_lines(ax, t["fg"])
        x, y = np.array(record.plot.x), np.array(record.plot.y)
        ax.plot(x, y, color=t["series"][0], lw=2.4)
        sample = record.training_sample
        ax.plot(sample["x"][::6], sample["y"][::6], "o", ms=4, color=t["series"][1])
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(*_limits(np.concatenate((y, sample["y"]))))
        ax.set_xlabel("$x$")
        ax.set_title(f"${symbol}(x)$", loc="left")
        return export(fig, phone)


def overview_figure(records: list[Record], symbols: list[str], phone: bool = False) -> dict[str, bytes]:
    """The source note's 2x2 figure: each function on its own axes (on a phone,
    with fewer ticks, so that they fit at the phone's size of text)."""
    t = THEMES[DRAWN]
    n = len(records)
    cols = 2
    rows = math.ceil(n / cols)
    with themed():
        size = (PHONE_WIDTH, 2.3 * rows) if phone else (8.0, 3.2 * rows)
        fig, axes = plt.subplots(rows, cols, figsize=size, layout="constrained", squeeze=False)
        fig.get_layout_engine().set(h_pad=0.12)  # room between a panel's ticks and the next title
        for ax, rec, sym in zip(axes.flat, records, symbols):
            x, y = np.array(rec.data.x), np.array(rec.data.y)
            _zero_lines(ax, t["fg"])
            _curve(ax, x, y, breaks(rec.properties, False), t["series"][0])
            ax.set_xlim(x[0], x[-1])
            ax.set_ylim(*_limits(y))
            ax.set_title(f"${sym}(x)$", loc="left")
            if phone:
                ax.locator_params(nbins=4)
        for ax in list(axes.flat)[n:]:
            ax.set_visible(False)
        return export(fig, phone)


def overlay_figure(records: list[Record], symbols: list[str], key: str,
                   ylim: tuple[float, float] | None = None, phone: bool = False) -> dict[str, bytes]:
    """Several functions (key="y") or their derivatives (key="dy") on one axes;
    ``ylim`` cuts the vertical axis where one curve would flatten the others."""
    t = THEMES[DRAWN]
    styles = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1))]
    with themed():
        # on a phone the legend, in two columns below, adds to the height rather than taking the axes'
        size = (PHONE_WIDTH, 3.0 + 0.24 * math.ceil(len(records) / 2)) if phone else (8.0, 4.0)
        fig, ax = plt.subplots(figsize=size, layout="constrained")
        _zero_lines(ax, t["fg"])
        everything = []
        for i, (rec, sym) in enumerate(zip(records, symbols)):
            xs, v = np.array(rec.data.x), np.array(getattr(rec.data, key))
            props = rec.properties
            splits = breaks(props, key == "dy")
            color = t["series"][i % len(t["series"])]
            for j, (px, pv) in enumerate(pieces(xs, v, splits)):
                ax.plot(px, pv, color=color, ls=styles[i % len(styles)],
                        label=(f"${sym}{chr(39) if key == 'dy' else ''}(x)$" if j == 0 else None))
            everything.append(v)
        ax.set_xlim(records[0].data.x[0], records[0].data.x[-1])
        ax.set_ylim(*(ylim or _limits(np.concatenate(everything))))
        ax.set_xlabel("$x$")
        # below the axes: inside, some family's curve always runs under it
        fig.legend(loc="outside lower center", ncols=min(len(records), 2 if phone else 4))
        return export(fig, phone)
