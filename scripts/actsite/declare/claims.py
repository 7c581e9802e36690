"""Claims: the statements an experiment's pages make about its result, as
predicates the build checks.

An experiment script declares them beside CONFIG, as a dict literal of
Python expressions over its result's top-level keys::

    CLAIMS = {
        "relu_revives": "revived['ReLU'][1] > 0",
        "elu_never_dead": "max(runs['ELU'][1]['layers']) == 0",
    }

Only plain expressions are allowed: names, constants, subscripts, arithmetic,
comparisons, and/or/not, comprehensions and the functions in FUNCTIONS. The
check itself runs on the result (compute/claims.py); here the expressions are
only parsed, so a typo fails before anything runs.
"""
from __future__ import annotations

import ast

from ..errors import SiteError

FUNCTIONS = {"abs": abs, "all": all, "any": any, "len": len, "max": max, "min": min, "round": round,
             "sorted": sorted, "sum": sum, "range": range, "zip": zip}
_NODES = (ast.Expression, ast.Compare, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.Store,
          ast.Constant, ast.Subscript, ast.Slice, ast.Call, ast.List, ast.Tuple, ast.IfExp,
          ast.GeneratorExp, ast.ListComp, ast.comprehension,
          ast.cmpop, ast.boolop, ast.operator, ast.unaryop)


def parse(expression: str, name: str, claim: str, rel: str) -> ast.Expression:
    """The claim's expression, checked to be a plain predicate."""
    field = f"CLAIMS['{claim}']"
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise SiteError(f"experiment '{name}'", rel, field, f"is not a Python expression: {exc.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise SiteError(f"experiment '{name}'", rel, field,
                            f"uses {type(node).__name__}: a claim is a plain expression over the result")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise SiteError(f"experiment '{name}'", rel, field,
                            f"calls {ast.unparse(node.func)}: only {', '.join(sorted(FUNCTIONS))} are allowed")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise SiteError(f"experiment '{name}'", rel, field, f"uses the private name {node.id}")
    return tree


def check_literal(claims, name: str, rel: str) -> dict[str, str]:
    if not isinstance(claims, dict) or not claims:
        raise SiteError(f"experiment '{name}'", rel, "CLAIMS",
                        "must be a dict literal {name: expression} with at least one claim")
    for claim, expression in claims.items():
        if not (isinstance(claim, str) and claim.isidentifier() and isinstance(expression, str)):
            raise SiteError(f"experiment '{name}'", rel, f"CLAIMS[{claim!r}]",
                            "needs an identifier as its name and an expression as text")
        parse(expression, name, claim, rel)
    return claims
