"""Cache generated outputs by a hash of everything that went into them.

A rebuild in which nothing changed finds every result here and so never
imports torch or matplotlib. Keys hash the input files' bytes, the source of
the module that produces the output and of every module of this package it
imports, directly or not (found by reading the imports, never listed by hand),
and the versions of the libraries used. Entries carry a checksum and are
verified when read; a cache that is corrupt or cannot be written only costs
time, never a failed or wrong build.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NAME = PACKAGE.name  # "actsite"

# Every entry starts with one line holding the sha256 of the rest, and is
# written to a temporary file and then renamed, so header and payload change
# together. A truncated, altered or old-format file (no such line) does not
# verify and is recomputed instead of trusted.
HEADER = b"actsite-cache sha256 "


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
    h = hashlib.sha256(HEADER)  # a new entry format gets new names, old files are never read
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    for name in code:
        h.update(_code_hash(name))
    for name in packages:
        h.update(f"{name}=={_version(name)}".encode())
    return h.hexdigest()[:20]


def stderr_log(message: str) -> None:
    """The default for ``Store(log=...)``: one line on stderr."""
    print(f"activations: {message}", file=sys.stderr)


class Store:
    """Files named ``<name>-<key><suffix>`` in one folder of the cache.

    A cache is only an optimisation, so it never fails a build: an entry that
    cannot be read or does not verify is a miss, and a write that fails is
    skipped (said once per Store)."""

    def __init__(self, root: Path, kind: str, log: Callable[[str], None] | None = None):
        self.folder = cache_dir(root) / kind
        self.log = log or stderr_log
        self.hits = 0
        self.misses = 0
        self._write_failed = False

    def path(self, name: str, k: str, suffix: str) -> Path:
        return self.folder / f"{name}-{k}{suffix}"

    def _corrupt(self, p: Path) -> None:
        self.log(f"cache entry {p} is corrupt; recomputing")
        with contextlib.suppress(OSError):
            p.unlink()  # so it is said once, even if the caller does not write it again

    def _read(self, p: Path) -> bytes | None:
        """The verified payload of ``p``, or None."""
        try:
            data = p.read_bytes()
        except OSError:  # missing, or unreadable: a miss either way
            return None
        head, _, payload = data.partition(b"\n")
        if head != HEADER + hashlib.sha256(payload).hexdigest().encode():
            self._corrupt(p)
            return None
        return payload

    def get_bytes(self, name: str, k: str, suffix: str) -> bytes | None:
        payload = self._read(self.path(name, k, suffix))
        if payload is None:
            self.misses += 1
        else:
            self.hits += 1
        return payload

    def put_bytes(self, name: str, k: str, suffix: str, data: bytes) -> None:
        tmp = self.folder / f".{name}-{k}{suffix}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.glob(f"{name}-*{suffix}"):
                if old.name.removeprefix(f"{name}-").removesuffix(suffix).isalnum():
                    old.unlink()  # stale results of the same output
            tmp.write_bytes(HEADER + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
            tmp.replace(self.path(name, k, suffix))
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if not self._write_failed:
                self._write_failed = True
                self.log(f"cannot write the cache at {self.folder}: {e.strerror or e}; building without caching")

    def get_json(self, name: str, k: str):
        p = self.path(name, k, ".json")
        raw = self._read(p)
        if raw is not None:
            try:
                value = json.loads(raw)
            except ValueError:  # verified but not JSON (or not UTF-8): written by something else
                self._corrupt(p)
            else:
                self.hits += 1
                return value
        self.misses += 1
        return None

    def put_json(self, name: str, k: str, value) -> None:
        self.put_bytes(name, k, ".json", json.dumps(value, sort_keys=True).encode())
