"""Load and validate the activation declarations (docs/catalog/<id>.yml).

A declaration is the single place where an activation is described: its
names in every language, where torch keeps it (or, for a function torch.nn
does not ship, a torch expression in x), its default parameters and the
formula and derivative shown on the site. Everything else is derived. The
families it is grouped in are data too (docs/families.yml).
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from latex2mathml.converter import convert as latex_to_mathml

from ..errors import SiteError
from ..languages import CODES as LANGUAGES

FAMILIES_FILE = "docs/families.yml"

_REQUIRED = {
    "id": str, "name": dict, "long_name": dict, "family": str, "symbol": str,
    "module": str, "params": dict, "formula": str, "derivative": str,
}
_OPTIONAL = {
    "functional": str,          # torch's functional form of a torch.nn module (required with one)
    "expression": str,          # f(x) as a torch expression in x and the params, for a function torch.nn lacks
    "plot": dict,               # {x: [lo, hi], inset: [lo, hi]}: axes, and a zoomed inset of f
    "constants": dict,          # fixed constants of the formula (SELU): {name: {value, symbol}}
    "functional_params": dict,  # arguments of the functional form when they differ (PReLU's weight)
    "approximates": str,        # id of the smooth function a hard one approximates
    "sweep": dict,              # {param, values}: a figure of the family of curves
    "example_params": bool,     # the params are examples: torch has no default (Threshold)
    "train_draws": bool,        # random in training mode (RReLU): draw a training-mode sample too
    "gain": dict,               # {nonlinearity, param}: its entry in torch.nn.init.calculate_gain
}


@dataclass(frozen=True)
class Param:
    name: str
    default: float | int | str
    symbol: str | None  # LaTeX symbol used in the formula, if it appears there


@dataclass(frozen=True)
class Activation:
    id: str
    path: str  # relative to the project root, for messages
    name: dict[str, str]
    long_name: dict[str, str]
    family: str
    symbol: str
    module: str  # torch.nn.ReLU, or the class name of an expression (SquaredReLU)
    functional: str | None  # None for an expression
    params: tuple[Param, ...]
    formula: str
    derivative: str
    plot_x: tuple[float, float] = (-5.0, 5.0)
    plot_inset: tuple[float, float] | None = None
    constants: tuple[Param, ...] = ()
    functional_params: dict | None = None
    approximates: str | None = None
    sweep: tuple[str, tuple[float, ...]] | None = None
    example_params: bool = False
    train_draws: bool = False
    expression: str | None = None  # torch code in x and the params; module is then a class name
    gain: tuple[str, str | None] | None = None  # calculate_gain's nonlinearity, and the param it takes
    source: str = field(default="", repr=False)  # the file's text, for cache keys

    @property
    def in_torch(self) -> bool:
        """A torch.nn module, rather than a function written as an expression."""
        return self.expression is None

    @property
    def computed_by(self) -> str:
        """What computes it, for messages: torch.nn.ReLU, or the expression."""
        return self.module if self.in_torch else f"the expression {self.expression.strip()}"

    @property
    def class_name(self) -> str:
        return self.module.rsplit(".", 1)[-1]

    @property
    def defaults(self) -> dict[str, float | str]:
        return {p.name: p.default for p in self.params}

    @property
    def formula_values(self) -> dict[str, float]:
        """Values of every symbol a formula may use: parameters and constants."""
        return {p.name: p.default for p in self.params + self.constants if not isinstance(p.default, str)}

    @property
    def symbols(self) -> dict[str, str]:
        return {p.symbol: p.name for p in self.params + self.constants if p.symbol}


def _fail(subject: str, path: str, key: str, problem: str) -> SiteError:
    return SiteError(f"activation '{subject}'", path, key, problem)


def load_declaration(file: Path, root: Path, families: list[str]) -> Activation:
    rel = file.relative_to(root).as_posix()
    ident = file.stem
    try:
        text = file.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(ident, rel, "(whole file)", f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise _fail(ident, rel, "(whole file)", "must be a mapping of fields")
    for key, kind in _REQUIRED.items():
        if key not in data:
            raise _fail(ident, rel, key, "is missing")
        if not isinstance(data[key], kind):
            raise _fail(ident, rel, key, f"must be a {kind.__name__}, not {type(data[key]).__name__}")
    for key, kind in _OPTIONAL.items():
        if key in data and not isinstance(data[key], kind):
            raise _fail(ident, rel, key, f"must be a {kind.__name__}")
    unknown = set(data) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise _fail(ident, rel, sorted(unknown)[0], "is not a known field")
    if data["id"] != ident:
        raise _fail(ident, rel, "id", f"is {data['id']!r} but the file is named {ident}.yml")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
        raise _fail(ident, rel, "id", "must be lower-case letters, digits and _")
    for key in ("name", "long_name"):
        for lang in LANGUAGES:
            if not isinstance(data[key].get(lang), str) or not data[key][lang].strip():
                raise _fail(ident, rel, f"{key}.{lang}", "is missing (every language needs it)")
    if data["family"] not in families:
        raise _fail(ident, rel, "family", f"must be one of {', '.join(families)} (the families of {FAMILIES_FILE})")
    params = _params(data["params"], ident, rel, "params", allow_text=True)
    constants = _params(data.get("constants", {}), ident, rel, "constants", allow_text=False)
    if "expression" in data:
        _check_expression(data, params + constants, ident, rel)
    else:
        for key in ("module", "functional"):
            if key not in data:
                if key == "functional":  # torch.nn.Identity has none
                    continue
                raise _fail(ident, rel, key, "is missing (or declare 'expression' for a function torch.nn lacks)")
            if not re.fullmatch(r"torch(\.[A-Za-z_][A-Za-z0-9_]*)+", data[key]):
                raise _fail(ident, rel, key, "must be a dotted torch path such as torch.nn.ReLU")
    plot = data.get("plot", {})
    plot_x = _span(plot.get("x", [-5, 5]), ident, rel, "plot.x", around_zero=True)
    inset = _span(plot["inset"], ident, rel, "plot.inset") if "inset" in plot else None
    sweep = None
    if "sweep" in data:
        name, values = data["sweep"].get("param"), data["sweep"].get("values")
        if name not in {p.name for p in params} or not isinstance(values, list) or len(values) < 2 \
                or not all(_is_number(v) for v in values):
            raise _fail(ident, rel, "sweep", "needs 'param' (one of params) and a list of two or more 'values'")
        if not all(math.isfinite(v) for v in values):
            raise _fail(ident, rel, "sweep.values", f"must be finite numbers, not {values!r}")
        sweep = (name, tuple(float(v) for v in values))
    for key, shown in (("formula", f"{data['symbol']}(x) = {data['formula']}"),
                       ("derivative", f"{data['symbol']}'(x) = {data['derivative']}")):
        try:  # the page shows it as MathML: a formula that does not convert fails here, by name
            latex_to_mathml(shown)
        except Exception as exc:  # latex2mathml raises bare exception classes of its own
            raise _fail(ident, rel, key, f"cannot be typeset with the symbol {data['symbol']!r}: "
                        f"{shown!r} gives {type(exc).__name__} {exc}".rstrip()) from None
    gain = None
    if "gain" in data:
        spec = data["gain"]
        if not isinstance(spec.get("nonlinearity"), str) or set(spec) - {"nonlinearity", "param"} or \
                ("param" in spec and spec["param"] not in {p.name for p in params}):
            raise _fail(ident, rel, "gain", "needs 'nonlinearity' (a name calculate_gain knows) and optionally "
                        "'param' (one of params, the value it passes)")
        gain = (spec["nonlinearity"], spec.get("param"))
    return Activation(
        id=ident, path=rel, name=dict(data["name"]), long_name=dict(data["long_name"]),
        family=data["family"], symbol=data["symbol"], module=data["module"],
        functional=data.get("functional"), params=tuple(params), formula=data["formula"].strip(),
        derivative=data["derivative"].strip(), plot_x=plot_x, plot_inset=inset, constants=constants,
        functional_params=data.get("functional_params"), approximates=data.get("approximates"),
        sweep=sweep, example_params=data.get("example_params", False),
        train_draws=data.get("train_draws", False), expression=data.get("expression"), gain=gain, source=text,
    )


# what an expression may name besides its parameters: the input and torch
EXPRESSION_NAMES = {"x", "torch", "math"}


def _check_expression(data: dict, params: tuple[Param, ...], ident: str, rel: str) -> None:
    """An expression is Python that reads x, torch, math and the parameters, nothing else."""
    if "functional" in data:
        raise _fail(ident, rel, "functional", "is for a torch.nn module: an expression has none")
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", data["module"]):
        raise _fail(ident, rel, "module", "with an expression, is the class name a reader types, such as SquaredReLU")
    try:
        tree = ast.parse(data["expression"].strip(), mode="eval")
    except SyntaxError as exc:
        raise _fail(ident, rel, "expression", f"is not a Python expression: {exc.msg}") from None
    allowed = EXPRESSION_NAMES | {p.name for p in params}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in allowed:
            raise _fail(ident, rel, "expression", f"uses {node.id!r}: it may use only x, torch, math "
                        f"and the declared params{' (' + ', '.join(p.name for p in params) + ')' if params else ''}")
        if isinstance(node, (ast.Lambda, ast.NamedExpr, ast.ListComp, ast.GeneratorExp)) or \
                (isinstance(node, ast.Attribute) and node.attr.startswith("_")):
            raise _fail(ident, rel, "expression", "must be one plain expression of torch operations")
    for p in params:
        if isinstance(p.default, str):
            raise _fail(ident, rel, f"params.{p.name}", "must be a number: an expression's parameters are numbers")


def class_source(act: Activation) -> str:
    """The nn.Module a reader copies for a function written as an expression;
    its parameters are plain numbers in __init__, its forward is the expression."""
    params = act.params
    init = ", ".join(f"{p.name}={p.default!r}" for p in params)
    lines = [f"class {act.module}(nn.Module):",
             f'    """{act.name["en"]}, f(x) = {act.expression.strip()}"""', ""]
    if params:
        lines += [f"    def __init__(self, {init}):", "        super().__init__()"]
        lines += [f"        self.{p.name} = {p.name}" for p in params] + [""]
    lines += ["    def forward(self, x):"]
    lines += [f"        {p.name} = self.{p.name}" for p in params]
    lines += [f"        {c.name} = {c.default!r}" for c in act.constants]
    lines += [f"        return {act.expression.strip()}"]
    return "\n".join(lines) + "\n"


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _params(spec: dict, ident: str, rel: str, key: str, allow_text: bool) -> tuple[Param, ...]:
    out = []
    for name, entry in spec.items():
        default = entry.get("default") if isinstance(entry, dict) else None
        if not (_is_number(default) or (allow_text and isinstance(default, str))):
            raise _fail(ident, rel, f"{key}.{name}", "needs a 'default' (a number" + (" or text)" if allow_text else ")"))
        if _is_number(default) and not math.isfinite(default):
            raise _fail(ident, rel, f"{key}.{name}", f"is {default!r}: it must be a finite number")
        if isinstance(default, str) and _is_float_text(default):
            # YAML reads 1e300 (no dot, or no sign in the exponent) as text: say so, not "unknown parameter"
            raise _fail(ident, rel, f"{key}.{name}", f"is the text {default!r}, not a number: "
                        "write a number YAML reads as one, such as 1.0e+3 (a dot and a signed exponent)")
        symbol = entry.get("symbol")
        if symbol is not None and not (isinstance(symbol, str) and _is_number(default)):
            raise _fail(ident, rel, f"{key}.{name}.symbol", "must be a LaTeX symbol such as \\beta, for a number")
        out.append(Param(name, default if isinstance(default, (str, int)) else float(default), symbol))
    return tuple(out)


def _is_float_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _span(value, ident: str, rel: str, key: str, around_zero: bool = False) -> tuple[float, float]:
    ok = isinstance(value, list) and len(value) == 2 and all(_is_number(v) and math.isfinite(v) for v in value) \
        and value[0] < value[1]
    if not ok or (around_zero and not value[0] < 0 < value[1]):
        raise _fail(ident, rel, key, "must be [lo, hi] with lo < hi" + (" and lo < 0 < hi" if around_zero else ""))
    return float(value[0]), float(value[1])


@dataclass(frozen=True)
class Family:
    id: str
    name: dict[str, str]  # by language
    # the vertical span of its figures of f and of f′, where one member would flatten the others
    y: tuple[float, float] | None = None
    dy: tuple[float, float] | None = None


FAMILY_FIELDS = ("y", "dy")  # besides a name per language


def load_families(root: Path) -> tuple[Family, ...]:
    """docs/families.yml: {id: {language: name, y: [lo, hi], dy: [lo, hi]}}, in site order."""
    file = root / FAMILIES_FILE
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SiteError("families", FAMILIES_FILE, "(whole file)", f"cannot be read: {exc}") from None
    if not isinstance(data, dict) or not data:
        raise SiteError("families", FAMILIES_FILE, "(whole file)", "must map each family's id to its names")
    out = []
    for ident, names in data.items():
        if not (isinstance(ident, str) and re.fullmatch(r"[a-z][a-z0-9_]*", ident)):
            raise SiteError("families", FAMILIES_FILE, str(ident), "must be lower-case letters, digits and _")
        for lang in LANGUAGES:
            if not isinstance(names, dict) or not isinstance(names.get(lang), str) or not names[lang].strip():
                raise SiteError(f"family '{ident}'", FAMILIES_FILE, f"{ident}.{lang}",
                                "is missing (every language needs its name)")
        unknown = set(names) - set(LANGUAGES) - set(FAMILY_FIELDS)
        if unknown:
            raise SiteError(f"family '{ident}'", FAMILIES_FILE, f"{ident}.{sorted(unknown)[0]}", "is not a known field")
        spans = {k: _span(names[k], ident, FAMILIES_FILE, f"{ident}.{k}") for k in FAMILY_FIELDS if k in names}
        out.append(Family(ident, {lang: names[lang] for lang in LANGUAGES}, **spans))
    return tuple(out)


def load_catalog(root: Path, families: tuple[Family, ...] | None = None) -> list[Activation]:
    """All declarations, in site order: by family, then by id."""
    order = [f.id for f in (load_families(root) if families is None else families)]
    folder = root / "docs" / "catalog"
    acts = [load_declaration(f, root, order) for f in sorted(folder.glob("*.yml"))]
    if not acts:
        raise SiteError("catalogue", folder.relative_to(root).as_posix(), "(files)", "has no declarations")
    ids = {a.id for a in acts}
    for a in acts:
        if a.approximates is not None and (a.approximates not in ids or a.approximates == a.id):
            raise _fail(a.id, a.path, "approximates", f"names no other declared activation: {a.approximates!r}")
    return sorted(acts, key=lambda a: (order.index(a.family), a.id))
