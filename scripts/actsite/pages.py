"""Assemble the Markdown of every page from records, prose and UI words.

Pure text work: no torch, no matplotlib. Paths are relative to the docs
folder of one language (``activations/relu.md``, ``assets/figures/...``).
"""
from __future__ import annotations

import posixpath

from .declarations import Activation
from .mathml import mathml
from .prose import FunctionProse
from .text import Strings, num

FIGURES = "assets/figures"


def page_path(act_id: str) -> str:
    return f"activations/{act_id}.md"


def rel(from_page: str, target: str) -> str:
    """Relative link from one docs file to another, as MkDocs expects."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def figure(from_page: str, name: str, alt: str, caption: str) -> str:
    """A figure in a light and a dark variant; Material shows the one that fits."""
    src = rel(from_page, f"{FIGURES}/{name}")
    alt = _escape_alt(alt)
    return (
        '<figure class="plot" markdown="span">\n'
        f"  ![{alt}]({src}.light.svg#only-light){{ loading=lazy }}\n"
        f"  ![{alt}]({src}.dark.svg#only-dark){{ loading=lazy }}\n"
        f"  <figcaption>{caption}</figcaption>\n"
        "</figure>\n"
    )


def _escape_alt(text: str) -> str:
    """Markdown-escape brackets so an interval such as [0, ∞) survives in alt text."""
    for ch in "\\[]()":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# --- values as text --------------------------------------------------------

def property_texts(rec: dict, s: Strings) -> dict[str, str]:
    """Every computed property of one function as a phrase in one language.
    These are the values of the placeholders (``{{ range }}``) too."""
    p = rec["properties"]
    where = p["max_abs_derivative_where"]
    if where["kind"] == "point":
        where_text = s("phrase.at", x=num(where["x"]))
    elif where["kind"] == "intervals":
        where_text = s("phrase.for_every", set=s.intervals(where["intervals"]))
    else:
        where_text = s("phrase.limit_" + ("plus" if where["side"] == "+" else "minus"))
    kink_x = ", ".join(num(k["x"]) for k in p["kinks"])
    jump_x = ", ".join(num(j["x"]) for j in p["jumps"])
    if p["continuity"] == "C∞":
        cont = s("continuity.smooth")
    elif p["continuity"] == "discontinuous":
        cont = s("continuity.jump", points=jump_x)
    elif p["continuity"] == "C0":
        cont = s("continuity.c0", points=kink_x)
    else:
        cont = s("continuity.ck", k=p["continuity"][1:])
    yes, no = s("phrase.yes"), s("phrase.no")
    return {
        "range": s.value_range(p),
        "f_at_0": num(p["f_at_0"]),
        "df_at_0": num(p["df_at_0"]),
        "max_abs_derivative": num(p["max_abs_derivative"]),
        "argmax_abs_derivative": where_text,
        "monotonic": s(f"monotonic.{p['monotonic_kind']}") if p["monotonic"] else s("monotonic.no"),
        "mean_normal": num(p["mean_normal"]),
        "std_normal": num(p["std_normal"]),
        "zero_centered": (yes if p["zero_centered"] else no),
        "bounded": s("bounded", below=yes if p["bounded_below"] else no, above=yes if p["bounded_above"] else no),
        "continuity": cont,
        "saturation": s.intervals(p["saturation"]),
        "kinks": kink_x or s("phrase.none"),
    }


def _properties_table(rec: dict, s: Strings) -> str:
    t = property_texts(rec, s)
    rows = [
        (s("props.range"), t["range"]),
        (s("props.f_at_0"), t["f_at_0"]),
        (s("props.df_at_0"), t["df_at_0"]),
        (s("props.max_abs_derivative"), s("props.value_where", value=t["max_abs_derivative"],
                                           where=t["argmax_abs_derivative"])),
        (s("props.monotonic"), t["monotonic"]),
        (s("props.zero_centered"), s("props.zero_centered_value", answer=t["zero_centered"], mean=t["mean_normal"])),
        (s("props.bounded"), t["bounded"]),
        (s("props.continuity"), t["continuity"]),
        (s("props.saturation"), t["saturation"]),
    ]
    lines = [f"| {s('props.property')} | {s('props.value')} |", "|---|---|"]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows]
    return "\n".join(lines) + "\n\n" + s("props.how") + "\n"


def _kink_text(act: Activation, rec: dict, s: Strings) -> str:
    p = rec["properties"]
    name = act.name[s.lang]
    parts = [s("graph.kink", name=name, x=num(k["x"]), left=num(k["left"]), right=num(k["right"]),
               torch=num(k["torch"])) for k in p["kinks"]]
    parts += [s("graph.jump", name=name, x=num(j["x"]), left=num(j["left"]), right=num(j["right"]),
                torch=num(j["torch"])) for j in p["jumps"]]
    if not parts:
        parts.append(s("graph.smooth", name=name))
    return "\n\n".join(parts) + "\n"


def function_alt(act: Activation, rec: dict, s: Strings) -> str:
    t = property_texts(rec, s)
    lo, hi = act.plot_x
    return s("graph.alt", name=act.name[s.lang], lo=num(lo), hi=num(hi), range=t["range"],
             max=t["max_abs_derivative"], saturation=t["saturation"], kinks=t["kinks"])


def torch_link(dotted: str, docs: str) -> str:
    return f"[`{dotted}`]({docs}{dotted}.html)"


def function_page(act: Activation, rec: dict, prose: FunctionProse, s: Strings, fill, torch_docs: str) -> str:
    """The page of one activation; ``fill`` replaces placeholders in prose;
    ``torch_docs`` is where PyTorch's reference pages live."""
    path = page_path(act.id)
    name, long_name = act.name[s.lang], act.long_name[s.lang]
    title = name if name == long_name else f"{name}: {long_name}"
    sym = act.symbol
    params = ", ".join(f"`{p.name}={p.default!r}`" for p in act.params) or s("page.no_params")
    t = property_texts(rec, s)
    checked = rec["check"]
    out = [
        "---",
        f"title: \"{title}\"",
        f"description: \"{s('page.description', name=name, range=t['range'])}\"",
        "---",
        "",
        f"# {title}",
        "",
        fill(prose.intro),
        "",
        f"## {s('page.definition')} {{#definition}}",
        "",
        mathml(f"{sym}(x) = {act.formula}", block=True),
        "",
        mathml(f"{sym}'(x) = {act.derivative}", block=True),
        "",
        s("page.torch_names", module=torch_link(act.module, torch_docs),
          functional=torch_link(act.functional, torch_docs), params=params),
        "",
        s("page.checked", torch=rec["torch_version"], points=f"{checked['points']:,}",
          xmax=num(checked["max_abs_x"])),
        "",
        f"## {s('page.graph')} {{#graph}}",
        "",
        figure(path, act.id, function_alt(act, rec, s), s("graph.caption", name=name)),
        _kink_text(act, rec, s),
        f"## {s('page.properties')} {{#properties}}",
        "",
        _properties_table(rec, s),
    ]
    for key in ("pros", "cons", "uses", "notes"):
        if key in prose.sections:
            sec = prose.sections[key]
            out += [f"## {sec.title} {{#{key}}}", "", fill(sec.body), ""]
    out += [
        f"## {s('page.example')} {{#example}}",
        "",
        s("page.example_intro"),
        "",
        "```python",
        rec["example"]["code"].rstrip(),
        "```",
        "",
        s("page.example_output", torch=rec["torch_version"]),
        "",
        "```text",
        rec["example"]["output"].rstrip(),
        "```",
        "",
        f"## {s('page.data')} {{#data}}",
        "",
        s("page.data_text", csv=f"[{act.id}.csv]({rel(path, f'data/{act.id}.csv')})",
          json=f"[activations.json]({rel(path, 'data/activations.json')})"),
        "",
    ]
    return "\n".join(out)


def catalogue_table(from_page: str, acts: list[Activation], recs: dict[str, dict], s: Strings) -> str:
    heads = ["catalogue.function", "catalogue.formula", "props.range", "props.df_at_0", "props.saturation"]
    lines = ["| " + " | ".join(_cell(s(h)) for h in heads) + " |", "|---|---|---|---|---|"]
    for act in acts:
        t = property_texts(recs[act.id], s)
        link = f"[{act.name[s.lang]}]({rel(from_page, page_path(act.id))})"
        formula = mathml(f"{act.symbol}(x) = {act.formula}")
        lines.append(f"| {link} | {formula} | {t['range']} | {t['df_at_0']} | {_cell(t['saturation'])} |")
    return "\n".join(lines) + "\n"
