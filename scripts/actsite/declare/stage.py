"""The declare stage: every input of the site read and checked, before torch.

What it returns (``Declared``) is all that the later stages read from the
project's files: declarations, UI words, the hand-written pages, the
experiments' literals and pages, the snippets the pages run, the external
links. A missing translation or file fails here, with its name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import SiteError
from ..languages import CODES, PRIMARY
from . import experiments, prose
from .catalog import FAMILIES_FILE, Activation, Family, load_catalog, load_families
from .links import load_external_links
from .references import Reference, load_references
from .strings import Strings, strings

_RUN = re.compile(r"\{\{\s*run\s+([A-Za-z0-9_]+)\s*\}\}")
_FINDINGS = re.compile(r"^##\s+.*\{#findings\}\s*$(?P<body>.*?)(?=^##\s|\Z)", re.M | re.S)
_CLAIM = re.compile(r"\{\{\s*claim\s+[^{}]*\}\}")
_OTHER = re.compile(r"\{\{[^{}]*\}\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def function_page(act_id: str) -> str:
    """The docs path of a function's page (and of its prose under docs/<lang>/)."""
    return f"activations/{act_id}.md"


@dataclass(frozen=True)
class Snippet:
    code: str  # docs/snippets/<name>.py
    page: str  # the first page that runs it, for messages


@dataclass
class Declared:
    root: Path
    families: tuple[Family, ...]   # docs/families.yml, in site order
    acts: list[Activation]         # in site order: by family, then by id
    strings: dict[str, Strings]    # UI words by language
    free_pages: dict[str, list[str]]  # hand-written pages outside activations/, by language
    links: dict                    # docs/external-links.yml
    references: dict[str, Reference]  # docs/references.yml
    snippets: dict[str, Snippet]   # every docs/snippets/<name>.py a page runs
    prose: dict[str, dict[str, prose.FunctionProse]]  # each function's prose, by language and id

    @cached_property
    def by_id(self) -> dict[str, Activation]:
        return {a.id: a for a in self.acts}

    @cached_property
    def experiments(self) -> list[str]:
        """Every experiment, the longest first (see experiments.names)."""
        return experiments.names(self.root)

    def literals(self, name: str) -> dict:
        return experiments.literals(self.root, name)

    def family(self, family: str) -> list[Activation]:
        return [a for a in self.acts if a.family == family]

    @property
    def family_ids(self) -> list[str]:
        """The families that have functions, in site order."""
        return [f.id for f in self.families if self.family(f.id)]

    # --- what the experiments' pages declare -----------------------------
    @cached_property
    def experiment_titles(self) -> dict[str, dict[str, str]]:
        """``{lang: {name: title}}``, from each experiment's page."""
        out: dict[str, dict[str, str]] = {}
        for lang in CODES:
            out[lang] = {}
            for name in self.experiments:
                rel = f"docs/{lang}/experiments/{name}.md"
                text = prose.read(self.root, rel, f"experiment '{name}'")
                title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), None)
                if not title:
                    raise SiteError(f"experiment '{name}'", rel, "(title)", "needs a '# ' title")
                out[lang][name] = title
        return out

    @cached_property
    def experiment_order(self) -> dict[str, list[str]]:
        """The experiments in the order experiments/index.md lists them, which must be all of them."""
        out = {}
        for lang in CODES:
            rel = f"docs/{lang}/experiments/index.md"
            text = prose.read(self.root, rel, "page 'experiments/index.md'")
            order = list(dict.fromkeys(re.findall(r"\]\(([a-z_]+)\.md\)", text)))
            for name in self.experiments:
                if name not in order:
                    raise SiteError(f"experiment '{name}'", rel, "(links)",
                                    f"must link {name}.md: it lists every experiment")
            out[lang] = [n for n in order if n in self.experiments]
        return out

    def function_links(self, lang: str) -> dict[str, tuple[str, str]]:
        """torch.nn class name -> (name in this language, page); GELU is gelu, not gelu_tanh."""
        links: dict[str, tuple[str, str]] = {}
        for act in sorted(self.acts, key=lambda a: len(a.id)):
            links.setdefault(act.class_name, (act.name[lang], function_page(act.id)))
        return links

    def experiments_of(self, act: Activation, lang: str) -> list[tuple[str, str]]:
        """(title, page) of the experiments whose CONFIG runs this function, in index order."""
        cls = act.class_name
        if self.function_links(lang)[cls][1] != function_page(act.id):
            return []  # gelu_tanh: the experiments run torch.nn.GELU with its default, the exact GELU
        titles = self.experiment_titles[lang]
        return [(titles[n], f"experiments/{n}.md") for n in self.experiment_order[lang]
                if cls in self.literals(n)["CONFIG"].get("functions", [])]

    def experiment_words(self, name: str, lang: str) -> dict:
        """The words an experiment's figures use, in one language."""
        s = self.strings[lang]
        lit = self.literals(name)
        text: dict = {cls: n for cls, (n, _) in self.function_links(lang).items()}
        text.update({a.id: a.name[lang] for a in self.acts})
        text.update(s.section(f"experiments.{name}.figure"))
        for word in sorted(set(lit["TEXT"]) - set(text) - {"groups"}):
            raise SiteError(f"experiment '{name}'", s.path, f"experiments.{name}.figure.{word}",
                            f"is missing: the figures of {experiments.path(name)} use this word")
        if "groups" in lit["TEXT"]:
            by_class = {a.class_name: a.family for a in reversed(self.acts)}
            functions = lit["CONFIG"]["functions"]
            text["groups"] = {s(f"families.{f}"): [c for c in functions if by_class.get(c) == f]
                              for f in self.family_ids if any(by_class.get(c) == f for c in functions)}
        return text


def _free_pages(root: Path, lang: str) -> list[str]:
    folder = root / "docs" / lang
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")
                  if p.relative_to(folder).parts[0] != "activations")


def _check_translations(root: Path, acts: list[Activation], free: dict[str, list[str]]) -> None:
    """Every language has the same UI words, the same fields in them, and the same pages."""
    ref = strings(root, PRIMARY.code)
    ids = {a.id for a in acts}
    for lang in CODES:
        s = strings(root, lang)
        for other in CODES:
            missing = strings(root, other).keys() - s.keys()
            if missing:
                raise SiteError(f"language '{lang}'", s.path, sorted(missing)[0],
                                f"is missing (it exists in docs/i18n/{other}.yml)")
        for k in ref.keys():
            if s.fields(k) != ref.fields(k):
                raise SiteError(f"language '{lang}'", s.path, k,
                                f"must use the fields {sorted(ref.fields(k))}, as {ref.path} does")
        for act in acts:
            path = f"docs/{lang}/{function_page(act.id)}"
            if not (root / path).is_file():
                raise SiteError(f"activation '{act.id}'", path, "(file)",
                                "is missing: every activation needs prose in every language")
        for file in sorted((root / "docs" / lang / "activations").glob("*.md")):
            if file.stem not in ids:
                raise SiteError(f"page '{file.stem}'", file.relative_to(root).as_posix(), "(file)",
                                f"has no declaration docs/catalog/{file.stem}.yml")
    for lang in CODES:
        for other in CODES:
            for page in sorted(set(free[other]) - set(free[lang])):
                raise SiteError(f"page '{page}'", f"docs/{lang}/{page}", "(file)",
                                f"is missing (docs/{other}/{page} exists): translate it")


def _snippets(root: Path, acts: list[Activation], free: dict[str, list[str]]) -> dict[str, Snippet]:
    """Every snippet a page runs with {{ run <name> }}."""
    out: dict[str, Snippet] = {}
    for lang in CODES:
        for page in [function_page(a.id) for a in acts] + free[lang]:
            text = (root / "docs" / lang / page).read_text(encoding="utf-8")
            for name in _RUN.findall(text):
                rel = f"docs/snippets/{name}.py"
                if name not in out:
                    if not (root / rel).is_file():
                        raise SiteError(f"page '{page}'", rel, "(file)",
                                        f"is missing ({{{{ run {name} }}}} needs it)")
                    out[name] = Snippet((root / rel).read_text(encoding="utf-8"), page)
    return dict(sorted(out.items()))


def findings_sentences(text: str) -> list[tuple[str, bool]] | None:
    """The sentences of a page's {#findings} section, each with whether it
    cites a claim; None when the page has no such section."""
    m = _FINDINGS.search(text)
    if not m:
        return None
    out = []
    for block in re.split(r"\n\s*\n", m.group("body")):
        block = block.strip()
        if not block or _OTHER.fullmatch(block):  # a figure or a table alone: no sentence
            continue
        for item in re.split(r"^\s*[-*]\s+", block, flags=re.M):  # list items are sentences apart
            text_ = _OTHER.sub(lambda p: "\u2713" if _CLAIM.fullmatch(p.group()) else "0", item)
            for sentence in _SENTENCE_END.split(" ".join(text_.split())):
                if re.search(r"\w", sentence.replace("\u2713", "")):
                    out.append((sentence.strip(), "\u2713" in sentence))
    return out


def _check_findings(root: Path, names: list[str]) -> None:
    """Every sentence that draws a conclusion from an experiment (its page's
    {#findings} section) is bound to a claim the build checks."""
    for lang in CODES:
        for name in names:
            rel = f"docs/{lang}/experiments/{name}.md"
            sentences = findings_sentences((root / rel).read_text(encoding="utf-8"))
            if sentences is None:
                raise SiteError(f"experiment '{name}'", rel, "{#findings}",
                                "is missing: the page states what the run shows in a '## … {#findings}' section")
            for sentence, cited in sentences:
                if not cited:
                    raise SiteError(f"experiment '{name}'", rel, "{#findings}",
                                    f"states a result without a claim: \"{sentence}\" "
                                    "(end the sentence with {{ claim <experiment>.<claim> }})")


def _prose(root: Path, acts: list[Activation]) -> dict[str, dict[str, prose.FunctionProse]]:
    out: dict[str, dict[str, prose.FunctionProse]] = {}
    for lang in CODES:
        out[lang] = {}
        for act in acts:
            rel, subject = f"docs/{lang}/{function_page(act.id)}", f"activation '{act.id}'"
            out[lang][act.id] = prose.parse_function_prose(prose.read(root, rel, subject), rel, subject)
    return out


def declare(root: Path) -> Declared:
    root = Path(root).resolve()
    families = load_families(root)
    acts = load_catalog(root, families)
    free = {lang: _free_pages(root, lang) for lang in CODES}
    _check_translations(root, acts, free)
    words = {lang: strings(root, lang).with_section("families", {f.id: f.name[lang] for f in families},
                                                    FAMILIES_FILE) for lang in CODES}
    d = Declared(root=root, families=families, acts=acts, strings=words,
                 free_pages=free, links=load_external_links(root), references=load_references(root), snippets=_snippets(root, acts, free),
                 prose=_prose(root, acts))
    d.experiment_titles, d.experiment_order  # every experiment declared whole, with its pages
    _check_findings(root, d.experiments)
    return d
