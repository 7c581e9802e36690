"""Run the generator by hand (from scripts/, or with scripts/ on sys.path):

    python -m actsite stage declare|compute|render|assemble [--lang L]   run up to one stage, timed
    python -m actsite write DIR                                          the generated docs, for any engine
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import SiteError
from .languages import CODES
from .pipeline import Generator

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("declare", "compute", "render", "assemble")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actsite", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    stage = sub.add_parser("stage", help="run the stages up to this one, and time each")
    stage.add_argument("name", choices=STAGES)
    stage.add_argument("--lang", choices=CODES, help="the language whose files to ask for (default: all; "
                       "the text of every language is assembled together)")
    write = sub.add_parser("write", help="write the generated docs of every language into DIR")
    write.add_argument("dir", type=Path)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this checkout)")
    args = parser.parse_args(argv)

    gen = Generator(args.root, lambda msg: print(msg, file=sys.stderr))
    start = time.perf_counter()
    try:
        if args.command == "write":
            from .adapters.folder import write as write_folder
            counts = write_folder(gen, args.dir)
            print(", ".join(f"{lang}: {n} files" for lang, n in counts.items()) + f" in {args.dir}")
        else:
            for name in STAGES[: STAGES.index(args.name) + 1]:
                if name == "assemble":
                    for lang in [args.lang] if args.lang else CODES:
                        gen.outputs(lang)
                else:
                    getattr(gen, {"declare": "declared", "compute": "computed", "render": "rendered"}[name])
    except SiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, seconds in gen.timings.items():
        print(f"{name:<16}{seconds:8.2f} s")
    print(f"{'total':<16}{time.perf_counter() - start:8.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
