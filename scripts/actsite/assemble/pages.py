"""Assemble the Markdown of every page from records, prose and UI words.

Pure text work: no torch, no matplotlib. Paths are relative to the docs
folder of one language (``activations/relu.md``, ``assets/figures/...``).
"""
from __future__ import annotations

import html
import posixpath

from ..compute.records import Record, Where
from ..declare.catalog import Activation
from .mathml import mathml
from ..declare.prose import FunctionProse
from ..render.formats import FIGURES, PHONE, PNG_DPI
from ..declare.strings import Strings
from .text import intervals, num, value_range

def page_path(act_id: str) -> str:
    return f"activations/{act_id}.md"


def rel(from_page: str, target: str) -> str:
    """Relative link from one docs file to another, as MkDocs expects."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def figure(from_page: str, name: str, alt: str, caption: str, s: Strings,
           script: tuple[str, str | None], sizes: dict[str, tuple[int, int]]) -> str:
    """A figure in a light and a dark variant (Material shows the one that fits),
    each narrower on a phone where it has a phone variant; its downloads for
    slides, and the script that redraws it: ``script`` is (its file, from the docs
    root; its code to show folded, or None). ``sizes`` (every figure's, in CSS
    px) go on the images, so that the page keeps their room before they load."""
    src = rel(from_page, f"{FIGURES}/{name}")
    alt = _escape_alt(alt)
    file, code = script
    links = " · ".join((f"[{s('download.svg')}]({src}.light.svg)", f"[{s('download.svg_dark')}]({src}.dark.svg)",
                        f"[{s('download.png', dpi=PNG_DPI)}]({src}.light.png)",
                        f"[{s('download.script')}]({rel(from_page, file)})"))

    # With a phone variant, each theme has two images, the wide one and the phone one; site.css
    # hides the one the screen does not take, and being lazy, a hidden image is never fetched.
    variants = [("", ".wide"), (f".{PHONE}", ".phone")] if f"{name}.{PHONE}" in sizes else [("", "")]

    def image(theme: str, variant: str, cls: str) -> str:
        w, h = sizes[name + variant]
        return f"  ![{alt}]({src}{variant}.{theme}.svg#only-{theme}){{ loading=lazy width={w} height={h} {cls} }}\n"
    out = (
        '<figure class="plot" markdown="span">\n'
        + "".join(image(theme, variant, cls) for theme in ("light", "dark") for variant, cls in variants)
        + f"  <figcaption>{caption}</figcaption>\n"
        "</figure>\n\n"
        f'{s("download.intro")} {links}\n{{ .downloads }}\n'
    )
    if code:
        out += "\n" + folded_code(s("download.script_title"), code)
    return out


def folded_code(title: str, code: str) -> str:
    """Python code folded away under a title (pymdownx.details), indented into its
    block; left out of the search index (a reader downloads it; it was two
    fifths of the index every page loads). It is plain text, not highlighted:
    the highlighting was an element per token (1,600 in the gradients experiment's
    script, 6,400 in the 14 figure scripts of /compare/), and the theme lays the
    folded code out at load, which took most of a phone's main thread
    (Lighthouse: /experiments/gradients/ from 0.85 to 0.98)."""
    body = "\n".join(f"    {line}" if line else "" for line in ["```text", *code.rstrip().splitlines(), "```"])
    return f'<div data-search-exclude markdown="1">\n\n??? example "{title}"\n\n{body}\n\n</div>\n'


def _escape_alt(text: str) -> str:
    """Markdown-escape brackets so an interval such as [0, ∞) survives in alt text."""
    for ch in "\\[]()":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# --- values as text --------------------------------------------------------

def where_text(where: Where, s: Strings, window: float | None = None) -> str:
    """Where a largest value is reached: at a point, on intervals, or as a limit.
    More than two points are a periodic function's: those in the analysis ``window``."""
    if where["kind"] == "point":
        return s("phrase.at", x=num(where["x"]))
    if where["kind"] == "points":
        at = s("phrase.at", x=s("phrase.and").join(num(x) for x in where["xs"]))
        return at + s("phrase.in_window", window=num(window)) if len(where["xs"]) > 2 and window else at
    if where["kind"] == "intervals":
        ivs = where["intervals"]
        # the whole line is "every x" already: "for every x", not "for every every x"
        whole = any(iv["lo"] is None and iv["hi"] is None for iv in ivs)
        return s("phrase.for_every", set="x" if whole else intervals(s, ivs))
    if where["kind"] == "beside":
        return s(f"phrase.beside_{where['side']}", x=num(where["x"]))
    return s("phrase.limit_" + ("plus" if where["side"] == "+" else "minus"))


def property_texts(act: Activation, rec: Record, s: Strings) -> dict[str, str]:
    """Every computed property of one function as a phrase in one language.
    These are the values of the placeholders (``{{ range }}``) too."""
    p = rec.properties
    kink_x = ", ".join(num(k.x) for k in p.kinks)
    jump_x = ", ".join(num(j.x) for j in p.jumps)
    if p.continuity == "C∞":
        cont = s("continuity.smooth")
    elif p.continuity == "discontinuous":
        cont = s("continuity.jump", points=jump_x)
    elif p.continuity == "C0":
        cont = s("continuity.c0", points=kink_x)
    else:
        order = int(p.continuity[1:])
        cont = s("continuity.ck", k=order, order=order + 1)
    yes, no = s("phrase.yes"), s("phrase.no")
    extra = {f"param:{q.name}": (q.default if isinstance(q.default, str) else num(q.default)) for q in act.params}
    if rec.approximation:
        extra["approx_error"] = num(rec.approximation.max_abs_error)
        extra["approx_error_at"] = where_text(rec.approximation.where, s)
    grows = _grows(p, s)
    return extra | initialisation_texts(p, s, rec.method.window) | {
        "range": value_range(p),
        "f_at_0": num(p.f_at_0),
        "df_at_0": num(p.df_at_0),
        "max_abs_derivative": grows if p.max_abs_derivative is None else num(p.max_abs_derivative),
        "argmax_abs_derivative": where_text(p.max_abs_derivative_where, s, rec.method.window),
        "monotonic": s(f"monotonic.{p.monotonic_kind}") if p.monotonic else s("monotonic.no"),
        "mean_normal": num(p.mean_normal),
        "std_normal": num(p.std_normal),
        "zero_centered": (yes if p.zero_centered else no),
        "bounded": s("bounded", below=yes if p.bounded_below else no, above=yes if p.bounded_above else no),
        "continuity": cont,
        "saturation": intervals(s, p.saturation),
        "kinks": kink_x or s("phrase.none"),
    }


def _grows(p, s: Strings) -> str:
    """"none: it grows without bound as x → ±∞", for an unbounded f' (Squared ReLU's)."""
    return s("phrase.grows_" + ("plus" if p.max_abs_derivative_where.get("side") == "+" else "minus"))


def initialisation_texts(p, s: Strings, window: float) -> dict[str, str]:
    """The properties that explain initialisation, as phrases (placeholders too)."""
    yes, no = s("phrase.yes"), s("phrase.no")
    if p.lipschitz_none == "jump":
        lipschitz = s("init.lipschitz_jump", points=", ".join(num(j.x) for j in p.jumps))
    elif p.lipschitz_none == "unbounded":
        lipschitz = _grows(p, s)
    else:
        lipschitz = num(p.lipschitz)
    if p.minimum is not None:
        minimum = s("init.minimum_value", value=num(p.minimum["value"]),
                    where=where_text(p.minimum["where"], s, window))
    elif p.monotonic:
        minimum = s("init.minimum_monotonic")
    else:
        minimum = s("init.minimum_none", range=value_range(p))
    return {
        "lipschitz": lipschitz,
        "identity_near_0": yes if p.identity_near_0 else no,
        "symmetry": s(f"init.{p.symmetry}"),
        "sparsity": num(p.sparsity),
        "zero_set": intervals(s, p.zero_set),
        "second_moment": num(p.second_moment),
        "gain": num(p.gain),
        "torch_gain": s("init.torch_gain_none") if p.torch_gain is None else num(p.torch_gain),
        "minimum": minimum,
        "trainable": ", ".join(f"`{n}`" for n in p.trainable) or s("phrase.none"),
    }


def _properties_table(act: Activation, rec: Record, s: Strings, names: dict[str, str]) -> str:
    t = property_texts(act, rec, s)
    sparsity = t["sparsity"] if not rec.properties.zero_set else \
        s("init.sparsity_value", p=t["sparsity"], set=t["zero_set"])
    rows = [
        (s("props.range"), t["range"]),
        (s("props.f_at_0"), t["f_at_0"]),
        (s("props.df_at_0"), s("props.df_at_jump", value=t["df_at_0"])
         if any(j.x == 0 for j in rec.properties.jumps) else t["df_at_0"]),
        (s("props.max_abs_derivative"), t["max_abs_derivative"] if rec.properties.max_abs_derivative is None
         else s("props.value_where", value=t["max_abs_derivative"], where=t["argmax_abs_derivative"])),
        (s("props.monotonic"), t["monotonic"]),
        (s("props.zero_centered"), s("props.zero_centered_value", answer=t["zero_centered"], mean=t["mean_normal"])),
        (s("props.bounded"), t["bounded"]),
        (s("props.continuity"), t["continuity"]),
        (s("props.saturation", threshold=num(rec.method.saturation)), t["saturation"]),
        (s("init.lipschitz"), t["lipschitz"]),
        (s("init.identity_near_0"), t["identity_near_0"]),
        (s("init.symmetry"), t["symmetry"]),
        (s("init.minimum"), t["minimum"]),
        (s("init.sparsity"), sparsity),
        (s("init.second_moment"), t["second_moment"]),
        (s("init.gain"), t["gain"]),
        (s("init.torch_gain"), t["torch_gain"]),
        (s("init.trainable"), t["trainable"]),
    ]
    if rec.approximation:
        rows.append((s("props.approx", ref=names[rec.approximation.of]),
                     s("props.value_where", value=t["approx_error"], where=t["approx_error_at"])))
    lines = [f"| {s('props.property')} | {s('props.value')} |", "|---|---|"]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows]
    m = rec.method
    how = s("props.how", window=num(m.window), step=num(m.step), far=num(m.far), zero_mean=num(m.zero_mean))
    return "\n".join(lines) + "\n\n" + how + "\n"


def _kink_text(act: Activation, rec: Record, s: Strings) -> str:
    p = rec.properties
    name = act.name[s.lang]
    parts = [s("graph.kink", name=name, x=num(k.x), left=num(k.left), right=num(k.right), torch=num(k.torch),
               between=s("graph.between_convex" if k.left < k.right else "graph.between_concave"))
             for k in p.kinks]
    parts += [s("graph.jump", name=name, x=num(j.x), left=num(j.left), right=num(j.right),
                torch=num(j.torch), slope=num(j.slope)) for j in p.jumps]
    if not parts:
        parts.append(s("graph.smooth", name=name))
    return "\n\n".join(parts) + "\n"


def function_alt(act: Activation, rec: Record, s: Strings) -> str:
    """The graph's alt text: what the figure shows, so only the saturation bands inside its span."""
    t = property_texts(act, rec, s)
    lo, hi = act.plot_x
    shown = [iv for iv in rec.properties.saturation
             if (iv["hi"] is None or iv["hi"] > lo) and (iv["lo"] is None or iv["lo"] < hi)]
    return s("graph.alt" if rec.properties.max_abs_derivative is not None else "graph.alt_unbounded",
             name=act.name[s.lang], lo=num(lo), hi=num(hi), range=t["range"],
             threshold=num(rec.method.saturation),
             max=t["max_abs_derivative"], saturation=intervals(s, shown), kinks=t["kinks"])


def not_torch_defaults(act: Activation, rec: Record) -> dict:
    """The declared parameters that are not torch's own default: {name: torch's
    default, or None where torch has none (an example value, as page.torch_names_example says)}."""
    torch_d = rec.torch_defaults
    if torch_d is None:  # a record made without them claims nothing
        return {}
    return {p.name: torch_d.get(p.name) for p in act.params if torch_d.get(p.name) != p.default}


def torch_link(dotted: str, docs: str) -> str:
    return f"[`{dotted}`]({docs}{dotted}.html)"


def script_for(name: str, scripts: dict[str, str]) -> tuple[str, str]:
    return f"{FIGURES}/{name}.py", scripts[name]


def _variants(act: Activation, rec: Record, s: Strings, path: str, scripts: dict[str, str],
              sizes: dict[str, tuple[int, int]]) -> list[str]:
    """The parameter family (sweep) or the training-mode sample, when declared."""
    name = act.name[s.lang]
    out = []
    if rec.sweep:
        sw = rec.sweep
        values = ", ".join(num(v) for v in sw.values)
        default = num(act.defaults[sw.param])
        # the thick curve is the page's value; call it PyTorch's default only when it is
        page_value = sw.param in not_torch_defaults(act, rec) or not act.in_torch
        caption = "graph.sweep_caption_page" if page_value else "graph.sweep_caption"
        out += [f"## {s('page.parameters')} {{#parameters}}", "",
                figure(path, f"{act.id}.sweep",
                       s("graph.sweep_alt_page" if page_value else "graph.sweep_alt", name=name, param=sw.param,
                         values=values, default=default),
                       s(caption, name=name, param=sw.param, values=values, default=default),
                       s, script_for(f"{act.id}.sweep", scripts), sizes)]
    if rec.training_sample:
        out += [f"## {s('page.training')} {{#training}}", "",
                figure(path, f"{act.id}.training", s("graph.training_alt", name=name),
                       s("graph.training_caption", name=name), s, script_for(f"{act.id}.training", scripts),
                       sizes)]
    return out


def function_page(act: Activation, rec: Record, prose: FunctionProse, s: Strings, fill, torch_docs: str,
                  names: dict[str, str], experiments: list[tuple[str, str]], scripts: dict[str, str],
                  sizes: dict[str, tuple[int, int]]) -> str:
    """The page of one activation; ``fill`` replaces placeholders in prose;
    ``torch_docs`` is where PyTorch's reference pages live; ``names`` are the
    functions' names in this language; ``experiments`` (title, page) run it;
    ``scripts`` redraw the figures, by figure name; ``sizes``: every figure's
    size, a phone variant's under <name>.phone."""
    path = page_path(act.id)
    name, long_name = act.name[s.lang], act.long_name[s.lang]
    title = name if name == long_name else f"{name}: {long_name}"
    sym = act.symbol
    changed = not_torch_defaults(act, rec)
    params = ", ".join(f"`{p.name}={p.default!r}`" + ("" if changed.get(p.name) is None else
                                                      s("page.not_torch_default", default=f"`{changed[p.name]!r}`"))
                       for p in act.params) or s("page.no_params")
    t = property_texts(act, rec, s)
    checked = rec.check
    if act.in_torch:
        torch_names = s("page.torch_names_example" if act.example_params
                        else "page.torch_names_changed" if changed else "page.torch_names",
                        module=torch_link(act.module, torch_docs), functional=torch_link(act.functional, torch_docs) if act.functional
                        else s("page.no_functional"), params=params)
    else:
        torch_names = s("page.expression_names", name=name, expression=f"`{act.expression.strip()}`",
                        module=f"`{act.module}`", params=params)
    if act.constants:
        torch_names += " " + s("page.constants", constants=", ".join(
            f"{mathml(c.symbol)} = {num(c.default)}" for c in act.constants))
    out = [
        "---",
        f"title: \"{title}\"",
        f"description: \"{s('page.description', name=name, range=t['range'])}\"",
        "---",
        "",
        f"# {title}",
        "",
        *_summary(prose, fill),
        fill(prose.intro),
        "",
        f"## {s('page.definition')} {{#definition}}",
        "",
        mathml(f"{sym}(x) = {act.formula}", block=True),
        "",
        mathml(f"{sym}'(x) = {act.derivative}", block=True),
        "",
        torch_names,
        "",
        s("page.checked" if rec.properties.kinks or rec.properties.jumps else "page.checked_smooth",
          torch=rec.torch_version, points=f"{checked.points:,}",
          xmax=num(checked.max_abs_x)),
        "",
        f"## {s('page.graph')} {{#graph}}",
        "",
        figure(path, act.id, function_alt(act, rec, s), s("graph.caption", name=name, threshold=num(rec.method.saturation)), s,
               script_for(act.id, scripts), sizes),
        _kink_text(act, rec, s),
        *_variants(act, rec, s, path, scripts, sizes),
        f"## {s('page.properties')} {{#properties}}",
        "",
        _properties_table(act, rec, s, names),
    ]
    for key in ("pros", "cons", "uses", "notes"):
        out += _section(prose, key, fill)
    if experiments:
        out += [f"## {s('page.experiments')} {{#experiments}}", "", s("page.experiments_text", name=name), ""]
        out += [f"- [{title}]({rel(path, target)})" for title, target in experiments] + [""]
    out += _section(prose, "exercises", fill)
    out += [
        f"## {s('page.example')} {{#example}}",
        "",
        s("page.example_intro_expression" if not act.in_torch else "page.example_intro" if act.functional
          else "page.example_intro_module", module=f"`{act.module}`"),
        "",
        "```python",
        rec.example.code.rstrip(),
        "```",
        "",
        s("page.example_output", torch=rec.torch_version),
        "",
        "```text",
        rec.example.output.rstrip(),
        "```",
        "",
        f"## {s('page.data')} {{#data}}",
        "",
        s("page.data_text", points=len(rec.data.x), lo=num(rec.data.x[0]), hi=num(rec.data.x[-1]), csv=f"[{act.id}.csv]({rel(path, f'data/{act.id}.csv')})",
          json=f"[activations.json]({rel(path, 'data/activations.json')})"),
        "",
    ]
    return "\n".join(out)


def _section(prose: FunctionProse, key: str, fill) -> list[str]:
    """A prose section under its own heading and id, when the prose has it."""
    if key not in prose.sections:
        return []
    sec = prose.sections[key]
    return [f"## {sec.title} {{#{key}}}", "", fill(sec.body), ""]


def _summary(prose: FunctionProse, fill) -> list[str]:
    """The one-line advice, in a box under the title (the cheat sheet prints it too)."""
    sec = prose.sections["summary"]  # required: parse_function_prose checks
    body = fill(sec.body).replace("\n", " ")
    return [f'!!! tip "{sec.title}"', "", f"    {body}", ""]


def catalogue_table(from_page: str, acts: list[Activation], recs: dict[str, Record], s: Strings) -> str:
    heads = ["catalogue.function", "catalogue.formula", "props.range", "props.df_at_0", "props.saturation"]
    threshold = num(next(iter(recs.values())).method.saturation)
    lines = ["| " + " | ".join(_cell(s(h, threshold=threshold)) for h in heads) + " |", "|---|---|---|---|---|"]
    for act in acts:
        t = property_texts(act, recs[act.id], s)
        link = f"[{act.name[s.lang]}]({rel(from_page, page_path(act.id))})"
        formula = mathml(f"{act.symbol}(x) = {act.formula}").replace("|", "&#124;")  # not a cell border
        lines.append(f"| {link} | {formula} | {t['range']} | {t['df_at_0']} | {_cell(t['saturation'])} |")
    # in a block of its own that the browser styles and lays out only when it nears the
    # screen (site.css): the formulas' MathML was half of the home page's style and layout
    return f'<div class="catalogue"{MD_BLOCK}>\n\n' + "\n".join(lines) + "\n\n</div>\n"


def page_url(md_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file (use_directory_urls)."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    return stem.rstrip("/") + "/" if stem else ""


MD_BLOCK = ' markdown="1"'  # md_in_html: look inside this element for the ones below
MD = ' markdown="span"'  # md_in_html: this element's content is inline Markdown


def compare_table(from_page: str, acts: list[Activation], recs: dict[str, Record], s: Strings) -> str:
    """Every function and its computed properties, as an HTML table that
    assets/javascripts/compare.js makes sortable and filterable in the browser."""
    yes, no = s("phrase.yes"), s("phrase.no")
    heads = ["catalogue.function", "compare.family", "props.range", "props.f_at_0", "props.df_at_0",
             "props.max_abs_derivative", "props.monotonic", "props.zero_centered", "compare.bounded_below",
             "compare.bounded_above", "props.continuity", "compare.saturates", "compare.params", "compare.cost",
             "compare.lipschitz", "compare.identity_near_0", "init.symmetry", "compare.sparsity", "compare.gain",
             "compare.torch_gain", "compare.trainable", "compare.in_torch"]
    kinds = ["text", "text", "number", "number", "number", "number", "text", "text", "text", "text", "text",
             "text", "text", "number", "number", "text", "text", "number", "number", "number", "text", "text"]
    rows = []
    for act in acts:
        rec, p = recs[act.id], recs[act.id].properties
        t = property_texts(act, rec, s)
        lo = p.range[0]
        cells = [
            # a Markdown link: every engine resolves it to the page (a raw href, Zensical reads
            # against the source file and MkDocs against the URL)
            (f"[{html.escape(act.name[s.lang])}]({rel(from_page, page_path(act.id))})", act.name["en"]),
            (html.escape(s(f"families.{act.family}")), act.family),
            (t["range"], "-1e308" if lo is None else repr(lo)),
            (t["f_at_0"], repr(p.f_at_0)),
            (t["df_at_0"], repr(p.df_at_0)),
            (t["max_abs_derivative"] if p.max_abs_derivative is not None else "∞",
             "1e308" if p.max_abs_derivative is None else repr(p.max_abs_derivative)),
            (yes if p.monotonic else no, str(p.monotonic)),
            (yes if p.zero_centered else no, str(p.zero_centered)),
            (yes if p.bounded_below else no, str(p.bounded_below)),
            (yes if p.bounded_above else no, str(p.bounded_above)),
            (html.escape(p.continuity if p.continuity != "discontinuous" else s("compare.discontinuous")),
             p.continuity),
            (html.escape(t["saturation"]), str(bool(p.saturation))),
            (", ".join(f"<code>{q.name}</code>" for q in act.params) or "—", str(len(act.params))),
            (str(rec.cost), str(rec.cost)),
            (num(p.lipschitz) if p.lipschitz is not None else
             html.escape(s("compare.discontinuous") if p.lipschitz_none == "jump" else "∞"),
             "1e308" if p.lipschitz is None else repr(p.lipschitz)),
            (yes if p.identity_near_0 else no, str(p.identity_near_0)),
            (html.escape(s(f"compare.{p.symmetry}")), p.symmetry),
            (num(p.sparsity), repr(p.sparsity)),
            (num(p.gain), repr(p.gain)),
            ("—" if p.torch_gain is None else num(p.torch_gain), "-1" if p.torch_gain is None else repr(p.torch_gain)),
            (", ".join(f"<code>{n}</code>" for n in p.trainable) or "—", str(len(p.trainable))),
            (f"<code>{html.escape(act.module)}</code>" if act.in_torch else html.escape(s("compare.expression")),
             str(act.in_torch)),
        ]
        tds = "".join(f'<td data-sort="{html.escape(key, quote=True)}"{MD if i == 0 else ""}>{shown}</td>'
                      for i, (shown, key) in enumerate(cells))
        rows.append(f'<tr data-family="{act.family}"{MD_BLOCK}>{tds}</tr>')
    threshold = num(next(iter(recs.values())).method.saturation)
    ths = "".join(f'<th scope="col" data-kind="{k}">{html.escape(s(h, threshold=threshold))}</th>'
                  for h, k in zip(heads, kinds))
    families = "".join(f'<option value="{f}">{html.escape(s(f"families.{f}"))}</option>'
                       for f in dict.fromkeys(a.family for a in acts))
    return (
        '<div class="compare-controls">\n'
        f'<label>{html.escape(s("compare.filter"))} <input type="search" data-compare-filter></label>\n'
        f'<label>{html.escape(s("compare.family"))} <select data-compare-family>'
        f'<option value="">{html.escape(s("compare.all_families"))}</option>{families}</select></label>\n'
        f'<span class="compare-hint">{html.escape(s("compare.sort_hint"))}</span>\n'
        '</div>\n'
        # md_in_html parses the first cells' links; it would wrap a <caption> in <p>, so
        # the caption is a paragraph that names the table
        f'<p class="compare-caption" id="compare-caption">{html.escape(s("compare.caption"))}</p>\n'
        f'<div class="compare-wrap"{MD_BLOCK}><table class="compare" data-compare aria-labelledby="compare-caption"'
        f'{MD_BLOCK}>\n'
        f"<thead><tr>{ths}</tr></thead>\n<tbody{MD_BLOCK}>\n" + "\n".join(rows) + "\n</tbody></table></div>\n"
    )


def kink_table(from_page: str, acts: list[Activation], recs: dict[str, Record], s: Strings) -> str:
    """Every kink of every function: both one-sided slopes and autograd's choice."""
    heads = ["kinks.function", "kinks.at", "kinks.left", "kinks.right", "kinks.torch", "kinks.rule"]
    lines = ["| " + " | ".join(_cell(s(h)) for h in heads) + " |", "|" + "---|" * len(heads)]
    for act in acts:
        for k in recs[act.id].properties.kinks:
            left, right, got = k.left, k.right, k.torch
            if abs(got - left) <= 1e-7 * max(1.0, abs(left)):
                rule = s("kinks.left_side")
            elif abs(got - right) <= 1e-7 * max(1.0, abs(right)):
                rule = s("kinks.right_side")
            elif min(left, right) < got < max(left, right):
                rule = s("kinks.between")
            else:
                rule = s("kinks.other")
            link = f"[{act.name[s.lang]}]({rel(from_page, page_path(act.id))}#graph)"
            lines.append(f"| {link} | {num(k.x)} | {num(left)} | {num(right)} | {num(got)} | {rule} |")
    return "\n".join(lines) + "\n"


def references_section(refs: list, s: Strings) -> str:
    """The sources a page cited, in the order it cited them (docs/references.yml)."""
    lines = [f"## {s('references.title')} {{#references}}", ""]
    for r in refs:
        names = [" ".join(reversed([part.strip() for part in a.split(",", 1)])) for a in r.authors]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {s('references.and')} " + names[-1]
        lines.append(f'- <span id="ref-{r.key}"></span>{who} ({r.year}). [{r.title}]({r.url}). *{r.venue}*.')
    return "\n".join(lines) + "\n"
