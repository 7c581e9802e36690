"""Load and validate the activation declarations (docs/catalog/<id>.yml).

A declaration is the single place where an activation is described: its
names in every language, where torch keeps it, its default parameters and the
formula and derivative shown on the site. Everything else is derived.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import SiteError

LANGUAGES = ("en", "zh")
FAMILIES = ("rectifier", "squashing")

_REQUIRED = {
    "id": str, "name": dict, "long_name": dict, "family": str, "symbol": str,
    "module": str, "functional": str, "params": dict, "formula": str, "derivative": str,
}
_OPTIONAL = {"plot": dict}


@dataclass(frozen=True)
class Param:
    name: str
    default: float
    symbol: str | None  # LaTeX symbol used in the formula, if it appears there


@dataclass(frozen=True)
class Activation:
    id: str
    path: str  # relative to the project root, for messages
    name: dict[str, str]
    long_name: dict[str, str]
    family: str
    symbol: str
    module: str
    functional: str
    params: tuple[Param, ...]
    formula: str
    derivative: str
    plot_x: tuple[float, float] = (-5.0, 5.0)
    source: str = field(default="", repr=False)  # the file's text, for cache keys

    @property
    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    @property
    def symbols(self) -> dict[str, str]:
        return {p.symbol: p.name for p in self.params if p.symbol}


def _fail(subject: str, path: str, key: str, problem: str) -> SiteError:
    return SiteError(f"activation '{subject}'", path, key, problem)


def load_declaration(file: Path, root: Path) -> Activation:
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
    if data["family"] not in FAMILIES:
        raise _fail(ident, rel, "family", f"must be one of {', '.join(FAMILIES)}")
    for key in ("module", "functional"):
        if not re.fullmatch(r"torch(\.[A-Za-z_][A-Za-z0-9_]*)+", data[key]):
            raise _fail(ident, rel, key, "must be a dotted torch path such as torch.nn.ReLU")
    params = []
    for name, spec in data["params"].items():
        if not isinstance(spec, dict) or not isinstance(spec.get("default"), (int, float)) \
                or isinstance(spec.get("default"), bool):
            raise _fail(ident, rel, f"params.{name}", "needs a numeric 'default'")
        symbol = spec.get("symbol")
        if symbol is not None and not isinstance(symbol, str):
            raise _fail(ident, rel, f"params.{name}.symbol", "must be a LaTeX symbol such as \\beta")
        params.append(Param(name, float(spec["default"]), symbol))
    plot_x = (-5.0, 5.0)
    if "plot" in data:
        xs = data["plot"].get("x")
        if not (isinstance(xs, list) and len(xs) == 2 and all(isinstance(v, (int, float)) for v in xs)
                and xs[0] < 0 < xs[1]):
            raise _fail(ident, rel, "plot.x", "must be [lo, hi] with lo < 0 < hi")
        plot_x = (float(xs[0]), float(xs[1]))
    return Activation(
        id=ident, path=rel, name=dict(data["name"]), long_name=dict(data["long_name"]),
        family=data["family"], symbol=data["symbol"], module=data["module"],
        functional=data["functional"], params=tuple(params), formula=data["formula"].strip(),
        derivative=data["derivative"].strip(), plot_x=plot_x, source=text,
    )


def load_catalog(root: Path) -> list[Activation]:
    """All declarations, in site order: by family, then as listed in each family."""
    folder = root / "docs" / "catalog"
    acts = [load_declaration(f, root) for f in sorted(folder.glob("*.yml"))]
    if not acts:
        raise SiteError("catalogue", folder.relative_to(root).as_posix(), "(files)", "has no declarations")
    return sorted(acts, key=lambda a: (FAMILIES.index(a.family), a.id))
