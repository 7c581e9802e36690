"""HTML passes over the pages an engine wrote, the same for every engine."""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..declare.strings import strings
from ..errors import SiteError
from ..languages import BY_CODE

_EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"(?![^>]*\btarget=)')


def open_external_links(content: str) -> str:
    """External links open in a new tab that cannot reach back (noopener)."""
    return _EXTERNAL.sub(r'<a href="\1" target="_blank" rel="noopener noreferrer"', content)


# The theme links each language's home page, relatively; search engines (and
# Lighthouse's hreflang audit) want this very page in each language, absolutely.
_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([A-Za-z-]+)">')


def absolute_alternates(page: str, site_url: str, path: str) -> str:
    """``site_url``: the first language's published root; ``path``: the page's URL
    path within its language's site ("" for the home page)."""
    root = site_url.rstrip("/") + "/"

    def link(m: re.Match) -> str:
        lang = BY_CODE.get(m.group(1))
        return m.group(0) if lang is None else f'<link rel="alternate" href="{root}{lang.root}{path}" hreflang="{lang.code}">'
    return _ALTERNATE.sub(link, page)


# The theme's search dialog has no accessible name, or an English one, and the
# hidden checkbox that opens it has no label (axe-core: aria-dialog-name, label).
_SEARCH = (
    ("a11y.search_dialog", re.compile(r'<div class="md-search" data-md-component="search" role="dialog"[^>]*>')),
    ("a11y.search_toggle", re.compile(r'<input class="md-toggle" data-md-toggle="search"[^>]*>')),
)


def label_search(page: str, root: Path, lang: str, source: str) -> str:
    """Name the search dialog and its toggle in the page's language; ``source``
    names the code that calls this, for the message when the theme changes."""
    s = strings(root, lang)
    for key, tag in _SEARCH:
        found = tag.search(page)
        if found is None:
            raise SiteError("the theme's search", source, key,
                            f"the theme no longer writes {tag.pattern!r}; update the accessibility fix")
        element = re.sub(r'\s+aria-label="[^"]*"', "", found.group(0))
        labelled = element[:-1] + f' aria-label="{html.escape(s(key))}">'
        page = page[:found.start()] + labelled + page[found.end():]
    return page
