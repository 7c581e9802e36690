"""The plain folder writer: the generated docs of every language, for any engine.

    DIR/<lang>/...        every generated file of that language (pages, figures, data)
    DIR/<lang>.nav.yml    its navigation, as MkDocs' `nav:` writes it

The hand-written parts of a site (theme overrides, configs) stay where they are.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from ..languages import CODES
from ..pipeline import Generator


def write_language(gen: Generator, lang: str, folder: Path) -> int:
    """Every generated file of one language into ``folder``; returns how many."""
    files = gen.outputs(lang)
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)


def write(gen: Generator, folder: Path) -> dict[str, int]:
    """Write every language into ``folder`` (emptied first); returns the files per language."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    counts = {}
    for lang in CODES:
        counts[lang] = write_language(gen, lang, folder / lang)
        (folder / f"{lang}.nav.yml").write_text(yaml.safe_dump(gen.nav(lang), allow_unicode=True), encoding="utf-8")
    return counts
