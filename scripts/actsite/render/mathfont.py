"""The math font of the formulas, cut down to the glyphs the site's formulas use.

Latin Modern Math (392 KB as WOFF2) ships with the site so that every reader
sees the same formulas and the braces of piecewise definitions stretch on
every system. A page needs only the characters its formulas show, plus what
MathML draws without a character in the text (the radical of <msqrt>); the
MATH table is kept, and with it the larger variants and pieces of each kept
glyph that stretching uses. The font's licence (GUST Font License) ships
beside it in the site: overrides/assets/fonts/LICENSE-latinmodern-math.txt.
"""
from __future__ import annotations

import io
from pathlib import Path

FONT = Path(__file__).parent / "fonts" / "latinmodern-math.woff2"
FILE = "assets/fonts/latinmodern-math.woff2"  # where the site's stylesheet looks for it
DRAWN = "\u221a"  # √: <msqrt> draws it, no text holds it


def subset(text: str) -> bytes:
    """The font with only the glyphs of ``text`` (and DRAWN), as WOFF2."""
    from fontTools import subset as fts
    from fontTools.ttLib import TTFont
    options = fts.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # ssty (script-size primes) and the other math features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's time stamps: nothing a browser reads
    font = TTFont(FONT)
    subsetter = fts.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text + DRAWN) - set(" \t\n"))))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()
