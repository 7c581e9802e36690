"""Cache generated outputs by a hash of everything that went into them.

A rebuild in which nothing changed finds every result here and so never
imports torch or matplotlib. Keys hash the input files' bytes, the source of
the modules that produce the output and the versions of the libraries used.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def cache_dir(root: Path) -> Path:
    """``ACTSITE_CACHE`` or ``.cache/actsite`` under the project."""
    return Path(os.environ.get("ACTSITE_CACHE", root / ".cache" / "actsite"))


@lru_cache(maxsize=None)
def _module_source(name: str) -> bytes:
    return (PACKAGE / f"{name}.py").read_bytes()


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    return metadata.version(package)  # slow to look up: once per process


def key(*parts: str | bytes, modules: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    for name in modules:
        h.update(_module_source(name))
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
