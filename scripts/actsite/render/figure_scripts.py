"""The short standalone script under every figure: torch and matplotlib only.

Each script evaluates the functions itself (autograd for the derivative), so
a reader can redraw a figure for slides, change it, or check it. It draws the
same curves as the site's figure, split at the same jumps and kinks, without
the site's styling. Pure text work: the scripts are generated, not run, here.
"""
from __future__ import annotations

from .curves import breaks
from ..compute.records import Record
from ..declare.catalog import Activation, class_source

COMMON = '''import matplotlib.pyplot as plt
import torch


def evaluate(f, lo, hi, points=2001):
    """f(x) and f'(x) on [lo, hi]; f is elementwise, so the gradient of the sum is f' at every x."""
    x = torch.linspace(lo, hi, points, dtype=torch.float64, requires_grad=True)
    y = f(x)
    y.sum().backward()
    return x.detach(), y.detach(), x.grad


def pieces(x, values, breaks):
    """Split a curve at its jumps, so that no line is drawn across one."""
    edges = [-float("inf"), *sorted(breaks), float("inf")]
    for a, b in zip(edges, edges[1:]):
        keep = (x > a) & (x < b)
        yield x[keep], values[keep]


def axes_lines(ax):
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.grid(alpha=0.3)
'''


def module_expr(act: Activation, params: dict | None = None) -> str:
    """``torch.nn.ELU(alpha=1.0)`` (or an expression's class, ``SquaredReLU()``) with the
    declared (or given) parameters, in float64."""
    cls = act.module.removeprefix("torch.nn.")
    args = ", ".join(f"{k}={v!r}" for k, v in (params if params is not None else act.defaults).items())
    mode = ".eval()" if act.train_draws else ""  # RReLU: the fixed mean slope of eval mode
    return f"{'torch.nn.' if act.in_torch else ''}{cls}({args}).double(){mode}"


def _doc(title: str, out: str, acts: list[Activation]) -> str:
    """The docstring, the shared helpers, and the class of each function written as an expression."""
    classes = "".join(f"\n\n{class_source(a)}" for a in acts if not a.in_torch)
    head = f'"""{title}\n\nRun it with Python; it saves {out}. Needs torch and matplotlib."""\n' + COMMON
    return head.replace("import torch\n", "import torch\nfrom torch import nn\n", 1) + classes if classes else head


def function_script(act: Activation, rec: Record, file: str) -> str:
    lo, hi = rec.plot.x[0], rec.plot.x[-1]
    return (_doc(f"{act.name['en']} and its derivative, as drawn on its page.", f"{file}.png", [act]) + f'''

f = {module_expr(act)}
x, y, dy = evaluate(f, {lo!r}, {hi!r})
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
for ax, values, breaks, title in ((left, y, {breaks(rec.properties, False)!r}, r"${act.symbol}(x)$"),
                                  (right, dy, {breaks(rec.properties, True)!r}, r"${act.symbol}'(x)$")):
    axes_lines(ax)
    for px, py in pieces(x, values, breaks):
        ax.plot(px, py, color="C0")
    ax.set_title(title)
    ax.set_xlabel("x")
fig.savefig("{file}.png", dpi=200)
''')


def sweep_script(act: Activation, rec: Record, file: str) -> str:
    sweep = rec.sweep
    lo, hi = sweep.x[0], sweep.x[-1]
    name = sweep.param
    args = ", ".join(f"{k}=value" if k == name else f"{k}={v!r}" for k, v in act.defaults.items())
    return (_doc(f"{act.name['en']} for several values of {name}.", f"{file}.png", [act]) + f'''

values = {list(sweep.values)!r}
jumps = {sweep.breaks!r}  # where each curve jumps
fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
axes_lines(ax)
for i, (value, breaks) in enumerate(zip(values, jumps)):
    f = {"torch.nn." if act.in_torch else ""}{act.module.removeprefix("torch.nn.")}({args}).double()
    x, y, _ = evaluate(f, {lo!r}, {hi!r}, points={len(sweep.x)})
    for j, (px, py) in enumerate(pieces(x, y, breaks)):
        ax.plot(px, py, color=f"C{{i}}", lw=3 if value == {act.defaults[name]!r} else 1.6,
                label=f"{name} = {{value:g}}" if j == 0 else None)
ax.set_title(r"${act.symbol}(x)$")
ax.set_xlabel("x")
ax.legend()
fig.savefig("{file}.png", dpi=200)
''')


def training_script(act: Activation, rec: Record, file: str, seed: int) -> str:
    lo, hi = rec.plot.x[0], rec.plot.x[-1]
    points = len(rec.training_sample["x"])
    return (_doc(f"{act.name['en']}: eval mode against one training-mode pass.", f"{file}.png", [act]) + f'''

f = {module_expr(act)}
x, y, _ = evaluate(f, {lo!r}, {hi!r})
torch.manual_seed({seed})
f.train()  # training mode: every negative input gets its own random slope
with torch.no_grad():
    xs = torch.linspace({lo!r}, {hi!r}, {points}, dtype=torch.float64)
    sample = f(xs)
fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
axes_lines(ax)
ax.plot(x, y, color="C0", lw=2.4, label="eval mode")
ax.plot(xs[::6], sample[::6], "o", ms=4, color="C1", label="one training-mode pass")
ax.set_title(r"${act.symbol}(x)$")
ax.legend()
fig.savefig("{file}.png", dpi=200)
''')


def overlay_script(acts: list[Activation], recs: list[Record], derivative: bool, file: str, title: str,
                   ylim: tuple[float, float] | None = None) -> str:
    lo, hi = recs[0].data.x[0], recs[0].data.x[-1]
    cut = f"ax.set_ylim{tuple(ylim)!r}  # cut, so that one curve does not flatten the others\n" if ylim else ""
    rows = ",\n    ".join(f"({module_expr(a)}, r\"${a.symbol}{chr(39) if derivative else ''}(x)$\", "
                          f"{breaks(r.properties, derivative)!r})" for a, r in zip(acts, recs))
    return (_doc(title, f"{file}.png", acts) + f'''

functions = [
    {rows},
]
fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
axes_lines(ax)
for i, (f, label, breaks) in enumerate(functions):
    x, y, dy = evaluate(f, {lo!r}, {hi!r}, points=241)
    for j, (px, pv) in enumerate(pieces(x, {"dy" if derivative else "y"}, breaks)):
        ax.plot(px, pv, color=f"C{{i}}", label=label if j == 0 else None)
{cut}ax.set_xlabel("x")
fig.legend(loc="outside lower center", ncols={min(len(acts), 4)})  # below: never over a curve
fig.savefig("{file}.png", dpi=200)
''')


def overview_script(acts: list[Activation], recs: list[Record], file: str) -> str:
    lo, hi = recs[0].data.x[0], recs[0].data.x[-1]
    rows = ",\n    ".join(f"({module_expr(a)}, r\"${a.symbol}(x)$\", {breaks(r.properties, False)!r})"
                          for a, r in zip(acts, recs))
    return (_doc("The four functions of the source note, each on its own axes.", f"{file}.png", acts) + f'''

functions = [
    {rows},
]
fig, axes = plt.subplots(2, 2, figsize=(8, 6.4), layout="constrained")
for ax, (f, title, breaks) in zip(axes.flat, functions):
    x, y, _ = evaluate(f, {lo!r}, {hi!r}, points=241)
    axes_lines(ax)
    for px, py in pieces(x, y, breaks):
        ax.plot(px, py, color="C0")
    ax.set_title(title)
fig.savefig("{file}.png", dpi=200)
''')
