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


def write(gen: Generator, folder: Path) -> dict[str, int]:
    """Write every language into ``folder`` (emptied first); returns the files per language."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    counts = {}
    for lang in CODES:
        files = gen.outputs(lang)
        for path, data in files.items():
            target = folder / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (folder / f"{lang}.nav.yml").write_text(yaml.safe_dump(gen.nav(lang), allow_unicode=True), encoding="utf-8")
        counts[lang] = len(files)
    return counts
