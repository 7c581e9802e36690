"""What the first load of a built page transfers, counted from the files alone.

GitHub Pages compresses text (HTML, CSS, JS, SVG, JSON) with gzip; fonts and
PNGs go as they are. A first load is the page, its stylesheets and scripts,
the search worker the theme starts, the math font where the page has
formulas, and its images that are not lazy. The search index is not in it:
it is fetched when the reader opens the search (search-on-demand.js). A
function page's figures count in their light theme only, lazy or not (the
dark one is fetched instead of it, in the dark palette), each as the larger of
its wide and its phone variant, whichever the screen takes (the other is hidden,
and being lazy, not fetched).

Deterministic, so a test holds the budgets; Lighthouse measures the rest
(scripts/benchmark_phone.py).
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..render.formats import PHONE

GZIPPED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}  # what GitHub Pages compresses
MATH_FONT = "../fonts/latinmodern-math.woff2"  # from site.css, which declares it

_STYLE = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"')
_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')  # deferred or not, each is fetched
_IMG = re.compile(r"<img\b([^>]*)>")
_SRC = re.compile(r'\bsrc="([^"]+)"')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def transferred(file: Path) -> int:
    data = file.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if file.suffix in GZIPPED else len(data)


@dataclass(frozen=True)
class FirstLoad:
    page: str
    files: dict[str, int]  # site path -> bytes transferred

    @property
    def total(self) -> int:
        return sum(self.files.values())


def first_load(site: Path, page: str) -> FirstLoad:
    """``page`` as a directory path of the site ("", "activations/relu/")."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    url = "/" + page
    styles = _STYLE.findall(html)
    refs = styles + _SCRIPT.findall(html)
    function_page = "/activations/" in url
    def size(ref: str) -> int:
        return transferred(site / urlsplit(urljoin(url, ref)).path.lstrip("/"))
    figures: dict[str, str] = {}  # a function page's figure (its wide file) -> the larger of its variants
    for attrs in _IMG.findall(html):
        src = _SRC.search(attrs)
        if not src or ".dark." in src.group(1):
            continue
        ref = src.group(1)
        if function_page and ".light.svg" in ref:
            wide = ref.replace(f".{PHONE}.", ".")
            figures[wide] = max(figures.get(wide, ref), ref, key=size)
        elif 'loading="lazy"' not in attrs:
            refs.append(ref)
    refs += figures.values()
    config = _CONFIG.search(html)
    if config:  # the theme starts its search worker at once
        refs.append(json.loads(config.group(1))["search"])  # relative to the page, as the theme reads it
    files = {"/" + page + "index.html": transferred(site / page / "index.html")}
    for ref in refs:
        path = urlsplit(urljoin(url, ref)).path
        files[path] = transferred(site / path.lstrip("/"))
    if "<math" in html:  # the font of formulas, fetched where there is one
        css = next(urljoin(url, s) for s in styles if s.endswith("site.css"))
        font = urlsplit(urljoin(css, MATH_FONT)).path
        files[font] = transferred(site / font.lstrip("/"))
    return FirstLoad(page, files)
