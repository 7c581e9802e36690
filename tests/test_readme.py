"""The README documents every placeholder, property and family the generator knows."""
from __future__ import annotations

from pathlib import Path

import pytest

from actsite.assemble.pages import property_texts
from actsite.assemble.placeholders import REGISTRY
from actsite.compute.records import Record
from actsite.declare.catalog import load_families
from actsite.declare.strings import strings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", REGISTRY, ids=[e.syntax for e in REGISTRY])
def test_readme_lists_every_placeholder(entry):
    if entry.syntax.endswith("<property>"):
        assert "{{ <id>.<property> }}" in README
    else:
        assert f"{{{{ {entry.syntax} }}}}" in README, f"README.md does not list {{{{ {entry.syntax} }}}}"


def test_readme_lists_every_property_placeholder(catalog, records):
    s = strings(ROOT, "en")
    for act in catalog:
        for name in property_texts(act, Record.from_json(records[act.id]), s):
            shown = "{{ param:<name> }}" if name.startswith("param:") else f"{{{{ {name} }}}}"
            assert shown in README, f"README.md does not list {shown} ({act.id})"


def test_readme_lists_every_family():
    for family in (f.id for f in load_families(ROOT)):
        assert f"`{family}`" in README
