"""Run one experiment script with its CONFIG (torch, one thread)."""
from __future__ import annotations

import json
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
        rows = module.table(result) if hasattr(module, "table") else None
        # columns in their order: the cache stores dicts with sorted keys
        table = {"columns": list(rows[0]), "rows": [list(r.values()) for r in rows]} if rows else None
    except Exception as exc:
        raise SiteError(f"experiment '{name}'", experiments.path(name), "run()",
                        f"raised {type(exc).__name__}: {exc}") from None
    return json.loads(json.dumps({"result": result, "table": table}, sort_keys=True))  # as the cache gives it
