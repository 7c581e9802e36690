"""Links of the built HTML: none broken, external ones listed and safe."""
from pathlib import Path

from actsite.tools.links import check_site

EXTERNAL = {"docs": {"url": "https://example.org/docs/", "prefix": True, "what": "test"}}


def test_built_site_has_no_link_problems(site):
    assert check_site(site) == []


def test_external_links_are_listed_and_open_safely(site):
    html = (site / "activations/relu/index.html").read_text(encoding="utf-8")
    assert ('href="https://docs.pytorch.org/docs/stable/generated/torch.nn.ReLU.html" '
            'target="_blank" rel="noopener noreferrer"') in html


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_checker_finds_each_kind_of_problem(tmp_path):
    write(tmp_path / "index.html",
          '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">x</a><a href="missing/">x</a>'
          '<img src="pic.svg"><a href="https://example.org/docs/x" rel="noopener">ok</a>'
          '<a href="https://example.org/docs/y">x</a><a href="https://elsewhere.net/">x</a>'
          '<script src="https://cdn.example.net/x.js"></script><a href="#top">x</a>')
    write(tmp_path / "a/index.html", '<h2 id="here">Here</h2>')
    problems = check_site(tmp_path, EXTERNAL)
    assert problems == [
        "index.html: a/#gone points at a missing anchor #gone",
        "index.html: missing/ points at a missing file",
        "index.html: pic.svg points at a missing file",
        "index.html: external link https://example.org/docs/y lacks rel=noopener",
        "index.html: external link https://elsewhere.net/ is not in docs/external-links.yml",
        "index.html: <script> loads https://cdn.example.net/x.js from another host",
        "index.html: #top points at a missing anchor #top",
    ]
