"""The generator: declarations -> torch -> figures -> pages, for one language.

``Generator(root).outputs(lang)`` returns every generated file of that
language's site as ``{path: bytes}``; it knows nothing of MkDocs. Results of
the two slow stages (torch and matplotlib) are cached by a hash of their
inputs, and kept in memory so a second language costs no more work.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Callable

import yaml

from . import workers
from .assemble import explorer_page, pages
from .assemble.experiment_stage import ExperimentStage, figure_language
from .assemble.text import num, value_range
from .cache import Store, key
from .declare import prose
from .declare.links import load_external_links
from .declare.catalog import FAMILIES, LANGUAGES, Activation, load_catalog
from .declare.strings import Strings, strings
from .errors import SiteError
from .render import curves, figure_scripts, mathtext
from .render.formats import FIGURES, FORMATS, THEMES

# The four functions of the source note: the home page's overview and overlays.
SOURCE_NOTE = ("relu", "sigmoid", "tanh", "softplus")
# The module that draws each kind of figure: its code is in the figure's cache key.
DRAWINGS = {"experiment_figure": "actsite.render.experiments", "function_figure": "actsite.render.figures",
            "sweep_figure": "actsite.render.figures", "training_figure": "actsite.render.figures",
            "overview_figure": "actsite.render.figures", "overlay_figure": "actsite.render.figures"}
CHEATSHEET = "assets/cheatsheet"  # + -<lang>.pdf and .png
CHEATSHEET_X = (-4.0, 4.0)        # the x range of its graphs


class Generator:
    def __init__(self, root: Path, log: Callable[[str], None] = lambda msg: None):
        self.root = Path(root).resolve()
        self.log = log
        self.acts: list[Activation] = load_catalog(self.root)
        self.by_id = {a.id: a for a in self.acts}
        self.records_store = Store(self.root, "records")
        self.figures_store = Store(self.root, "figures")
        self.snippets_store = Store(self.root, "snippets")
        self.explorer_store = Store(self.root, "explorer")
        self.cheatsheet_store = Store(self.root, "cheatsheet")
        self.experiments = ExperimentStage(self.root, self.acts, log)
        self._explorer: dict[str, bytes] | None = None
        self._scripts: dict[str, str] | None = None
        self._records: dict[str, dict] | None = None
        self._figures: dict[str, bytes] | None = None
        self._texts: dict[str, dict[str, dict[str, str]]] = {}
        self._links: dict | None = None
        self._record_keys: dict[str, str] = {}

    # --- stage 2: torch (cached) ------------------------------------------
    def records(self) -> dict[str, dict]:
        if self._records is None:
            out = {}
            for act in self.acts:
                reference = self.by_id[act.approximates] if act.approximates else None
                k = key(act.source, reference.source if reference else "",
                        code=("actsite.compute.activation",), packages=("torch", "numpy"))
                rec = self.records_store.get_json(act.id, k)
                if rec is None:
                    self.log(f"{act.id}: evaluating with torch and autograd")
                    from .compute.activation import compute  # imports torch, only when needed
                    rec = json.loads(json.dumps(compute(act, reference), sort_keys=True))
                    self.records_store.put_json(act.id, k, rec)
                else:
                    self.log(f"{act.id}: evaluation from cache")
                out[act.id] = rec
                self._record_keys[act.id] = k  # names the record's content, for the figures' keys
            self._records = out
        return self._records

    def explorer_files(self) -> dict[str, bytes]:
        """explorer/<id>.json: each function on the explorer's grid, for every
        value of its slider (torch, cached)."""
        if self._explorer is None:
            out = {}
            for act in self.acts:
                k = key(act.source, code=("actsite.compute.explorer",), packages=("torch", "numpy"))
                data = self.explorer_store.get_bytes(act.id, k, ".json")
                if data is None:
                    self.log(f"{act.id}: explorer data")
                    from .compute.explorer import explorer_data  # imports torch, only when needed
                    data = json.dumps(explorer_data(act), separators=(",", ":")).encode()
                    self.explorer_store.put_bytes(act.id, k, ".json", data)
                out[f"{explorer_page.DATA}/{act.id}.json"] = data
            self._explorer = out
        return self._explorer

    # --- stage 3: matplotlib (cached) -------------------------------------
    def figures(self) -> dict[str, bytes]:
        """``{file name: bytes}`` of every figure: SVG in both themes, and a PNG
        of the light one for slides; the missing ones are drawn in parallel."""
        if self._figures is None:
            out: dict[str, bytes] = {}
            missing: list[tuple[str, str, str, str, dict]] = []
            jobs = self._figure_jobs()
            for name, inputs, kind, args in jobs:
                k = key(json.dumps(inputs), code=(DRAWINGS[kind],), packages=("matplotlib", "numpy"))
                for theme in THEMES:
                    files = {ext: self.figures_store.get_bytes(f"{name}.{theme}", k, f".{ext}")
                             for ext in FORMATS[theme]}
                    if None in files.values():
                        missing.append((name, theme, k, kind, args))
                    else:
                        out.update({f"{name}.{theme}.{ext}": data for ext, data in files.items()})
            if missing:
                self.log(f"figures: drawing {len(missing)} with matplotlib")
                if any(figure_language(name) == "zh" for name, *_ in missing):
                    self._check_cjk_font()
                for (name, theme, k, _, _), files in zip(missing, workers.parallel(_draw, missing)):
                    for ext, data in files.items():
                        self.figures_store.put_bytes(f"{name}.{theme}", k, f".{ext}", data)
                        out[f"{name}.{theme}.{ext}"] = data
            self.log(f"figures: {len(THEMES) * len(jobs) - len(missing)} from cache, {len(missing)} drawn")
            self._figures = dict(sorted(out.items()))
        return self._figures

    def site_figures(self) -> dict[str, list[Activation]]:
        """Figures of several functions: the source note's four, and each family
        (a hard approximation drawn next to the smooth function it approximates)."""
        note = [self.by_id[i] for i in SOURCE_NOTE if i in self.by_id]
        groups = {"overview": note, "overlay_f": note, "overlay_df": note}
        for family in FAMILIES:
            members = [a for a in self.acts if a.family == family]
            members += [self.by_id[a.approximates] for a in members if a.approximates]
            if members:
                groups[f"family_{family}_f"] = groups[f"family_{family}_df"] = members
        return groups

    def figure_scripts(self) -> dict[str, str]:
        """The standalone script that redraws each figure (not the experiments':
        their own script does)."""
        if self._scripts is not None:
            return self._scripts
        recs = self.records()
        out: dict[str, str] = {}
        for act in self.acts:
            rec = recs[act.id]
            out[act.id] = figure_scripts.function_script(act, rec, act.id)
            if "sweep" in rec:
                out[f"{act.id}.sweep"] = figure_scripts.sweep_script(act, rec, f"{act.id}.sweep")
            if "training_sample" in rec:
                out[f"{act.id}.training"] = figure_scripts.training_script(act, rec, f"{act.id}.training", seed=0)
        for name, members in self.site_figures().items():
            mrecs = [recs[a.id] for a in members]
            names = ", ".join(a.name["en"] for a in members)
            if name == "overview":
                out[name] = figure_scripts.overview_script(members, mrecs, name)
            else:
                derivative = name.endswith("_df")
                title = f"{'The derivatives of ' if derivative else ''}{names}, on shared axes."
                out[name] = figure_scripts.overlay_script(members, mrecs, derivative, name, title)
        self._scripts = out
        return out

    def _figure_jobs(self) -> list[tuple[str, object, str, dict]]:
        """(name, what the figure depends on, which drawing, its arguments); a
        record enters the key by its own cache key, which names its content."""
        recs, rkeys = self.records(), self._record_keys
        jobs: list[tuple[str, object, str, dict]] = []
        for act in self.acts:
            rec = recs[act.id]
            inset = list(act.plot_inset) if act.plot_inset else None
            jobs.append((act.id, (rkeys[act.id], act.symbol, inset), "function_figure",
                         {"record": rec, "symbol": act.symbol, "inset": inset}))
            if "sweep" in rec:
                default = act.defaults[rec["sweep"]["param"]]
                jobs.append((f"{act.id}.sweep", (rkeys[act.id], default, act.symbol), "sweep_figure",
                             {"sweep": rec["sweep"], "default": default, "symbol": act.symbol}))
            if "training_sample" in rec:
                jobs.append((f"{act.id}.training", (rkeys[act.id], act.symbol), "training_figure",
                             {"record": rec, "symbol": act.symbol}))
        for name, members in self.site_figures().items():
            args = {"records": [recs[a.id] for a in members], "symbols": [a.symbol for a in members]}
            kind = "overview_figure" if name == "overview" else "overlay_figure"
            if kind == "overlay_figure":
                args["key"] = "dy" if name.endswith("_df") else "y"
            jobs.append((name, ([rkeys[a.id] for a in members], args["symbols"]), kind, args))
        jobs += self.experiments.figure_jobs()
        return jobs

    def _check_cjk_font(self) -> None:
        from .render import figures
        try:
            figures.check_cjk_font()
        except ValueError:
            raise SiteError("figures in Chinese", "scripts/actsite/figures.py", "CJK_FONT",
                            f"matplotlib finds no font '{figures.CJK_FONT}' in the package "
                            f"{figures.CJK_FILE[0]}: pip install -r requirements.txt") from None

    # --- stage 4: pages -----------------------------------------------------
    def check_translations(self) -> None:
        """Every language has the same UI words and the same pages."""
        ref = strings(self.root, LANGUAGES[0])
        for lang in LANGUAGES:
            s = strings(self.root, lang)
            for other in LANGUAGES:
                missing = strings(self.root, other).keys() - s.keys()
                if missing:
                    raise SiteError(f"language '{lang}'", s.path, sorted(missing)[0],
                                    f"is missing (it exists in docs/i18n/{other}.yml)")
            for k in ref.keys():
                if s.fields(k) != ref.fields(k):
                    raise SiteError(f"language '{lang}'", s.path, k,
                                    f"must use the fields {sorted(ref.fields(k))}, as {ref.path} does")
            for act in self.acts:
                path = f"docs/{lang}/{pages.page_path(act.id)}"
                if not (self.root / path).is_file():
                    raise SiteError(f"activation '{act.id}'", path, "(file)",
                                    "is missing: every activation needs prose in every language")
            folder = self.root / "docs" / lang / "activations"
            for file in sorted(folder.glob("*.md")):
                if file.stem not in self.by_id:
                    raise SiteError(f"page '{file.stem}'", file.relative_to(self.root).as_posix(), "(file)",
                                    f"has no declaration docs/catalog/{file.stem}.yml")
        free = {lang: self.free_pages(lang) for lang in LANGUAGES}
        for lang in LANGUAGES:
            for other in LANGUAGES:
                for page in sorted(set(free[other]) - set(free[lang])):
                    raise SiteError(f"page '{page}'", f"docs/{lang}/{page}", "(file)",
                                    f"is missing (docs/{other}/{page} exists): translate it")

    def free_pages(self, lang: str) -> list[str]:
        """Hand-written pages outside activations/ (home, advice, ...)."""
        folder = self.root / "docs" / lang
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")
                      if p.relative_to(folder).parts[0] != "activations")

    def _resolver(self, page: str, s: Strings, current: str | None):
        recs = self.records()
        if s.lang not in self._texts:  # every page of a language reads the same phrases
            self._texts[s.lang] = {a.id: pages.property_texts(a, recs[a.id], s) for a in self.acts}
        texts = self._texts[s.lang]
        groups = self.site_figures()

        def resolve(name: str) -> str | None:
            words = name.split()
            if len(words) == 2 and words[0] == "figure" and words[1] in groups:
                fig = words[1]
                names = s("phrase.and").join(a.name[s.lang] for a in groups[fig])
                if fig.startswith("family_"):
                    family, which = fig.removeprefix("family_").rsplit("_", 1)
                    label = s(f"families.{family}")
                    return pages.figure(page, fig, s(f"figures.family_{which}.alt", family=label, names=names),
                                        s(f"figures.family_{which}.caption", family=label),
                                        s, pages.script_for(fig, self.figure_scripts()))
                return pages.figure(page, fig, s(f"figures.{fig}.alt", names=names), s(f"figures.{fig}.caption"),
                                    s, pages.script_for(fig, self.figure_scripts()))
            if name == "catalogue":
                return pages.catalogue_table(page, self.acts, recs, s)
            if name == "cheatsheet":
                base = pages.rel(page, f"{CHEATSHEET}-{s.lang}")
                return (f"[![{s('cheatsheet.alt')}]({base}.png){{ .cheatsheet loading=lazy }}]({base}.pdf)\n\n"
                        f"{s('cheatsheet.links', pdf=f'[PDF]({base}.pdf)', png=f'[PNG]({base}.png)')}\n")
            if name == "explorer":
                saturation = next(iter(recs.values()))["method"]["saturation"]
                return explorer_page.widget(page, self.acts, SOURCE_NOTE, saturation, s)
            if name == "kink_table":
                return pages.kink_table(page, self.acts, recs, s)
            if name == "compare_table":
                return pages.compare_table(page, self.acts, recs, s)
            if len(words) == 2 and words[0] == "run":
                code, output = self.snippet(words[1], page)
                return (f"```python\n{code.rstrip()}\n```\n\n"
                        f"{s('page.example_output', torch=next(iter(recs.values()))['torch_version'])}\n\n"
                        f"```text\n{output.rstrip()}\n```\n")
            if words[0] in ("experiment", "result"):
                return self.experiments.placeholder(words, page, s)
            if name == "torch_version":
                return next(iter(recs.values()))["torch_version"]
            if name == "count":
                return str(len(self.acts))
            act_id, _, prop = name.rpartition(".")
            act_id = act_id or current
            if act_id in texts and prop in texts[act_id]:
                return texts[act_id][prop]
            return None
        return resolve

    def cheatsheet_files(self, lang: str, summaries: dict[str, str]) -> dict[str, bytes]:
        """The one-page cheat sheet of this language, as PDF and PNG (cached);
        ``summaries``: each function's one line of advice, as plain text."""
        s = strings(self.root, lang)
        recs = self.records()
        entries = []
        for act in self.acts:
            rec = recs[act.id]
            props = rec["properties"]
            entries.append({
                "name": act.name[lang], "summary": summaries[act.id], "range": value_range(props),
                "formula": cheatsheet_formula(act, s),
                "x": rec["x"], "y": rec["y"], "dy": rec["dy"],
                "breaks": {"y": curves.breaks(props, False), "dy": curves.breaks(props, True)},
            })
        torch_version = next(iter(recs.values()))["torch_version"]
        lo, hi = CHEATSHEET_X
        args = {"entries": entries, "title": s("cheatsheet.title"), "x_range": [lo, hi],
                "subtitle": s("cheatsheet.subtitle", torch=torch_version, count=len(self.acts), lo=num(lo), hi=num(hi)),
                "words": {"range": s("cheatsheet.range")}, "wrap": int(s("cheatsheet.wrap"))}
        k = key(json.dumps(args, sort_keys=True), code=("actsite.render.cheatsheet",), packages=("matplotlib",))
        files = {ext: self.cheatsheet_store.get_bytes(f"cheatsheet-{lang}", k, f".{ext}") for ext in ("pdf", "png")}
        if None in files.values():
            self.log(f"cheat sheet ({lang}): drawing")
            if lang == "zh":
                self._check_cjk_font()
            from .render import cheatsheet  # matplotlib
            files = cheatsheet.draw(**args)
            for ext, data in files.items():
                self.cheatsheet_store.put_bytes(f"cheatsheet-{lang}", k, f".{ext}", data)
        return {f"{CHEATSHEET}-{lang}.{ext}": data for ext, data in files.items()}

    def outputs(self, lang: str) -> dict[str, bytes]:
        if lang not in LANGUAGES:
            raise SiteError(f"language '{lang}'", "mkdocs config", "extra.language", f"must be one of {LANGUAGES}")
        self.check_translations()
        s = strings(self.root, lang)
        recs = self.records()
        out: dict[str, bytes] = {}
        summaries: dict[str, str] = {}  # for the cheat sheet
        for act in self.acts:
            path = pages.page_path(act.id)
            rel = f"docs/{lang}/{path}"
            subject = f"activation '{act.id}'"
            text = prose.read(self.root, rel, subject)
            parsed = prose.parse_function_prose(text, rel, subject)
            resolve = self._resolver(path, s, act.id)

            def fill(t: str, resolve=resolve, rel=rel, subject=subject) -> str:
                return prose.fill(t, resolve, rel, subject)
            summaries[act.id] = prose.plain(fill(parsed.sections["summary"].body))
            page = pages.function_page(act, recs[act.id], parsed, s, fill,
                                       self.external_links()["torch_docs"]["url"],
                                       {a.id: a.name[lang] for a in self.acts},
                                       self.experiments.of(act, lang),
                                       self.figure_scripts())
            out[path] = page.encode()
        for page in self.free_pages(lang):
            rel = f"docs/{lang}/{page}"
            text = prose.read(self.root, rel, f"page '{page}'")
            out[page] = prose.fill(text, self._resolver(page, s, None), rel, f"page '{page}'").encode()
        for name, data in self.figures().items():
            if figure_language(name) in (None, lang):  # an experiment's figure has one language's words
                out[f"{FIGURES}/{name}"] = data
        out.update(self.data_files())
        out.update(self.experiments.code_files())
        out.update(self.explorer_files())
        out.update(self.cheatsheet_files(lang, summaries))
        out.update({f"{FIGURES}/{name}.py": code.encode() for name, code in self.figure_scripts().items()})
        return dict(sorted(out.items()))

    def snippet(self, name: str, page: str) -> tuple[str, str]:
        """The code of docs/snippets/<name>.py and what it printed (cached)."""
        rel = f"docs/snippets/{name}.py"
        file = self.root / rel
        if not file.is_file():
            raise SiteError(f"page '{page}'", rel, "(file)", f"is missing ({{{{ run {name} }}}} needs it)")
        code = file.read_text(encoding="utf-8")
        k = key(code, code=("actsite.compute.snippets",), packages=("torch", "numpy"))
        output = self.snippets_store.get_json(f"snippet-{name}", k)
        if output is None:
            self.log(f"snippet {name}: running")
            from .compute.snippets import run_snippet
            try:
                output = run_snippet(code, name)
            except Exception as exc:  # the snippet itself is broken: say where
                raise SiteError(f"page '{page}'", rel, "(code)", f"raised {type(exc).__name__}: {exc}") from None
            self.snippets_store.put_json(f"snippet-{name}", k, output)
        return code, output

    def external_links(self) -> dict:
        """docs/external-links.yml: every outside place the pages may link to."""
        if self._links is None:
            self._links = load_external_links(self.root)
        return self._links

    def data_files(self) -> dict[str, bytes]:
        recs = self.records()
        entries = []
        files: dict[str, bytes] = {}
        for act in self.acts:
            rec = recs[act.id]
            entries.append({
                "id": act.id, "name": act.name["en"], "names": act.name,
                "module": act.module, "functional": act.functional, "params": act.defaults,
                "formula": act.formula, "derivative": act.derivative,
                "x": rec["x"], "y": rec["y"], "dy": rec["dy"],
                "properties": rec["properties"],
            })
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(["x", "y", "dy"])
            writer.writerows(zip(*(map(repr, rec[k]) for k in ("x", "y", "dy"))))
            files[f"data/{act.id}.csv"] = buf.getvalue().encode()
        doc = {"schema": 1, "torch_version": next(iter(recs.values()))["torch_version"], "activations": entries}
        files["data/activations.json"] = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode()
        return files

    def nav(self, lang: str) -> list:
        """Navigation as MkDocs writes it: titles come from the pages themselves."""
        s = strings(self.root, lang)
        sections = []
        for family in FAMILIES:
            members = [pages.page_path(a.id) for a in self.acts if a.family == family]
            if members:
                sections.append({s(f"families.{family}"): members})
        free = [p for p in self.free_pages(lang) if p != "index.md"]
        beyond = [p for p in free if p.startswith("beyond/")]
        runs = ["experiments/index.md"] + [f"experiments/{n}.md" for n in self.experiments.order(lang)]
        rest = [p for p in free if not p.startswith(("beyond/", "experiments/"))]
        return ["index.md", {s("nav.activations"): sections},
                *([{s("nav.beyond"): beyond}] if beyond else []), {s("nav.experiments"): runs}, *rest]


def cheatsheet_formula(act: Activation, s: Strings) -> list[str]:
    return mathtext.mathtext_lines(act.symbol, act.formula, s("cheatsheet.otherwise"), s("cheatsheet.if"))


def _draw(job: tuple[str, str, str, str, dict]) -> dict[str, bytes]:
    _, theme, _, kind, args = job
    if kind == "experiment_figure":
        from .render import experiments
        return experiments.draw(Path(args["root"]), args["name"], args["figure"], args["result"],
                                args["text"], theme)
    from .render import figures  # imports matplotlib, only when a figure must be drawn
    return getattr(figures, kind)(theme=theme, **args)


