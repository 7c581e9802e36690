"""docs/external-links.yml: every outside place the pages may link to, and why."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import SiteError
from .references import load_references


def load_external_links(root: Path) -> dict:
    """The reviewed links, and every source of docs/references.yml (each by its exact URL)."""
    rel = "docs/external-links.yml"
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    for name, entry in data.items():
        if not isinstance(entry, dict) or not str(entry.get("url", "")).startswith("https://") \
                or not entry.get("what"):
            raise SiteError(f"external link '{name}'", rel, f"{name}.url",
                            "needs an https:// url and a 'what' saying why the site links there")
    for key, ref in load_references(root).items():
        data[f"reference:{key}"] = {"url": ref.url, "what": f"a cited source: {ref.title}"}
    return data
