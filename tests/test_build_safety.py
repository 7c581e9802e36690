"""A failed build leaves the previous site untouched; links are checked by the build."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from actsite.tools.links import check_site
from conftest import copy_project, run_build


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory, shared_cache):
    """A folder holding an old site, then a good build into it (the success case)."""
    out = tmp_path_factory.mktemp("published") / "site"
    out.mkdir()
    (out / "stale.html").write_text("an older site", encoding="utf-8")
    result = run_build(Path(__file__).resolve().parent.parent, out, shared_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.build
def test_good_build_replaces_the_site_and_leaves_no_staging(published):
    assert (published / "index.html").is_file() and (published / "zh/index.html").is_file()
    assert not (published / "stale.html").exists()
    assert sorted(p.name for p in published.parent.iterdir()) == ["site"]


FAILURES = {
    "broken English link": ("docs/en/advice.md", "[ReLU](activations/relu.md)",
                            "[ReLU](activations/no_such_page.md)",
                            "Doc file 'advice.md' contains a link 'activations/no_such_page.md'"),
    "broken Chinese link": ("docs/zh/advice.md", "(activations/relu.md)",
                            "(activations/no_such_page.md)",
                            "Doc file 'advice.md' contains a link 'activations/no_such_page.md'"),
    "unlisted external link": ("docs/en/index.md", "## The four classic functions",
                               "[Example](https://example.org/)\n\n## The four classic functions",
                               "external link https://example.org/ is not in docs/external-links.yml"),
    "generator error": ("docs/zh/index.md", "## 四个经典函数",
                        "{{ no_such_thing }}\n\n## 四个经典函数",
                        "docs/zh/index.md, field '{{ no_such_thing }}': is not a known placeholder"),
}


@pytest.mark.build
@pytest.mark.parametrize("case", FAILURES)
def test_failed_build_keeps_the_previous_site(case, published, shared_cache, tmp_path):
    file, old, new, message = FAILURES[case]
    before = snapshot(published)
    project = copy_project(tmp_path / "project")
    source = project / file
    text = source.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer contains {old!r}: update the test"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_build(project, published, shared_cache)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert message in log
    assert snapshot(published) == before
    assert sorted(p.name for p in published.parent.iterdir()) == ["site"]  # no staging left


# --- the link checker resolves relative links where the site is published ---

def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_relative_links_resolve_against_the_published_path(tmp_path):
    write(tmp_path / "sitemap.xml",
          "<urlset><url><loc>https://example.github.io/activation-functions/</loc></url></urlset>")
    write(tmp_path / "index.html", '<a href="a/">ok</a><a href="../other/">x</a><a href="./">ok</a>')
    write(tmp_path / "a/index.html",
          '<a href="../">ok</a><a href="..">ok</a><a href="../../x/">x</a><a href="../../../../a/">x</a>'
          '<a href="/activation-functions/a/">ok</a><a href="/elsewhere/">x</a>')
    assert check_site(tmp_path, {}) == [
        "a/index.html: ../../x/ points outside the site",
        "a/index.html: ../../../../a/ points outside the site",
        "a/index.html: /elsewhere/ is outside the site path /activation-functions/",
        "index.html: ../other/ points outside the site",
    ]


def test_relative_links_above_the_root_are_problems_without_a_sitemap(tmp_path):
    write(tmp_path / "index.html", '<a href="../index.html">x</a><a href="a/../index.html">ok</a>')
    assert check_site(tmp_path, {}) == ["index.html: ../index.html points outside the site"]
