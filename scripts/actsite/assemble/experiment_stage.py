"""The experiments in the site: run them (cached, in parallel), give their
figures' words and drawing jobs, and fill the placeholders of their pages.

The scripts themselves and how one is run live in experiments.py; the pages'
generated parts in experiment_pages.py.
"""
from __future__ import annotations

import re
import time
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable

from .. import workers
from ..cache import Store, key
from ..declare import experiments, prose
from ..declare.catalog import FAMILIES, LANGUAGES, Activation
from ..declare.strings import Strings, strings
from ..errors import SiteError
from . import experiment_pages, pages
from .text import num

PREFIX = "experiment-"  # of the figures' names


def figure_name(name: str, figure: str, lang: str) -> str:
    return f"{PREFIX}{name}-{figure}-{lang}"


def figure_language(file: str) -> str | None:
    """The language of an experiment figure's file (``…-zh.light.svg``); None for other figures."""
    stem = file.split(".", 1)[0]
    return stem.rsplit("-", 1)[1] if stem.startswith(PREFIX) else None


class ExperimentStage:
    def __init__(self, root: Path, acts: list[Activation], log: Callable[[str], None]):
        self.root, self.acts, self.log = root, acts, log
        self.store = Store(root, "experiments")
        self.keys: dict[str, str] = {}
        self._runs: dict[str, dict] | None = None
        # asked once per function page: read the files once per language
        self.function_links = lru_cache(maxsize=None)(self._function_links)
        self.titles = lru_cache(maxsize=None)(self._titles)
        self.order = lru_cache(maxsize=None)(self._order)

    @cached_property
    def names(self) -> list[str]:
        return experiments.names(self.root)

    # --- running ------------------------------------------------------------
    def runs(self) -> dict[str, dict]:
        """``{name: {"result", "table"}}`` of every docs/experiments/<name>.py; the
        missing ones run in parallel, one process per core, one thread each."""
        if self._runs is None:
            out: dict[str, dict] = {}
            missing: list[str] = []
            for name in self.names:
                k = key(*experiments.sources(self.root, name), code=("actsite.compute.experiments",), packages=("torch",))
                self.keys[name] = k
                run = self.store.get_json(name, k)
                if run is None:
                    missing.append(name)
                else:
                    self.log(f"experiment {name}: from cache")
                    out[name] = run
            if missing:
                self.log(f"experiments: running {', '.join(missing)}")
                jobs = [(str(self.root), name) for name in missing]
                for name, run in zip(missing, workers.parallel(_run, jobs, self.log, chunksize=1)):
                    self.store.put_json(name, self.keys[name], run)
                    out[name] = run
            self._runs = dict(sorted(out.items()))
        return self._runs

    def results(self) -> dict[str, dict]:
        return {name: run["result"] for name, run in self.runs().items()}

    # --- figures --------------------------------------------------------------
    def figure_jobs(self) -> list[tuple[str, object, str, dict]]:
        """(name, what it depends on, kind, arguments) of every experiment figure,
        in every language: figures carry the language's words."""
        jobs = []
        for name, result in self.results().items():
            for figure, size in experiments.literals(self.root, name)["FIGURES"].items():
                for lang in LANGUAGES:
                    text = self.text(name, lang)
                    jobs.append((figure_name(name, figure, lang), (self.keys[name], figure, size, text),
                                 "experiment_figure", {"root": str(self.root), "name": name, "figure": figure,
                                                       "result": result, "text": text}))
        return jobs

    def _function_links(self, lang: str) -> dict[str, tuple[str, str]]:
        """torch.nn class name -> (name in this language, page); GELU is gelu, not gelu_tanh."""
        links: dict[str, tuple[str, str]] = {}
        for act in sorted(self.acts, key=lambda a: len(a.id)):
            links.setdefault(act.module.rsplit(".", 1)[-1], (act.name[lang], pages.page_path(act.id)))
        return links

    def text(self, name: str, lang: str) -> dict:
        """The words an experiment's figures use, in one language."""
        s = strings(self.root, lang)
        lit = experiments.literals(self.root, name)
        text: dict = {cls: n for cls, (n, _) in self.function_links(lang).items()}
        text.update({a.id: a.name[lang] for a in self.acts})
        text.update(s.section(f"experiments.{name}.figure"))
        for word in sorted(set(lit["TEXT"]) - set(text) - {"groups"}):
            raise SiteError(f"experiment '{name}'", s.path, f"experiments.{name}.figure.{word}",
                            f"is missing: the figures of {experiments.path(name)} use this word")
        if "groups" in lit["TEXT"]:
            by_class = {a.module.rsplit(".", 1)[-1]: a.family for a in reversed(self.acts)}
            functions = lit["CONFIG"]["functions"]
            text["groups"] = {s(f"families.{f}"): [c for c in functions if by_class.get(c) == f]
                              for f in FAMILIES if any(by_class.get(c) == f for c in functions)}
        return text

    # --- pages ----------------------------------------------------------------
    def of(self, act: Activation, lang: str) -> list[tuple[str, str]]:
        """(title, page) of the experiments whose CONFIG runs this function, in index order."""
        cls = act.module.rsplit(".", 1)[-1]
        if self.function_links(lang)[cls][1] != pages.page_path(act.id):
            return []  # gelu_tanh: the experiments run torch.nn.GELU with its default, the exact GELU
        titles = self.titles(lang)
        return [(titles[n], f"experiments/{n}.md") for n in self.order(lang)
                if cls in experiments.literals(self.root, n)["CONFIG"].get("functions", [])]

    def _titles(self, lang: str) -> dict[str, str]:
        """``{name: title}`` of every experiment, from its page in this language."""
        out = {}
        for name in self.names:
            rel = f"docs/{lang}/experiments/{name}.md"
            text = prose.read(self.root, rel, f"experiment '{name}'")
            title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), None)
            if not title:
                raise SiteError(f"experiment '{name}'", rel, "(title)", "needs a '# ' title")
            out[name] = title
        return out

    def _order(self, lang: str) -> list[str]:
        """The experiments in the order experiments/index.md lists them, which must be all of them."""
        rel = f"docs/{lang}/experiments/index.md"
        text = prose.read(self.root, rel, "page 'experiments/index.md'")
        order = list(dict.fromkeys(re.findall(r"\]\(([a-z_]+)\.md\)", text)))
        names = self.names
        for name in names:
            if name not in order:
                raise SiteError(f"experiment '{name}'", rel, "(links)", f"must link {name}.md: it lists every experiment")
        return [n for n in order if n in names]

    def code_files(self) -> dict[str, bytes]:
        """Every experiment's script (and the benchmark), to download."""
        files = {}
        for name in self.names:
            lit = experiments.literals(self.root, name)
            for source in [experiments.path(name), *(experiments.path(m) for m in lit["imports"]),
                           *([lit["SOURCE"]] if "SOURCE" in lit else [])]:
                files[f"experiments/code/{source.rsplit('/', 1)[-1]}"] = (self.root / source).read_bytes()
        return files

    def placeholder(self, words: list[str], page: str, s: Strings) -> str | None:
        """``experiment NAME figure FIG|setup|code|table`` and ``result NAME.path [%]``."""
        results = self.results()
        rel = f"docs/{s.lang}/{page}"
        if words[0] == "result" and len(words) in (2, 3) and "." in words[1]:
            name, dotted = words[1].split(".", 1)
            if name not in results:
                raise SiteError(f"page '{page}'", rel, f"{{{{ result {words[1]} }}}}", f"no experiment '{name}'")
            v = experiments.value(results[name], dotted, name, rel)
            if isinstance(v, str):
                return v
            if len(words) == 3 and words[2] == "%":
                return experiment_pages.percent(v)
            return num(v, 3) if len(words) == 2 else None
        if words[0] != "experiment" or len(words) < 3 or words[1] not in results:
            return None
        name, what = words[1], words[2]
        lit = experiments.literals(self.root, name)
        links = self.function_links(s.lang)
        if what == "figure" and len(words) == 4 and words[3] in lit["FIGURES"]:
            fig = words[3]
            return pages.figure(page, figure_name(name, fig, s.lang),
                                s(f"experiments.{name}.figures.{fig}.alt"),
                                s(f"experiments.{name}.figures.{fig}.caption"), s,
                                (f"experiments/code/{name}.py", None))
        if what == "setup" and len(words) == 3:
            return experiment_pages.setup_table(name, lit["CONFIG"], s, links, page)
        if what == "code" and len(words) == 3:
            source = lit.get("SOURCE", experiments.path(name))
            return experiment_pages.code_block(name, (self.root / source).read_text(encoding="utf-8"),
                                               source, s, page)
        if what == "table" and len(words) == 3 and lit["has_table"]:
            return experiment_pages.results_table(name, self.runs()[name]["table"], s, links, page)
        return None


def _run(job: tuple[str, str]) -> dict:
    """In a worker: run one experiment, logging its progress."""
    root, name = job
    start = time.perf_counter()
    from ..compute.experiments import run  # imports torch, only when an experiment runs
    run = run(Path(root), name, lambda msg: workers.log(f"experiment {name}: {msg}"))
    workers.log(f"experiment {name}: done in {time.perf_counter() - start:.1f} s")
    return run
