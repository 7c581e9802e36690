"""Code shown on hand-written pages, run at build time (docs/snippets/<name>.py).

A page writes ``{{ run maxout }}``; the site shows the file and the output
this torch printed when the site was built, so no printed value is typed.
"""
from __future__ import annotations

import contextlib
import io


def run_snippet(code: str, name: str) -> str:
    import torch  # only when a result is not cached

    torch.manual_seed(0)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"docs/snippets/{name}.py", "exec"), {"__name__": "__snippet__"})
    return out.getvalue()
