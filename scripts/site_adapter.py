"""What both MkDocs entry points share: one generator per process.

The English build, its hooks and the Chinese build that follows it run in
one process; keeping one Generator means the second language reuses the
records and figures of the first.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from actsite.pipeline import Generator

_instances: dict[Path, Generator] = {}


def generator(root: Path, log: Callable[[str], None]) -> Generator:
    root = Path(root).resolve()
    if root not in _instances:
        _instances[root] = Generator(root, log)
    return _instances[root]


def reset() -> None:
    """Forget every generator, so the next build reads all sources again."""
    _instances.clear()
