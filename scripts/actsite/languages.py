"""The site's languages, in one table: a third language is a new row here,
its MkDocs config and its translations (docs/<code>/, docs/i18n/<code>.yml)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str    # "zh": docs/zh/, docs/i18n/zh.yml, the figures' suffix
    name: str    # in its own words, for the language switcher
    root: str    # where its site lives under the site root ("" or "zh/")
    config: str  # its MkDocs config; the first language's config builds every other
    cjk: bool    # its words in figures need the CJK font


LANGUAGES = (
    Language("en", "English", "", "mkdocs.yml", cjk=False),
    Language("zh", "简体中文", "zh/", "mkdocs.zh.yml", cjk=True),
)
CODES = tuple(lang.code for lang in LANGUAGES)
PRIMARY = LANGUAGES[0]
BY_CODE = {lang.code: lang for lang in LANGUAGES}
