"""Prose files: the text people write, in docs/<lang>/.

A function page's prose (docs/<lang>/activations/<id>.md) is an introduction
followed by sections whose headings end in a fixed id, such as
``## Strengths {#pros}``; the heading text is free to translate, the id is
what the generator places. Any prose may use placeholders such as
``{{ df_at_0 }}`` or ``{{ sigmoid.max_abs_derivative }}``, which are replaced
by computed values, so no number is ever typed into the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SiteError

FUNCTION_SECTIONS = ("summary", "pros", "cons", "uses", "exercises")  # required
OPTIONAL_SECTIONS = ("notes",)
_SECTION = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<key>[a-z_]+)\}\s*$", re.M)
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[^{}]*?)\s*\}\}")


@dataclass
class Section:
    key: str
    title: str
    body: str


@dataclass
class FunctionProse:
    path: str
    intro: str
    sections: dict[str, Section]


def read(root: Path, rel: str, subject: str) -> str:
    file = root / rel
    if not file.is_file():
        raise SiteError(subject, rel, "(file)", "is missing: every page needs its prose in every language")
    return file.read_text(encoding="utf-8")


def parse_function_prose(text: str, rel: str, subject: str) -> FunctionProse:
    if re.search(r"^#\s", text, re.M):
        raise SiteError(subject, rel, "(title)", "must not have a '# ' title: the page title comes from the declaration")
    matches = list(_SECTION.finditer(text))
    intro = text[: matches[0].start()] if matches else text
    sections: dict[str, Section] = {}
    for m, nxt in zip(matches, matches[1:] + [None]):
        key = m.group("key")
        if key not in FUNCTION_SECTIONS + OPTIONAL_SECTIONS:
            raise SiteError(subject, rel, f"{{#{key}}}", f"unknown section; use {', '.join(FUNCTION_SECTIONS + OPTIONAL_SECTIONS)}")
        if key in sections:
            raise SiteError(subject, rel, f"{{#{key}}}", "appears twice")
        body = text[m.end(): nxt.start() if nxt else len(text)].strip()
        if not body:
            raise SiteError(subject, rel, f"{{#{key}}}", "is empty")
        sections[key] = Section(key, m.group("title"), body)
    for key in FUNCTION_SECTIONS:
        if key not in sections:
            raise SiteError(subject, rel, f"{{#{key}}}", "section is missing")
    if not intro.strip():
        raise SiteError(subject, rel, "(introduction)", "is empty: write a paragraph before the first section")
    return FunctionProse(rel, intro.strip(), sections)


def fill(text: str, resolve: Callable[[str], str | None], rel: str, subject: str) -> str:
    """Replace every {{ placeholder }}; an unknown one is an error naming it.
    A placeholder alone on an indented line (inside a folded answer, say) gets
    every line of its replacement indented the same."""
    def sub(m: re.Match) -> str:
        name = m.group("name")
        value = resolve(name)
        if value is None:
            raise SiteError(subject, rel, "{{ " + name + " }}", "is not a known placeholder")
        line_start = text.rfind("\n", 0, m.start()) + 1
        indent = text[line_start:m.start()]
        if indent and not indent.strip() and "\n" in value:
            value = value.rstrip("\n").replace("\n", "\n" + indent)
            value = "\n".join(line if line.strip() else "" for line in value.split("\n"))
        return value
    return PLACEHOLDER.sub(sub, text)


def plain(text: str) -> str:
    """Markdown as plain text, for a figure: links keep their words, marks go."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())
