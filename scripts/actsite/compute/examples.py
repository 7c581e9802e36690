"""The PyTorch example on each function page, and its real output.

The code is written from the declaration and executed at build time; the
output shown under it is what this torch printed, never typed.
"""
from __future__ import annotations

import contextlib
import io

from ..declare.catalog import Activation, class_source

SAMPLE = "[-3.0, -1.0, 0.0, 1.0, 3.0]"


def _call_name(dotted: str) -> str:
    if dotted.startswith("torch.nn.functional."):
        return "F." + dotted.removeprefix("torch.nn.functional.")
    if dotted.startswith("torch.nn."):
        return "nn." + dotted.removeprefix("torch.nn.")
    return dotted


def _literal(v) -> str:
    return f"torch.tensor({v!r})" if isinstance(v, list) else repr(v)


def example_code(act: Activation) -> str:
    """The module and its functional form on a few inputs, and the gradient; for
    an expression, the nn.Module a reader copies, and the same."""
    args = ", ".join(f"{p.name}={p.default!r}" for p in act.params)
    if act.expression:
        return "\n".join(["import torch", "from torch import nn", "", "", class_source(act).rstrip(), "", "",
                          f"x = torch.tensor({SAMPLE}, requires_grad=True)", f"act = {act.module}({args})",
                          "y = act(x)", "print(y)", "y.sum().backward()", "print(x.grad)"]) + "\n"
    spec = act.functional_params if act.functional_params is not None else act.defaults
    fargs = "".join(f", {k}={_literal(v)}" for k, v in spec.items())
    lines = ["import torch", "from torch import nn"]
    if (act.functional or "").startswith("torch.nn.functional."):
        lines.append("import torch.nn.functional as F")
    lines += [
        "",
        f"x = torch.tensor({SAMPLE}, requires_grad=True)",
        f"act = {_call_name(act.module)}({args})" + (".eval()" if act.train_draws else ""),
        "print(act)",
        "y = act(x)",
        "print(y)",
        *([f"print({_call_name(act.functional)}(x{fargs}))"] if act.functional else []),
        "y.sum().backward()",
        "print(x.grad)",
    ]
    return "\n".join(lines) + "\n"


def run_example(code: str, name: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"<example {name}>", "exec"), {"__name__": "__example__"})
    return out.getvalue()
