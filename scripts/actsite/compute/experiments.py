"""Run one experiment script with its CONFIG (torch, one thread)."""
from __future__ import annotations

import json
import traceback
from pathlib import Path

from ..declare import experiments
from ..errors import SiteError


def run(root: Path, name: str, log) -> dict:
    """Run one experiment with its CONFIG, one thread: ``{"result": ..., "table":
    rows or None}`` as plain JSON data (the table is made now, so that a rebuild
    from the cache never imports the script, nor torch)."""
    import torch

    torch.set_num_threads(1)  # deterministic sums, and the workers share the cores
    config = experiments.literals(root, name)["CONFIG"]
    module = experiments.load_module(root, name)
    try:
        result = json.loads(json.dumps(module.run(**config, log=log)))
    except Exception as exc:
        raise failure(root, name, "run", exc) from None
    try:
        rows = module.table(result) if hasattr(module, "table") else None
        # columns in their order: the cache stores dicts with sorted keys
        table = {"columns": list(rows[0]), "rows": [list(r.values()) for r in rows]} if rows else None
    except Exception as exc:
        raise failure(root, name, "table", exc) from None
    return json.loads(json.dumps({"result": result, "table": table}, sort_keys=True))  # as the cache gives it


def failure(root: Path, name: str, function: str, exc: Exception) -> SiteError:
    """The error for ``function`` of an experiment script that raised, with the
    line of the script it was raised from (the deepest frame in the script: the
    frames of torch or numpy below it mean nothing to the script's author)."""
    script = (root / experiments.path(name)).resolve()
    lines = [n for frame, n in traceback.walk_tb(exc.__traceback__)
             if Path(frame.f_code.co_filename).resolve() == script]
    where = f" (line {lines[-1]})" if lines else ""
    return SiteError(f"experiment '{name}'", experiments.path(name), f"{function}()",
                     f"raised {type(exc).__name__}: {exc}{where}")
