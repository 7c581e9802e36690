"""Experiments: standalone scripts in docs/experiments/<name>.py, run at build time.

Each script is what a reader downloads and runs (torch, and matplotlib to
draw). The site runs the very same code, so a page never shows a result that
its code does not produce. A script defines:

- ``CONFIG``: a dict literal, the experiment's whole set-up; ``run(**CONFIG)``;
- ``FIGURES``: a dict literal ``{figure name: [width, height] in inches}``;
- ``TEXT``: a dict literal of the English words its figures use;
- ``run(..., log=print)``: the result as plain JSON data, seeded;
- ``draw(result, fig, text, figure)``: draws one figure into a matplotlib figure;
- ``CLAIMS``: a dict literal of the predicates over the result that its pages
  state (see claims.py): each conclusion sentence cites one, the build checks it;
- optionally ``table(result)``: rows of a results table, ``SOURCE``: the
  file that made the data it reads (the speed benchmark), and ``PHONE``: a dict
  literal ``{figure name: [width, height]}`` of the figures that have a phone
  variant, which ``draw(..., phone=True)`` lays out for a phone's width.

The literals are read with ``ast`` so a page can show the set-up without
importing torch; the script is imported only to run or to draw.
"""
from __future__ import annotations

import ast
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

from ..errors import SiteError
from . import claims

FOLDER = "docs/experiments"
REQUIRED = ("CONFIG", "FIGURES", "TEXT", "CLAIMS")
OPTIONAL = ("SOURCE", "PHONE")


def names(root: Path) -> list[str]:
    """Every experiment; those that run more functions first, so that parallel
    workers, given the longest jobs first, end at about the same time."""
    found = sorted(p.stem for p in (root / FOLDER).glob("*.py"))
    return sorted(found, key=lambda n: -len(literals(root, n)["CONFIG"].get("functions", [])))


def path(name: str) -> str:
    return f"{FOLDER}/{name}.py"


@lru_cache(maxsize=None)
def _literals(file: Path, mtime: float) -> dict:
    rel = f"{FOLDER}/{file.name}"
    subject = f"experiment '{file.stem}'"
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), rel)
    except SyntaxError as exc:
        raise SiteError(subject, rel, f"line {exc.lineno}", f"is not valid Python: {exc.msg}") from None
    found: dict = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in REQUIRED + OPTIONAL:
                try:
                    found[name] = ast.literal_eval(node.value)
                except ValueError:
                    raise SiteError(subject, rel, name, "must be a literal (numbers, strings, lists, dicts)") from None
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    for name in REQUIRED:
        if not isinstance(found.get(name), dict):
            raise SiteError(subject, rel, name, "is missing: every experiment declares it as a dict literal")
    for name in ("run", "draw"):
        if name not in functions:
            raise SiteError(subject, rel, f"{name}()", "is missing: every experiment defines it")
    claims.check_literal(found["CLAIMS"], file.stem, rel)
    _check_sizes(found, tree, subject, rel)
    found["has_table"] = "table" in functions
    found["imports"] = sorted({n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
                               and (file.parent / f"{n.module}.py").is_file()})
    return found


def _check_sizes(found: dict, tree: ast.Module, subject: str, rel: str) -> None:
    """FIGURES and PHONE give each figure two positive sizes in inches; a phone
    variant is of a figure that exists, drawn by a draw() that takes ``phone``."""
    phone = found.get("PHONE", {})
    if not isinstance(phone, dict):
        raise SiteError(subject, rel, "PHONE", "must be a dict literal {figure name: [width, height]}")
    for name, sizes in (("FIGURES", found["FIGURES"]), ("PHONE", phone)):
        for figure, size in sizes.items():
            if not (isinstance(size, list) and len(size) == 2
                    and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in size)):
                raise SiteError(subject, rel, f"{name}['{figure}']", f"must be [width, height] in inches, not {size!r}")
    if not phone:
        return
    for figure in phone:
        if figure not in found["FIGURES"]:
            raise SiteError(subject, rel, f"PHONE['{figure}']", f"is not a figure of FIGURES ({', '.join(found['FIGURES'])})")
    draw = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "draw")
    if "phone" not in [a.arg for a in draw.args.args + draw.args.kwonlyargs]:
        raise SiteError(subject, rel, "draw()", "takes no 'phone' argument, which PHONE needs: draw(..., phone=False)")


def literals(root: Path, name: str) -> dict:
    file = root / path(name)
    if not file.is_file():
        raise SiteError(f"experiment '{name}'", path(name), "(file)", "is missing")
    return _literals(file, file.stat().st_mtime)


def sources(root: Path, name: str) -> list[bytes]:
    """What a result depends on: the script, the sibling scripts it imports and
    the data file (or list of data files) its CONFIG names."""
    lit = literals(root, name)
    files = [root / path(name)] + [root / path(m) for m in lit["imports"]]
    data = lit["CONFIG"].get("data")
    if data:
        files.extend(root / FOLDER / d for d in ([data] if isinstance(data, str) else data))
    return [f.read_bytes() for f in files]


def load_module(root: Path, name: str):
    folder = str(root / FOLDER)
    if folder not in sys.path:
        sys.path.insert(0, folder)  # scripts import each other as they do when run by hand
    spec = importlib.util.spec_from_file_location(f"experiment_{name}", root / path(name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
