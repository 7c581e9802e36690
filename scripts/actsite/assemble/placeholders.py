"""Every {{ placeholder }} a page may use: one decorated function each.

A placeholder only looks up what the earlier stages made (records, figures,
snippet outputs, experiment results); nothing is computed while text is
filled. ``syntax`` is how the README writes a placeholder: a test checks that
the README lists every one.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable

from ..compute.stage import Computed
from ..declare import experiments
from ..declare.catalog import Activation
from ..declare.stage import Declared
from ..declare.strings import Strings
from ..errors import SiteError
from ..render.stage import SOURCE_NOTE, Rendered, experiment_figure, site_figures
from . import experiment_pages, explorer_page, pages
from .text import num

CHEATSHEET = "assets/cheatsheet"  # + -<lang>.pdf, .png and .preview.png (on the home page)


@dataclass
class Context:
    """What a placeholder may read: the stages' results and the page it is on."""
    d: Declared
    c: Computed
    r: Rendered
    page: str                          # docs path of the page, e.g. activations/relu.md
    s: Strings                         # the page's language
    act: Activation | None             # the function of a function page
    texts: dict[str, dict[str, str]]   # every function's properties as phrases, this language
    cited: list[str] = field(default_factory=list)  # reference keys, in the order the page cites them
    claims: set[tuple[str, str]] = field(default_factory=set)  # (experiment, claim) the page states

    @property
    def rel(self) -> str:
        return f"docs/{self.s.lang}/{self.page}"


@dataclass(frozen=True)
class Placeholder:
    syntax: str                      # as the README writes it
    pattern: re.Pattern
    fill: Callable[..., str | None]  # (context, **groups) -> text, or None: not this placeholder


REGISTRY: list[Placeholder] = []


def placeholder(syntax: str, pattern: str):
    def register(fn):
        REGISTRY.append(Placeholder(syntax, re.compile(pattern), fn))
        return fn
    return register


def resolve(name: str, ctx: Context) -> str | None:
    """The text of ``{{ name }}`` on the context's page, or None when nothing knows it."""
    for entry in REGISTRY:
        m = entry.pattern.fullmatch(name)
        if m:
            value = entry.fill(ctx, **m.groupdict())
            if value is not None:
                return value
    return None


# --- site-wide tables and figures --------------------------------------------

@placeholder("figure <name>", r"figure (?P<fig>\S+)")
def _figure(ctx: Context, fig: str) -> str | None:
    """overview, overlay_f, overlay_df, family_<family>_f and _df."""
    groups = site_figures(ctx.d)
    if fig not in groups:
        return None
    s = ctx.s
    members = groups[fig].members
    names = s("phrase.and").join(a.name[s.lang] for a in members)
    x = ctx.c.records[members[0].id].data.x  # the overlays draw the data grid
    span = {"lo": num(x[0]), "hi": num(x[-1])}
    script = pages.script_for(fig, ctx.r.scripts)
    if fig.startswith("family_"):
        family, which = fig.removeprefix("family_").rsplit("_", 1)
        label = s(f"families.{family}")
        hard = which == "f" and any(a.approximates for a in members)
        caption = s(f"figures.family_{which}.caption" + ("_hard" if hard else ""), family=label)
        ylim = groups[fig].y
        if ylim:  # say which curves leave the axes, from their values
            key = "y" if which == "f" else "dy"
            out = [a.name[s.lang] for a in members
                   if any(not ylim[0] <= v <= ylim[1] for v in getattr(ctx.c.records[a.id].data, key))]
            if out:
                caption += " " + s("figures.cut", lo=num(ylim[0]), hi=num(ylim[1]), names=s("phrase.and").join(out))
        return pages.figure(ctx.page, fig, s(f"figures.family_{which}.alt", family=label, names=names, **span),
                            caption, s, script, ctx.r.sizes)
    return pages.figure(ctx.page, fig, s(f"figures.{fig}.alt", names=names, **span), s(f"figures.{fig}.caption"),
                        s, script, ctx.r.sizes)


@placeholder("catalogue", "catalogue")
def _catalogue(ctx: Context) -> str:
    return pages.catalogue_table(ctx.page, ctx.d.acts, ctx.c.records, ctx.s)


@placeholder("compare_table", "compare_table")
def _compare(ctx: Context) -> str:
    return pages.compare_table(ctx.page, ctx.d.acts, ctx.c.records, ctx.s)


@placeholder("kink_table", "kink_table")
def _kinks(ctx: Context) -> str:
    return pages.kink_table(ctx.page, ctx.d.acts, ctx.c.records, ctx.s)


@placeholder("cheatsheet", "cheatsheet")
def _cheatsheet(ctx: Context) -> str:
    s = ctx.s
    base = pages.rel(ctx.page, f"{CHEATSHEET}-{s.lang}")
    return (f"[![{s('cheatsheet.alt')}]({base}.preview.png){{ .cheatsheet loading=lazy }}]({base}.pdf)\n\n"
            f"{s('cheatsheet.links', pdf=f'[PDF]({base}.pdf)', png=f'[PNG]({base}.png)')}\n")


@placeholder("explorer", "explorer")
def _explorer(ctx: Context) -> str:
    saturation = next(iter(ctx.c.records.values())).method.saturation
    return explorer_page.widget(ctx.page, ctx.d.acts, SOURCE_NOTE, saturation, ctx.s)


@placeholder("torch_version", "torch_version")
def _torch_version(ctx: Context) -> str:
    return ctx.c.torch_version


@placeholder("count", "count")
def _count(ctx: Context) -> str:
    return str(len(ctx.d.acts))


@placeholder("run <name>", r"run (?P<name>\S+)")
def _run(ctx: Context, name: str) -> str | None:
    """docs/snippets/<name>.py and what it printed during the build."""
    if name not in ctx.c.snippets:
        return None
    code = ctx.d.snippets[name].code
    return (f"```python\n{code.rstrip()}\n```\n\n"
            f"{ctx.s('page.example_output', torch=ctx.c.torch_version)}\n\n"
            f"```text\n{ctx.c.snippets[name].rstrip()}\n```\n")


# --- experiments -----------------------------------------------------------------

def _experiment(ctx: Context, name: str) -> dict | None:
    return ctx.c.experiments.get(name)


@placeholder("experiment <name> figure <figure>", r"experiment (?P<name>\S+) figure (?P<fig>\S+)")
def _experiment_figure(ctx: Context, name: str, fig: str) -> str | None:
    if _experiment(ctx, name) is None or fig not in ctx.d.literals(name)["FIGURES"]:
        return None
    s = ctx.s
    figure = experiment_figure(name, fig, s.lang)
    return pages.figure(ctx.page, figure,
                        s(f"experiments.{name}.figures.{fig}.alt"), s(f"experiments.{name}.figures.{fig}.caption"),
                        s, (f"experiments/code/{name}.py", None), ctx.r.sizes)


@placeholder("experiment <name> setup", r"experiment (?P<name>\S+) setup")
def _experiment_setup(ctx: Context, name: str) -> str | None:
    if _experiment(ctx, name) is None:
        return None
    return experiment_pages.setup_table(name, ctx.d.literals(name)["CONFIG"], ctx.s,
                                        ctx.d.function_links(ctx.s.lang), ctx.page)


@placeholder("experiment <name> code", r"experiment (?P<name>\S+) code")
def _experiment_code(ctx: Context, name: str) -> str | None:
    if _experiment(ctx, name) is None:
        return None
    lit = ctx.d.literals(name)
    source = lit.get("SOURCE", experiments.path(name))
    return experiment_pages.code_block(name, (ctx.d.root / source).read_text(encoding="utf-8"), source,
                                       ctx.s, ctx.page, measured="SOURCE" in lit)


@placeholder("experiment <name> table", r"experiment (?P<name>\S+) table")
def _experiment_table(ctx: Context, name: str) -> str | None:
    run = _experiment(ctx, name)
    if run is None or not ctx.d.literals(name)["has_table"]:
        return None
    return experiment_pages.results_table(name, run["table"], ctx.s, ctx.d.function_links(ctx.s.lang), ctx.page)


@placeholder("result <name>.<path> [%]", r"result (?P<name>[^.\s]+)\.(?P<path>\S+?)(?P<percent> %)?")
def _result(ctx: Context, name: str, path: str, percent: str | None) -> str:
    """A number (or text) of an experiment's result: integers index lists, -1 the last."""
    run = _experiment(ctx, name)
    if run is None:
        raise SiteError(f"page '{ctx.page}'", ctx.rel, f"{{{{ result {name}.{path} }}}}", f"no experiment '{name}'")
    v = value(run["result"], path, name, ctx.rel)
    if isinstance(v, str):
        return v
    return experiment_pages.percent(v) if percent else num(v, 3)


def value(result: dict, dotted: str, name: str, rel: str):
    """``runs.ReLU.1.dead`` -> the number (or text)."""
    node = result
    for part in dotted.split("."):
        if isinstance(node, list) and part.lstrip("-").isdigit() and -len(node) <= int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise SiteError(f"experiment '{name}'", rel, f"{{{{ result {name}.{dotted} }}}}",
                            f"'{part}' is not in the result of {experiments.path(name)}")
    if not isinstance(node, (int, float, str)) or isinstance(node, bool):
        raise SiteError(f"experiment '{name}'", rel, f"{{{{ result {name}.{dotted} }}}}",
                        "names no number or text of the result")
    return node


def claim_id(name: str, claim: str) -> str:
    return f"claim-{name}-{claim}"


@placeholder("claim <name>.<claim>", r"claim (?P<name>[^.\s]+)\.(?P<claim>\w+)")
def _claim(ctx: Context, name: str, claim: str) -> str:
    """The mark after a sentence that states a result: it links to the claim's
    check, whose predicate and values its title shows."""
    checked = {c.name: c for c in ctx.c.claims.get(name, [])}
    if claim not in checked:
        raise SiteError(f"page '{ctx.page}'", ctx.rel, f"{{{{ claim {name}.{claim} }}}}",
                        f"names no claim of docs/experiments/{name}.py (its CLAIMS: "
                        f"{', '.join(checked) or 'none'})")
    ctx.claims.add((name, claim))
    c = checked[claim]
    title = html.escape(ctx.s("claims.title", expression=c.expression, values=c.compared), quote=True)
    return f'[✓](#{claim_id(name, claim)}){{ .claim title="{title}" }}'


@placeholder("experiment <name> claims", r"experiment (?P<name>\S+) claims")
def _experiment_claims(ctx: Context, name: str) -> str | None:
    """Every claim of the experiment: its predicate and the values it held with."""
    if _experiment(ctx, name) is None:
        return None
    s = ctx.s
    # every column has a heading, the ✓ one too: a screen reader names each cell by it. The claim
    # comes first, the column a narrow screen keeps in view while the rest scrolls (site.css)
    rows = [f"| {s('claims.claim')} | {s('claims.held')} | {s('claims.expression')} | {s('claims.values')} |", "|---|---|---|---|"]
    for c in ctx.c.claims[name]:
        rows.append(f'| `{c.name}` | <span id="{claim_id(name, c.name)}">✓</span> | '
                    f"`{c.expression.replace('|', '&#124;')}` | {c.compared.replace('|', '&#124;')} |")
    return (s("claims.intro") + f'\n\n<div class="claims"{pages.MD_BLOCK}>\n\n' + "\n".join(rows)
            + "\n\n</div>\n")


# --- sources ---------------------------------------------------------------------------

@placeholder("cite <key> [<key> ...]", r"cite (?P<keys>[a-z0-9_ ]+)")
def _cite(ctx: Context, keys: str) -> str:
    """Authors and year, linked to the page's references section."""
    out = []
    for key in keys.split():
        ref = ctx.d.references.get(key)
        if ref is None:
            raise SiteError(f"page '{ctx.page}'", ctx.rel, f"{{{{ cite {keys} }}}}",
                            f"'{key}' is not in docs/references.yml")
        if key not in ctx.cited:
            ctx.cited.append(key)
        names = ref.surnames
        who = names[0] if len(names) == 1 else (f"{names[0]} & {names[1]}" if len(names) == 2
                                                 else f"{names[0]} {ctx.s('references.et_al')}")
        out.append(f"[{who}, {ref.year}](#ref-{key})")
    return "; ".join(out)


# --- a function's properties (last: the most general pattern) ---------------------

@placeholder("[<id>.]<property>", r"(?:(?P<act_id>[a-z][a-z0-9_]*)\.)?(?P<prop>[a-z0-9_]+|param:[A-Za-z0-9_]+)")
def _property(ctx: Context, act_id: str | None, prop: str) -> str | None:
    """A computed property of this page's function, or of another (``sigmoid.range``);
    the names are the keys of pages.property_texts."""
    act_id = act_id or (ctx.act.id if ctx.act else None)
    return ctx.texts.get(act_id, {}).get(prop)
