"""Time a cold build, an unchanged rebuild and a plain Material build.

    python scripts/benchmark_build.py [--runs N] [--cold-log FILE]

cold:      `mkdocs build` (both languages) with an empty cache: torch,
           matplotlib and the pages all run.
unchanged: the same build again with the cache filled by the cold build.
plain:     Material building the very Markdown the generator wrote (both
           languages, same theme, same extensions, same search) with no
           generation at all: the floor an unchanged rebuild is measured against.
zensical unchanged, zensical plain: the same two with Zensical, for the same
           pages: scripts/build_zensical.py with the filled cache, and Zensical
           alone on the projects it staged (.zensical/<lang>).
Each figure is the median of N runs of the whole process (wall clock).
--cold-log keeps the log of the first cold build: how long each experiment ran.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.pipeline import Generator  # noqa: E402

PLAIN_HOOK = '''
import os
from mkdocs.commands.build import build
from mkdocs.config import load_config

def on_post_build(config):
    if config.extra["language"] == "en":
        build(load_config("mkdocs.zh.yml", site_dir=os.path.join(config.site_dir, "zh"), strict=True))
'''

# Zensical alone on the projects scripts/build_zensical.py staged: each language's build.
# Its own render cache (.cache/) is removed first: MkDocs' plain build has none.
ZENSICAL_PLAIN = """
import shutil, subprocess, sys
from actsite.languages import LANGUAGES
for lang in LANGUAGES:
    shutil.rmtree(f".zensical/{lang.code}/.cache", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"],
                   cwd=f".zensical/{lang.code}", check=True, capture_output=True)
"""


def env_with(cache: Path) -> dict:
    env = dict(os.environ, ACTSITE_CACHE=str(cache), NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
               PYTHONPATH=str(ROOT / "scripts"))
    return env


def timed(cmd: list[str], cwd: Path, env: dict, log: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True)
    took = time.perf_counter() - start
    if log:
        log.write_text(done.stderr, encoding="utf-8")
    return took


def plain_project(dest: Path) -> Path:
    """The generated Markdown of both languages, with configs minus generation."""
    gen = Generator(ROOT)
    for lang in ("en", "zh"):
        for path, data in gen.outputs(lang).items():
            target = dest / "docs" / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    en = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (("  - scripts/mkdocs_hooks.py", "  - plain_hook.py"),
                     ("  gen-files:\n    scripts:\n      - scripts/gen_pages.py\n", ""),
                     ("  - scripts\n", "")):
        assert old in en, f"mkdocs.yml changed: update the benchmark ({old!r})"
        en = en.replace(old, new)
    nav = {lang: gen.nav(lang) for lang in ("en", "zh")}
    import yaml
    (dest / "mkdocs.yml").write_text(en + yaml.safe_dump({"nav": nav["en"]}, allow_unicode=True), encoding="utf-8")
    zh = (ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.zh.yml").write_text(zh + yaml.safe_dump({"nav": nav["zh"]}, allow_unicode=True), encoding="utf-8")
    (dest / "plain_hook.py").write_text(PLAIN_HOOK, encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-log", type=Path, help="write the log of the first cold build here")
    args = parser.parse_args()
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    logged = [c for c in build if c != "-q"]
    results: dict[str, list[float]] = {"cold": [], "unchanged": [], "plain": [],
                                       "zensical unchanged": [], "zensical plain": []}
    zensical = [sys.executable, "scripts/build_zensical.py"]
    zensical_plain = [sys.executable, "-c", ZENSICAL_PLAIN]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        warm = tmp / "warm-cache"
        plain = plain_project(tmp / "plain")
        for i in range(args.runs):
            cold_cache = tmp / f"cold-{i}"
            log = args.cold_log if i == 0 else None
            results["cold"].append(timed((logged if log else build) + ["-d", str(tmp / "s1")], ROOT,
                                         env_with(cold_cache), log))
            shutil.rmtree(cold_cache)
        timed(build + ["-d", str(tmp / "s2")], ROOT, env_with(warm))  # fill the cache
        for _ in range(args.runs):
            results["unchanged"].append(timed(build + ["-d", str(tmp / "s2")], ROOT, env_with(warm)))
            results["plain"].append(timed(build + ["-d", str(tmp / "s3")], plain, env_with(warm)))
            results["zensical unchanged"].append(timed(zensical + ["--site-dir", str(tmp / "s4")], ROOT,
                                                       env_with(warm)))
            results["zensical plain"].append(timed(zensical_plain, ROOT, env_with(warm)))
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"{'build':<20}{'median s':>10}{'min s':>8}{'max s':>8}   (both languages, {args.runs} runs each)")
    for k, v in results.items():
        print(f"{k:<20}{med[k]:>10.2f}{min(v):>8.2f}{max(v):>8.2f}")
    print(f"unchanged / plain = {med['unchanged'] / med['plain']:.2f}")
    print(f"MkDocs / Zensical: unchanged {med['unchanged'] / med['zensical unchanged']:.2f}, "
          f"plain {med['plain'] / med['zensical plain']:.2f}")


if __name__ == "__main__":
    main()
