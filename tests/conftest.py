"""Shared fixtures: the declarations, torch callables, and built sites."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.declarations import load_catalog  # noqa: E402

LANGS = ("en", "zh")
PROJECT_FILES = ("docs", "scripts", "overrides", "mkdocs.yml", "mkdocs.zh.yml")


def build_env(cache: Path) -> dict:
    env = dict(os.environ)
    env.update(ACTSITE_CACHE=str(cache), NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
               SOURCE_DATE_EPOCH="1700000000")
    return env


def run_build(project: Path, out: Path, cache: Path, *args: str, engine: str = "mkdocs",
              env: dict | None = None) -> subprocess.CompletedProcess:
    """`<engine> build --strict` of ``project`` into ``out``."""
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(out), *args],
        cwd=project, env=env or build_env(cache), capture_output=True, text=True, timeout=600,
    )


def copy_project(dest: Path) -> Path:
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(ROOT)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """A cache filled by the first build of the session (starts empty)."""
    return tmp_path_factory.mktemp("cache")


@dataclass
class Built:
    path: Path
    log: str


@pytest.fixture(scope="session")
def built(tmp_path_factory, shared_cache) -> Built:
    """The whole site, both languages, built once with --strict from an empty cache."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out, shared_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(out, result.stderr)


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built.path


@pytest.fixture(scope="session")
def records(catalog):
    from actsite.compute import compute
    return {act.id: compute(act) for act in catalog}
