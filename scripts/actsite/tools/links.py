"""Check every link of a built site, on the HTML that readers get.

    python scripts/check_links.py [site]

Internal links, images, styles and scripts must point at a file that exists,
and a #fragment at an id on the target page. External links must be listed
in docs/external-links.yml and open with rel="noopener". Prints each problem
and exits with status 1 when there is any.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..declare.links import load_external_links

ROOT = Path(__file__).resolve().parents[3]

# (tag, attribute) pairs whose URL the browser follows or loads
_REFS = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"), ("source", "src"),
         ("iframe", "src")}


# Start tags and their attributes, read with regular expressions rather than
# html.parser (five times faster, and this check runs in every build); the
# bodies of scripts and styles, and comments, are dropped first, as a parser
# would not read tags in them.
_OPAQUE = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>`]+))?)*)\s*/?>""")
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, dict]] = field(default_factory=list)


def _parse(file: Path) -> _Page:
    page = _Page()
    text = _OPAQUE.sub(lambda m: (m.group(1) or "") + (m.group(3) or ""), file.read_text(encoding="utf-8"))
    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        attrs = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                 for m in _ATTR.finditer(tag.group(2))}
        for key in ("id", "name" if name == "a" else "id"):
            if attrs.get(key):
                page.ids.add(attrs[key])
        for t, a in _REFS:
            if name == t and a in attrs:
                page.refs.append((name, attrs | {"_url": attrs[a]}))
    return page


def published_path(site: Path) -> str:
    """The path the site is published under (from the sitemap), e.g. /repo/."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        m = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
        if m:
            return urlsplit(m.group(1)).path or "/"
    return "/"


def _join(page: str, link: str) -> str | None:
    """The URL path ``link`` leads to from the page at URL path ``page``, or
    None when it climbs above the host's root (urljoin would clamp the ``..``)."""
    parts = [""] if link.startswith("/") else page.split("/")[:-1]  # the page's folder
    for seg in link.lstrip("/").split("/"):
        if seg == "..":
            if len(parts) == 1:
                return None
            parts.pop()
        elif seg != ".":
            parts.append(seg)
    return "/".join(parts) or "/"


def _allowed(url: str, external: dict) -> bool:
    for entry in external.values():
        if url == entry["url"] or (entry.get("prefix") and url.startswith(entry["url"])):
            return True
    return False


def check_site(site: Path, external: dict | None = None) -> list[str]:
    site = Path(site)
    external = load_external_links(ROOT) if external is None else external
    base = published_path(site)
    parsed: dict[Path, _Page] = {}

    def page(file: Path) -> _Page:
        if file not in parsed:
            parsed[file] = _parse(file)
        return parsed[file]

    problems: list[str] = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        here = base + rel  # the page's published URL path: relative links resolve against it
        for tag, attrs in page(file).refs:
            url = attrs["_url"]
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                    continue  # the page's own published address, not a request
                if tag != "a":
                    problems.append(f"{rel}: <{tag}> loads {url} from another host")
                elif not _allowed(url, external):
                    problems.append(f"{rel}: external link {url} is not in docs/external-links.yml")
                elif "noopener" not in attrs.get("rel", "").split():
                    problems.append(f"{rel}: external link {url} lacks rel=noopener")
                continue
            if parts.scheme == "data":
                continue
            if parts.scheme or parts.netloc:
                problems.append(f"{rel}: unexpected link {url}")
                continue
            if not parts.path:  # a fragment on this page
                target = file
            else:
                path = unquote(parts.path)
                joined = _join(here, path)
                if joined is None or not (joined + "/").startswith(base):
                    where = f"is outside the site path {base}" if path.startswith("/") else "points outside the site"
                    problems.append(f"{rel}: {url} {where}")
                    continue
                resolved = joined[len(base):]
                target = site / resolved
                if resolved.endswith("/") or target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{rel}: {url} points at a missing file")
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in page(target).ids:
                problems.append(f"{rel}: {url} points at a missing anchor #{fragment}")
    return problems


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    problems = check_site(site)
    for p in problems:
        print(p)
    print(f"{len(problems)} link problems in {site}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
