"""The UI words of each language, docs/i18n/<lang>.yml: read, looked up, checked.

A translator edits these files without reading Python; this module only reads
them and fills the named fields of one entry.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import SiteError
from ..languages import BY_CODE

# a space between two CJK characters, left by filling a field with a name (PyTorch 没有 正弦函数 的模块)
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


class Strings:
    """The UI words of one language, with named fields to fill."""

    def __init__(self, root: Path, lang: str):
        self.lang = lang
        self.path = f"docs/i18n/{lang}.yml"
        file = root / self.path
        if not file.is_file():
            raise SiteError(f"language '{lang}'", self.path, "(file)", "is missing")
        self.data = yaml.safe_load(file.read_text(encoding="utf-8"))
        self.source = file.read_text(encoding="utf-8")

    def with_section(self, key: str, words: dict[str, str], path: str) -> "Strings":
        """These words and ``words`` under ``key``, declared in another file
        (the family names, in docs/families.yml)."""
        if key in self.data:
            raise SiteError(f"language '{self.lang}'", self.path, key, f"belongs in {path}, not here")
        out = object.__new__(Strings)
        out.__dict__.update(self.__dict__)
        out.data = {**self.data, key: dict(words)}
        return out

    def _lookup(self, dotted: str):
        """The node at a dotted key, or None."""
        node = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def __call__(self, dotted: str, **fields) -> str:
        node = self._lookup(dotted)
        if node is None:
            raise SiteError(f"language '{self.lang}'", self.path, dotted, "is missing")
        if not isinstance(node, str):
            raise SiteError(f"language '{self.lang}'", self.path, dotted, "must be text")
        try:
            text = node.format(**fields)
        except (KeyError, IndexError, ValueError) as exc:
            raise SiteError(f"language '{self.lang}'", self.path, dotted,
                            f"uses a field that is not available: {exc}") from None
        return _CJK_GAP.sub("", text) if BY_CODE[self.lang].cjk else text

    def section(self, dotted: str) -> dict[str, str]:
        """The words under one key, unformatted (a figure's labels fill their own fields)."""
        node = self._lookup(dotted)
        return {k: v for k, v in node.items() if isinstance(v, str)} if isinstance(node, dict) else {}

    def keys(self) -> set[str]:
        out: set[str] = set()

        def walk(node, prefix):
            for k, v in node.items():
                if isinstance(v, dict):
                    walk(v, f"{prefix}{k}.")
                else:
                    out.add(f"{prefix}{k}")
        walk(self.data, "")
        return out

    def fields(self, dotted: str) -> set[str]:
        """The named fields a string uses, to check translations against each other."""
        return {f for _, f, _, _ in string.Formatter().parse(self._lookup(dotted)) if f}


@lru_cache(maxsize=None)
def strings(root: Path, lang: str) -> Strings:
    return Strings(root, lang)
