"""Cache generated outputs by a hash of everything that went into them.

A rebuild in which nothing changed finds every result here and so never
imports torch or matplotlib. Keys hash the input files' bytes, the source of
the module that produces the output and of every module of this package it
imports, directly or not (found by reading the imports, never listed by hand),
and the versions of the libraries used.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NAME = PACKAGE.name  # "actsite"


def cache_dir(root: Path) -> Path:
    """``ACTSITE_CACHE`` or ``.cache/actsite`` under the project."""
    return Path(os.environ.get("ACTSITE_CACHE", root / ".cache" / "actsite"))


def module_file(module: str) -> Path:
    """actsite.render.figures -> .../actsite/render/figures.py (or a package's __init__.py)."""
    parts = module.split(".")[1:]
    file = PACKAGE.joinpath(*parts).with_suffix(".py")
    return file if file.is_file() else PACKAGE.joinpath(*parts, "__init__.py")


def imports_of(module: str, source: str) -> set[str]:
    """The modules of this package that ``source`` (the text of ``module``) imports,
    at the top or inside a function (a lazy import is still a dependency)."""
    package = module.rsplit(".", 1)[0] if not module_file(module).name == "__init__.py" else module
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == NAME)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == NAME:
                target = node.module
            else:
                continue
            found.add(target)
            for alias in node.names:  # "from . import figures" names a module
                if module_file(f"{target}.{alias.name}").is_file():
                    found.add(f"{target}.{alias.name}")
    return {m for m in found if module_file(m).is_file()}


@lru_cache(maxsize=None)
def closure(module: str) -> tuple[str, ...]:
    """``module`` and every module of this package it imports, directly or not, sorted."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(imports_of(m, module_file(m).read_text(encoding="utf-8")) - seen)
    return tuple(sorted(seen))


@lru_cache(maxsize=None)
def _code_hash(module: str) -> bytes:
    h = hashlib.sha256()
    for m in closure(module):
        h.update(m.encode() + b"\0" + module_file(m).read_bytes() + b"\0")
    return h.digest()


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    return metadata.version(package)  # slow to look up: once per process


def key(*parts: str | bytes, code: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> str:
    """A cache key: the input ``parts``, the source of each module in ``code``
    (dotted names) with everything it imports from this package, and the
    versions of ``packages``."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    for name in code:
        h.update(_code_hash(name))
    for name in packages:
        h.update(f"{name}=={_version(name)}".encode())
    return h.hexdigest()[:20]


class Store:
    """Files named ``<name>-<key><suffix>`` in one folder of the cache."""

    def __init__(self, root: Path, kind: str):
        self.folder = cache_dir(root) / kind
        self.hits = 0
        self.misses = 0

    def path(self, name: str, k: str, suffix: str) -> Path:
        return self.folder / f"{name}-{k}{suffix}"

    def get_bytes(self, name: str, k: str, suffix: str) -> bytes | None:
        p = self.path(name, k, suffix)
        if p.is_file():
            self.hits += 1
            return p.read_bytes()
        self.misses += 1
        return None

    def put_bytes(self, name: str, k: str, suffix: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{name}-*{suffix}"):
            if old.name.removeprefix(f"{name}-").removesuffix(suffix).isalnum():
                old.unlink()  # stale results of the same output
        tmp = self.path(name, k, suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(self.path(name, k, suffix))

    def get_json(self, name: str, k: str):
        raw = self.get_bytes(name, k, ".json")
        return None if raw is None else json.loads(raw)

    def put_json(self, name: str, k: str, value) -> None:
        self.put_bytes(name, k, ".json", json.dumps(value, sort_keys=True).encode())
