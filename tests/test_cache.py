"""The cache cannot lie: entries are verified on read, a cache that cannot be
written only slows the build, and keys follow the code they depend on."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actsite import cache
from actsite.cache import Store, closure, key

ROOT = Path(__file__).resolve().parent.parent
K = key("inputs")


@pytest.fixture
def logged() -> list[str]:
    return []


@pytest.fixture
def store(tmp_path, monkeypatch, logged) -> Store:
    monkeypatch.setenv("ACTSITE_CACHE", str(tmp_path / "cache"))
    return Store(tmp_path, "figures", log=logged.append)


# --- entries are verified ----------------------------------------------------

def test_round_trip(store, logged):
    store.put_bytes("relu.light", K, ".svg", b"<svg/>")
    store.put_json("relu", K, {"a": [1, 2.5]})
    assert store.get_bytes("relu.light", K, ".svg") == b"<svg/>"
    assert store.get_json("relu", K) == {"a": [1, 2.5]}
    assert store.get_bytes("relu.light", K, ".png") is None  # never written
    assert (store.hits, store.misses) == (2, 1)
    assert logged == []


def test_a_new_entry_replaces_the_stale_one(store):
    store.put_bytes("relu.light", key("old"), ".svg", b"old")
    store.put_bytes("relu.light", K, ".svg", b"new")
    assert [p.name for p in store.folder.iterdir()] == [store.path("relu.light", K, ".svg").name]


def corrupt_cases(payload: bytes):
    """Ways a file on disk can differ from what was written: (what, edit)."""
    return [
        ("truncated", lambda raw: raw[: len(raw) - len(payload) // 2]),
        ("altered byte", lambda raw: raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:]),
        ("empty", lambda raw: b""),
        ("garbage", lambda raw: b"\x00\xff garbage"),
        ("old format, no checksum", lambda raw: payload),
    ]


@pytest.mark.parametrize("what, edit", corrupt_cases(b"<svg>" + b"x" * 100 + b"</svg>"))
def test_corrupt_bytes_are_recomputed(store, logged, what, edit):
    data = b"<svg>" + b"x" * 100 + b"</svg>"
    store.put_bytes("relu.light", K, ".svg", data)
    p = store.path("relu.light", K, ".svg")
    p.write_bytes(edit(p.read_bytes()))
    assert store.get_bytes("relu.light", K, ".svg") is None, what
    assert logged == [f"cache entry {p} is corrupt; recomputing"]
    assert store.misses == 1 and store.hits == 0
    store.put_bytes("relu.light", K, ".svg", data)  # what the caller does next
    assert store.get_bytes("relu.light", K, ".svg") == data
    assert len(logged) == 1


@pytest.mark.parametrize("what, edit", corrupt_cases(b'{"x": [1, 2, 3, 4, 5, 6, 7, 8, 9]}'))
def test_corrupt_json_is_recomputed(store, logged, what, edit):
    value = {"x": list(range(1, 10))}
    store.put_json("relu", K, value)
    p = store.path("relu", K, ".json")
    p.write_bytes(edit(p.read_bytes()))
    assert store.get_json("relu", K) is None, what
    assert logged == [f"cache entry {p} is corrupt; recomputing"]
    store.put_json("relu", K, value)
    assert store.get_json("relu", K) == value


def test_verified_entry_that_is_not_json(store, logged):
    """Bytes put under a .json name are checked as JSON too, not passed to a traceback."""
    store.put_bytes("relu", K, ".json", b'{"x": [1, 2')
    p = store.path("relu", K, ".json")
    assert store.get_json("relu", K) is None
    assert logged == [f"cache entry {p} is corrupt; recomputing"]
    assert not p.exists()  # so the next build does not say it again


def test_unreadable_entry_is_a_miss(store, logged, monkeypatch):
    store.put_bytes("relu.light", K, ".svg", b"<svg/>")
    real = Path.read_bytes

    def denied(self):
        if self.suffix == ".svg":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert store.get_bytes("relu.light", K, ".svg") is None
    assert store.misses == 1


def test_default_log_goes_to_stderr(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ACTSITE_CACHE", str(tmp_path))
    s = Store(tmp_path, "records")
    s.path("relu", K, ".json").parent.mkdir(parents=True)
    s.path("relu", K, ".json").write_bytes(b'{"trunc')
    assert s.get_json("relu", K) is None
    err = capsys.readouterr().err
    assert err == f"activations: cache entry {s.path('relu', K, '.json')} is corrupt; recomputing\n"


# --- a cache that cannot be written -----------------------------------------

def test_unwritable_cache_folder_fails_soft(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ACTSITE_CACHE", str(blocker / "cache"))  # mkdir: NotADirectoryError
    logged: list[str] = []
    s = Store(tmp_path, "figures", log=logged.append)
    s.put_bytes("relu.light", K, ".svg", b"<svg/>")
    s.put_json("relu", K, {"a": 1})
    s.put_bytes("gelu.light", K, ".svg", b"<svg/>")
    assert logged == [f"cannot write the cache at {blocker / 'cache' / 'figures'}: "
                      "Not a directory; building without caching"]  # once per Store
    assert s.get_bytes("relu.light", K, ".svg") is None
    assert s.get_json("relu", K) is None
    assert blocker.read_text() == "not a folder"


def test_failed_write_leaves_no_entry(store, logged, monkeypatch):
    """A write that fails half-way (disk full) leaves neither a partial entry nor a temporary file."""
    def full(self, data):
        with open(self, "wb") as f:
            f.write(data[:10])
        raise OSError(28, "No space left on device")

    store.put_bytes("relu.light", K, ".svg", b"<svg/>")
    monkeypatch.setattr(Path, "write_bytes", full)
    store.put_bytes("gelu.light", K, ".svg", b"<svg>" + b"x" * 100)
    assert logged == [f"cannot write the cache at {store.folder}: No space left on device; "
                      "building without caching"]
    assert sorted(p.name for p in store.folder.iterdir()) == [store.path("relu.light", K, ".svg").name]
    assert store.get_bytes("gelu.light", K, ".svg") is None
    assert store.get_bytes("relu.light", K, ".svg") == b"<svg/>"


# --- keys follow the code ----------------------------------------------------

def test_closure_follows_imports():
    figures = closure("actsite.render.figures")
    assert {"actsite.render.figures", "actsite.render.curves", "actsite.render.formats"} <= set(figures)
    assert "actsite.assemble.pages" not in figures
    cheatsheet = closure("actsite.render.cheatsheet")
    assert {"actsite.render.figures", "actsite.render.formats"} <= set(cheatsheet)
    assert "PNG_DPI" in cache.module_file("actsite.render.formats").read_text(encoding="utf-8")


PRINT_KEY = """
import sys
sys.path.insert(0, sys.argv[1])
import actsite.cache as c
assert c.__file__.startswith(sys.argv[1]), c.__file__
print(c.key("x", code=("actsite.render.figures",)))
"""


def test_editing_a_module_in_the_closure_changes_the_key(tmp_path):
    shutil.copytree(ROOT / "scripts" / "actsite", tmp_path / "actsite",
                    ignore=shutil.ignore_patterns("__pycache__"))

    def key_now() -> str:
        done = subprocess.run([sys.executable, "-B", "-c", PRINT_KEY, str(tmp_path)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    first = key_now()
    assert first == key_now()  # stable across processes
    with open(tmp_path / "actsite" / "assemble" / "pages.py", "a", encoding="utf-8") as f:
        f.write("\n# unrelated edit\n")
    assert key_now() == first
    with open(tmp_path / "actsite" / "render" / "curves.py", "a", encoding="utf-8") as f:
        f.write("\n# an edit the figures depend on\n")
    assert key_now() != first
