"""What every drawn figure is saved as, and where: read by the drawing code and
by the pages that link the files (no matplotlib here)."""
from __future__ import annotations

FIGURES = "assets/figures"  # folder of the figure files, from the docs root
THEMES = ("light", "dark")
FORMATS = {"light": ("svg", "png"), "dark": ("svg",)}  # a PNG of the light figure, for slides
FILES = tuple(f"{theme}.{ext}" for theme in THEMES for ext in FORMATS[theme])  # of each figure
PNG_DPI = 200  # resolution of the PNG of every figure

# A figure's phone-shaped variant, <name>.phone.<theme>.svg: narrower (its panels stacked)
# so that its text, shown across a phone's column, is as large as the page's small print.
# No PNG: slides take the wide figure.
PHONE = "phone"
PHONE_FILES = tuple(f"{theme}.svg" for theme in THEMES)
# site.css shows it below 45em (720 px, Material's tablet width), the wide one above.
