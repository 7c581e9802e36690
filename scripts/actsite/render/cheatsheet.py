"""The one-page cheat sheet: every function's graph, formula, range and
one-line advice on an A4 page, drawn with matplotlib as a PDF and a PNG (and
a small PNG that the home page shows).

Inputs are the computed records and the texts of one language; formulas are
the declared LaTeX, set with matplotlib's mathtext (``cases`` as lines).
"""
from __future__ import annotations

import io
import re
import unicodedata

import numpy as np

from .figures import DRAWN, THEMES, pieces, plt, themed
from .formats import PNG_DPI

PAGE = (11.69, 8.27)  # A4 landscape, inches
PREVIEW = (820, 64)  # the picture on the home page, which links to the PDF: pixels wide, colours
COLS = 8  # 4 rows of 8 functions: each row tall enough for its advice
CLOSING = set("。，、；：！？）」』》")


def _line(fig, renderer, pieces: list[str], x: float, y: float, width: float, size: float = 6.5,
          **style) -> None:
    """One line, piece after piece (mathtext or words), shrunk to fit ``width`` pixels."""
    while True:
        texts, left = [], x
        for piece in pieces:
            text = fig.text(left, y, piece, fontsize=size, va="top", **style)
            texts.append(text)
            left += (text.get_window_extent(renderer).width + 0.6 * size) / fig.bbox.width
        if (left - x) * fig.bbox.width <= width or size <= 4.0:
            return
        for text in texts:
            text.remove()
        size -= 0.25


def wrap_text(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns: a Chinese character takes two, and
    breaks anywhere; Latin words break at spaces."""
    lines, line, used = [], "", 0
    for token in re.findall(r"[A-Za-z0-9.,;:!?()'’\-+/=×′%]+|\s+|.", text):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in token)
        if used + w > width and line.strip() and token not in CLOSING:  # no line starts with "。"
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _preview(png: bytes) -> bytes:
    """The full PNG scaled down (the same layout: a sheet drawn at low dpi sets its
    text wider) in a palette of a few colours, about a tenth of its bytes."""
    from PIL import Image  # matplotlib's own dependency
    full = Image.open(io.BytesIO(png)).convert("RGB")
    width, colours = PREVIEW
    small = full.resize((width, round(full.height * width / full.width)), Image.LANCZOS).quantize(colours)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def draw(entries: list[dict], title: str, subtitle: str, words: dict[str, str], wrap: int,
         x_range: list[float]) -> dict[str, bytes]:
    """``entries``: name, formula (mathtext lines), range, summary, x, y, dy,
    breaks (of y and of dy). ``wrap``: characters per line of the one-line advice."""
    t = THEMES[DRAWN]
    rows = -(-len(entries) // COLS)
    with themed():
        fig = plt.figure(figsize=PAGE)
        # no bold: the Chinese font comes in one weight
        fig.text(0.02, 0.975, title, fontsize=16, va="top")
        fig.text(0.02, 0.94, subtitle, fontsize=8, va="top", color=t["series"][5])
        renderer = fig.canvas.get_renderer()
        top, bottom, left, right = 0.915, 0.01, 0.01, 0.995
        cw, ch = (right - left) / COLS, (top - bottom) / rows
        for i, e in enumerate(entries):
            cx, cy = left + (i % COLS) * cw, top - (i // COLS) * ch  # top-left corner of the cell
            _line(fig, renderer, [e["name"]], cx + 0.004, cy - 0.004, (cw - 0.008) * fig.bbox.width, size=9,
                  color=t["series"][0])  # a long name (GELU (tanh approximation)) shrinks to its cell
            ax = fig.add_axes((cx + 0.022, cy - 0.40 * ch, cw - 0.03, 0.29 * ch))
            x, y, dy = (np.array(e[k]) for k in ("x", "y", "dy"))
            keep = (x >= x_range[0]) & (x <= x_range[1])
            x, y, dy = x[keep], y[keep], dy[keep]
            ax.axhline(0, color=t["grid"], lw=0.6)
            ax.axvline(0, color=t["grid"], lw=0.6)
            for px, py in pieces(x, y, e["breaks"]["y"]):
                ax.plot(px, py, color=t["series"][0], lw=1.2)
            for px, py in pieces(x, dy, e["breaks"]["dy"]):
                ax.plot(px, py, color=t["series"][1], lw=0.9, ls="--")
            ax.set_xlim(*x_range)
            ax.grid(False)
            ax.tick_params(labelsize=5, length=2, pad=1)
            ax.set_xticks([x_range[0], 0, x_range[1]])
            line_y = cy - 0.49 * ch
            for n, line in enumerate(e["formula"]):
                _line(fig, renderer, line, cx + (0.006 if n == 0 else 0.016), line_y, (cw - 0.012) * fig.bbox.width)
                line_y -= 0.062 * ch * (1.5 if any("frac" in piece for piece in line) else 1.0)
            fig.text(cx + 0.006, line_y - 0.01 * ch, f"{words['range']} {e['range']}", fontsize=6, va="top")
            line_y -= 0.075 * ch
            fig.text(cx + 0.006, line_y - 0.01 * ch, "\n".join(wrap_text(e["summary"], wrap)),
                     fontsize=5.8, va="top", color=t["fg"], linespacing=1.25)
        out = {}
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", metadata={"CreationDate": None, "ModDate": None, "Producer": None,
                                                 "Creator": None})
        out["pdf"] = buf.getvalue()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=PNG_DPI, facecolor="white", metadata={"Software": None})
        out["png"] = buf.getvalue()
        out["preview.png"] = _preview(out["png"])
        plt.close(fig)
        return out
