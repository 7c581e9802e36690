"""The assemble stage: every generated file of one language's site, as text
(Markdown pages, data files) or as bytes handed on from the earlier stages,
and the navigation."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from ..compute.stage import Computed
from ..declare import experiments, prose
from ..declare.stage import Declared, function_page
from ..errors import SiteError
from ..render import curves, mathtext
from ..render.formats import FIGURES
from ..render.stage import Rendered
from . import explorer_page, pages
from .placeholders import CHEATSHEET, Context, resolve
from .text import num, value_range

CHEATSHEET_X = (-4.0, 4.0)  # the x range of the cheat sheet's graphs


@dataclass
class Language:
    """One language's pages, filled from the stages' results."""
    d: Declared
    c: Computed
    r: Rendered
    lang: str

    def __post_init__(self):
        self.s = self.d.strings[self.lang]
        self.texts = {a.id: pages.property_texts(a, self.c.records[a.id], self.s) for a in self.d.acts}
        self.contexts: dict[str, Context] = {}  # one per page: what it cites adds up over its parts

    def context(self, page: str, act=None) -> Context:
        if page not in self.contexts:
            self.contexts[page] = Context(self.d, self.c, self.r, page, self.s, act, self.texts)
        return self.contexts[page]

    def fill(self, text: str, page: str, subject: str, act=None) -> str:
        ctx = self.context(page, act)
        return prose.fill(text, lambda name: resolve(name, ctx), ctx.rel, subject)

    def finish(self, page: str, text: str) -> bytes:
        """The page with the references section of what it cited."""
        ctx = self.contexts.get(page)
        if ctx and ctx.cited:
            text = text.rstrip("\n") + "\n\n" + pages.references_section(
                [self.d.references[k] for k in ctx.cited], self.s)
        return text.encode()

    def check_claims_stated(self) -> None:
        """Each experiment's every claim is stated on this language's pages, so
        that both languages conclude the same things."""
        stated = set().union(*(ctx.claims for ctx in self.contexts.values()))
        for name in self.d.experiments:
            for claim in self.d.literals(name)["CLAIMS"]:
                if (name, claim) not in stated:
                    raise SiteError(f"experiment '{name}'", f"docs/{self.lang}/experiments/{name}.md",
                                    f"CLAIMS['{claim}']", f"is stated on no page in this language: "
                                    f"cite it with {{{{ claim {name}.{claim} }}}}")

    # --- page kinds ----------------------------------------------------------
    def function_pages(self) -> tuple[dict[str, bytes], dict[str, str]]:
        """Each function's page, and its one line of advice as plain text (for the cheat sheet)."""
        out, summaries = {}, {}
        names = {a.id: a.name[self.lang] for a in self.d.acts}
        for act in self.d.acts:
            path = function_page(act.id)
            subject = f"activation '{act.id}'"
            parsed = self.d.prose[self.lang][act.id]

            def fill(t: str, path=path, subject=subject, act=act) -> str:
                return self.fill(t, path, subject, act)
            summaries[act.id] = prose.plain(fill(parsed.sections["summary"].body))
            out[path] = self.finish(path, pages.function_page(
                act, self.c.records[act.id], parsed, self.s, fill, self.d.links["torch_docs"]["url"], names,
                self.d.experiments_of(act, self.lang), self.r.scripts, self.r.sizes))
        return out, summaries

    def free_pages(self) -> dict[str, bytes]:
        """The hand-written pages (home, advice, compare, experiments, beyond ...)."""
        out = {}
        for page in self.d.free_pages[self.lang]:
            rel = f"docs/{self.lang}/{page}"
            out[page] = self.finish(page, self.fill(prose.read(self.d.root, rel, f"page '{page}'"), page,
                                                    f"page '{page}'"))
        return out

    # --- files handed on from the earlier stages ------------------------------
    def figure_files(self) -> dict[str, bytes]:
        """Every figure (an experiment's has one language's words), and the scripts that redraw them."""
        out = {}
        for file, data in self.r.figures.items():
            if self.r.languages.get(file.split(".", 1)[0], self.lang) == self.lang:
                out[f"{FIGURES}/{file}"] = data
        out.update({f"{FIGURES}/{name}.py": code.encode() for name, code in self.r.scripts.items()})
        return out

    def explorer_files(self) -> dict[str, bytes]:
        return {f"{explorer_page.DATA}/{act_id}.json": data for act_id, data in self.c.explorer.items()}

    def experiment_code(self) -> dict[str, bytes]:
        """Every experiment's script (and the benchmark), to download."""
        files = {}
        for name in self.d.experiments:
            lit = self.d.literals(name)
            for source in [experiments.path(name), *(experiments.path(m) for m in lit["imports"]),
                           *([lit["SOURCE"]] if "SOURCE" in lit else [])]:
                files[f"experiments/code/{source.rsplit('/', 1)[-1]}"] = (self.d.root / source).read_bytes()
        return files

    def cheatsheet_args(self, summaries: dict[str, str]) -> dict:
        """What the cheat sheet draws, its words in this language."""
        s = self.s
        entries = []
        for act in self.d.acts:
            rec = self.c.records[act.id]
            entries.append({
                "name": act.name[self.lang], "summary": summaries[act.id], "range": value_range(rec.properties),
                "formula": mathtext.mathtext_lines(act.symbol, act.formula, s("cheatsheet.otherwise"),
                                                   s("cheatsheet.if")),
                "x": rec.data.x, "y": rec.data.y, "dy": rec.data.dy,
                "breaks": {"y": curves.breaks(rec.properties, False), "dy": curves.breaks(rec.properties, True)},
            })
        lo, hi = CHEATSHEET_X
        return {"entries": entries, "title": s("cheatsheet.title"), "x_range": [lo, hi],
                "subtitle": s("cheatsheet.subtitle", torch=self.c.torch_version, count=len(self.d.acts),
                              lo=num(lo), hi=num(hi)),
                "words": {"range": s("cheatsheet.range")}, "wrap": int(s("cheatsheet.wrap"))}


def nav(d: Declared, lang: str) -> list:
    """Navigation as MkDocs writes it (titles come from the pages themselves):
    home, the functions by family, beyond, the experiments in index order, the rest."""
    s = d.strings[lang]
    sections = [{s(f"families.{f}"): [function_page(a.id) for a in d.family(f)]} for f in d.family_ids]
    free = [p for p in d.free_pages[lang] if p != "index.md"]
    beyond = [p for p in free if p.startswith("beyond/")]
    runs = ["experiments/index.md"] + [f"experiments/{n}.md" for n in d.experiment_order[lang]]
    rest = [p for p in free if not p.startswith(("beyond/", "experiments/"))]
    return ["index.md", {s("nav.activations"): sections},
            *([{s("nav.beyond"): beyond}] if beyond else []), {s("nav.experiments"): runs}, *rest]


def data_files(d: Declared, c: Computed) -> dict[str, bytes]:
    """data/activations.json and data/<id>.csv: the computed values, for students."""
    entries = []
    files: dict[str, bytes] = {}
    for act in d.acts:
        rec = c.records[act.id]
        entries.append({
            "id": act.id, "name": act.name["en"], "names": act.name,
            # a torch.nn module and its functional form, or the class and expression of the page's example
            "module": act.module, "functional": act.functional, "expression": act.expression,
            "in_torch_nn": act.in_torch, "params": act.defaults,
            "formula": act.formula, "derivative": act.derivative,
            "x": rec.data.x, "y": rec.data.y, "dy": rec.data.dy,
            "properties": rec.properties.to_json(),
        })
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["x", "y", "dy"])
        writer.writerows(zip(*(map(repr, column) for column in (rec.data.x, rec.data.y, rec.data.dy))))
        files[f"data/{act.id}.csv"] = buf.getvalue().encode()
    doc = {"schema": 1, "torch_version": c.torch_version, "activations": entries}
    files["data/activations.json"] = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode()
    return files


@dataclass
class Assembled:
    files: dict[str, bytes]  # every file of the language but its cheat sheet
    cheatsheet: dict         # the cheat sheet's drawing arguments, its words in the language


def assemble(d: Declared, c: Computed, r: Rendered, lang: str) -> Assembled:
    """Every generated file of one language; the cheat sheet is drawn from its
    arguments by the render stage (the orchestrator hands them over)."""
    site = Language(d, c, r, lang)
    out, summaries = site.function_pages()
    out.update(site.free_pages())
    site.check_claims_stated()
    out.update(site.figure_files())
    out.update(data_files(d, c))
    out.update(site.experiment_code())
    out.update(site.explorer_files())
    return Assembled(dict(sorted(out.items())), site.cheatsheet_args(summaries))


def cheatsheet_files(lang: str, sheet: dict[str, bytes]) -> dict[str, bytes]:
    return {f"{CHEATSHEET}-{lang}.{ext}": data for ext, data in sheet.items()}
