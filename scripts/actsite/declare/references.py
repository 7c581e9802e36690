"""docs/references.yml: every source a page cites with {{ cite <key> }}.

Each entry names its authors ("Surname, Given names"), year, title, where it
appeared and a link (arXiv, DOI or the publisher's page). A page that cites
gets a references section in its language; an unknown key fails the build.
The entries' links are external links the link check accepts: this file is
reviewed with docs/external-links.yml.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import SiteError

FILE = "docs/references.yml"


@dataclass(frozen=True)
class Reference:
    key: str
    authors: tuple[str, ...]  # "Surname, Given names"
    year: int
    title: str
    venue: str
    url: str

    @property
    def surnames(self) -> list[str]:
        return [a.split(",")[0].strip() for a in self.authors]


def load_references(root: Path) -> dict[str, Reference]:
    file = root / FILE
    if not file.is_file():
        return {}
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    out = {}
    for key, entry in data.items():
        subject = f"reference '{key}'"
        if not isinstance(entry, dict):
            raise SiteError(subject, FILE, key, "must be a mapping of authors, year, title, venue, url")
        for field, kind in (("authors", list), ("year", int), ("title", str), ("venue", str), ("url", str)):
            if not isinstance(entry.get(field), kind) or (kind is not int and not entry[field]):
                raise SiteError(subject, FILE, f"{key}.{field}", f"is missing or not a {kind.__name__}")
        if not all(isinstance(a, str) and "," in a for a in entry["authors"]):
            raise SiteError(subject, FILE, f"{key}.authors", "each author is 'Surname, Given names'")
        if not entry["url"].startswith("https://"):
            raise SiteError(subject, FILE, f"{key}.url", "must be an https:// link")
        unknown = set(entry) - {"authors", "year", "title", "venue", "url"}
        if unknown:
            raise SiteError(subject, FILE, f"{key}.{sorted(unknown)[0]}", "is not a known field")
        out[key] = Reference(key, tuple(entry["authors"]), entry["year"], entry["title"].strip(),
                             entry["venue"].strip(), entry["url"])
    return out
