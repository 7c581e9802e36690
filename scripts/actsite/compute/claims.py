"""Check an experiment's claims against its result (no torch: the result is data).

A claim that does not hold fails the build with the experiment, the claim,
its expression and the numbers it compared.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from ..declare.claims import FUNCTIONS, parse
from ..errors import SiteError


@dataclass(frozen=True)
class Checked:
    name: str        # the claim's name
    expression: str  # as the script writes it
    compared: str    # its comparisons with the values filled in, e.g. "0.214 < 0.456"


def _shown(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)) and len(v) > 6:
        return "[" + ", ".join(_shown(x) for x in v[:6]) + ", …]"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_shown(x) for x in v) + "]"
    return repr(v)


def _comparisons(node: ast.AST) -> list[ast.Compare]:
    """The comparisons a reader wants to see filled in: the outermost ones."""
    if isinstance(node, ast.Compare):
        return [node]
    if isinstance(node, ast.BoolOp):
        return [c for v in node.values for c in _comparisons(v)]
    if isinstance(node, ast.UnaryOp):
        return _comparisons(node.operand)
    return []


def _eval(node: ast.AST, names: dict):
    code = compile(ast.Expression(node), "<claim>", "eval")
    # as globals, so that a comprehension sees the result's names too;
    # parse() allowed only plain expressions
    return eval(code, {"__builtins__": {}, **names})


def check(name: str, claims: dict[str, str], result: dict, rel: str) -> list[Checked]:
    names = {**FUNCTIONS, **result}
    out = []
    for claim, expression in claims.items():
        field = f"CLAIMS['{claim}']"
        tree = parse(expression, name, claim, rel)
        try:
            holds = _eval(tree.body, names)
            parts = []
            for cmp in _comparisons(tree.body):
                values = [_eval(cmp.left, names)] + [_eval(c, names) for c in cmp.comparators]
                ops = [ast.unparse(ast.Compare(ast.Constant(0), [op], [ast.Constant(0)])).split()[1]
                       for op in cmp.ops]
                parts.append(" ".join([_shown(values[0])] + [f"{op} {_shown(v)}" for op, v in zip(ops, values[1:])]))
        except Exception as exc:  # a name or index the result does not have
            raise SiteError(f"experiment '{name}'", rel, field,
                            f"cannot be evaluated on the result: {type(exc).__name__}: {exc}") from None
        compared = "; ".join(parts) or _shown(holds)
        if holds is not True:
            raise SiteError(f"experiment '{name}'", rel, field,
                            f"does not hold: {expression} (with the result: {compared})")
        out.append(Checked(claim, expression, compared))
    return out
