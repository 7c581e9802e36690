"""The generator: the stages in order, for every language.

    declare (read and check; no torch) -> compute (torch, cached)
    -> render (matplotlib, cached) -> assemble (text)

``Generator(root).outputs(lang)`` returns every generated file of that
language's site as ``{path: bytes}``; it knows nothing of MkDocs (the
adapters hand the files to an engine). Each stage runs once per process, for
every language at once (so the cheat sheets are drawn side by side), and the
second language's build only looks its files up; ``python -m actsite stage
NAME`` runs and times one.
"""
from __future__ import annotations

import time
from functools import cached_property
from pathlib import Path
from typing import Callable

from .assemble.mathml import math_text
from .assemble.site import Assembled, assemble, cheatsheet_files, nav
from .compute.stage import Computed, compute
from .declare.stage import Declared, declare
from .errors import SiteError
from .languages import CODES
from .render import stage as render_stage
from .render.mathfont import FILE as MATH_FONT
from .render.stage import Rendered


class Generator:
    def __init__(self, root: Path, log: Callable[[str], None] = lambda msg: None):
        self.root = Path(root).resolve()
        self.log = log
        self.timings: dict[str, float] = {}  # seconds each stage took in this process

    def _timed(self, stage: str, fn):
        start = time.perf_counter()
        result = fn()
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start
        return result

    @cached_property
    def declared(self) -> Declared:
        return self._timed("declare", lambda: declare(self.root))

    @cached_property
    def computed(self) -> Computed:
        return self._timed("compute", lambda: compute(self.declared, self.log))

    @cached_property
    def rendered(self) -> Rendered:
        return self._timed("render", lambda: render_stage.render(self.declared, self.computed, self.log))

    def figure_scripts(self) -> dict[str, str]:
        """The standalone script under each figure (no drawing needed)."""
        return {j.name: j.script for j in render_stage.jobs(self.declared, self.computed) if j.script}

    @cached_property
    def assembled(self) -> dict[str, Assembled]:
        """Every language's text at once, so that their cheat sheets are drawn side by side."""
        d, c, r = self.declared, self.computed, self.rendered
        return {lang: self._timed(f"assemble ({lang})", lambda: assemble(d, c, r, lang)) for lang in CODES}

    @cached_property
    def cheatsheets(self) -> dict[str, dict[str, bytes]]:
        args = {lang: a.cheatsheet for lang, a in self.assembled.items()}
        return self._timed("cheat sheets", lambda: render_stage.cheatsheets(self.declared, args, self.log))

    @cached_property
    def math_font(self) -> bytes:
        text = "".join(math_text(a.files) for a in self.assembled.values())
        return self._timed("math font", lambda: render_stage.math_font(self.declared, text, self.log))

    def outputs(self, lang: str) -> dict[str, bytes]:
        if lang not in CODES:
            raise SiteError(f"language '{lang}'", "mkdocs config", "extra.language", f"must be one of {CODES}")
        files = self.assembled[lang].files | cheatsheet_files(lang, self.cheatsheets[lang])
        return dict(sorted((files | {MATH_FONT: self.math_font}).items()))

    def nav(self, lang: str) -> list:
        return nav(self.declared, lang)
