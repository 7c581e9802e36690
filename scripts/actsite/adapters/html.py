"""HTML passes over the pages an engine wrote, the same for every engine."""
from __future__ import annotations

import gzip
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


# The theme links each language's home page from the head, relatively, which
# search engines (and Lighthouse's hreflang audit) reject; its script also
# fetches sitemap.xml below each of those links, so absolute ones would send
# every page to the published host. The languages of each page are named in
# the sitemaps instead (``sitemap_alternates``), where search engines read them too.
_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[A-Za-z-]+">')


def drop_alternates(page: str) -> str:
    return _ALTERNATE.sub("", page)


_LOC = re.compile(r"(<url>\s*<loc>([^<]+)</loc>)")
_XHTML = 'xmlns:xhtml="http://www.w3.org/1999/xhtml"'
_OLD_LINKS = re.compile(r'\s*<xhtml:link rel="alternate" hreflang="[^"]*" href="[^"]*"/>')


def sitemap_alternates(site: Path) -> None:
    """In each language's sitemap, every page lists its version in each language
    (<xhtml:link rel="alternate" hreflang>, as search engines read it), where
    that version exists; the .xml.gz beside it, if any, is written again. A
    sitemap without absolute addresses (no site_url) is left as it is."""
    for lang in BY_CODE.values():
        sitemap = site / lang.root / "sitemap.xml"
        if not sitemap.is_file():
            continue
        text = _OLD_LINKS.sub("", sitemap.read_text(encoding="utf-8"))  # a second pass adds nothing twice
        locs = re.findall(r"<loc>([^<]+)</loc>", text)
        home = min(locs, key=len) if locs else ""  # the language's home page
        if not home.startswith(("http://", "https://")) or not home.endswith("/" + lang.root):
            continue
        base = home[: len(home) - len(lang.root)]

        def links(m: re.Match) -> str:
            path = m.group(2)[len(base) + len(lang.root):]
            others = [other for other in BY_CODE.values()
                      if (site / other.root / path / "index.html").is_file() or (site / other.root / path).is_file()]
            return m.group(1) + "".join(f'\n         <xhtml:link rel="alternate" hreflang="{o.code}" '
                                        f'href="{base}{o.root}{path}"/>' for o in others)
        if _XHTML not in text:
            text = re.sub(r"<urlset\b", f"<urlset {_XHTML}", text, count=1)
        text = _LOC.sub(links, text)
        sitemap.write_text(text, encoding="utf-8")
        packed = sitemap.with_name("sitemap.xml.gz")
        if packed.is_file():
            packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


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
