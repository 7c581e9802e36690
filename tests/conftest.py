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

from actsite.declare.catalog import load_catalog  # noqa: E402

LANGS = ("en", "zh")
# A test that uses one of these builds the site: it belongs to the build tier
# (or to e2e, which its module marks).
BUILD_FIXTURES = {"built", "site", "server", "shared_cache"}


# The engine that builds the `built` site: `--engine zensical` runs the tests of
# the built site (the ones that use these fixtures) on Zensical's output instead.
ENGINES = ("mkdocs", "zensical")
SITE_FIXTURES = {"built", "site", "server"}


def pytest_addoption(parser):
    parser.addoption("--engine", choices=ENGINES, default="mkdocs",
                     help="the engine that builds the site the site, link and browser tests read")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(item.fixturenames) and not item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.build)
    if config.getoption("--engine") != "mkdocs":  # only what reads the built site
        keep = [i for i in items if SITE_FIXTURES & set(i.fixturenames) and not i.get_closest_marker("mkdocs_only")]
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep
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


def run_zensical_build(project: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    """The README's Zensical build of ``project`` into ``out``."""
    return subprocess.run([sys.executable, "scripts/build_zensical.py", "--site-dir", str(out)],
                          cwd=project, env=build_env(cache), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def engine(request) -> str:
    return request.config.getoption("--engine")


@pytest.fixture(scope="session")
def built(tmp_path_factory, shared_cache, engine) -> Built:
    """The whole site, both languages, built once (--strict with MkDocs) from an empty cache."""
    out = tmp_path_factory.mktemp("site")
    result = (run_zensical_build(ROOT, out, shared_cache) if engine == "zensical"
              else run_build(ROOT, out, shared_cache))
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(out, result.stderr)


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built.path


@pytest.fixture(scope="session")
def records(catalog):
    from actsite.compute.activation import compute
    by_id = {a.id: a for a in catalog}
    return {act.id: compute(act, by_id.get(act.approximates)) for act in catalog}


# --- the built site in a real browser -------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 (any free port) under the path it is
    published at, as GitHub Pages serves a project (/<repo>/); yields its URL."""
    import functools
    import http.server
    import threading

    from actsite.tools.links import published_path
    prefix = published_path(site)

    class Published(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(site / "no such file")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Published, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Without it the browser tests
    skip on a developer's machine but fail under CI, where .ci/run installs it."""
    if not Path(CHROMIUM).exists():
        message = f"no browser at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
