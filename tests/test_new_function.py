"""A function torch.nn does not ship is added with one declaration and its two
prose files, nothing else: a copy of the project with one more builds, and the
function is on every page that lists functions, in both languages."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import copy_project, run_build

DECLARATION = r"""# Bent identity: a smooth, unbounded function that bends near 0.
id: bent_identity
name: {en: Bent identity, zh: 弯曲恒等函数}
long_name: {en: Bent identity, zh: 弯曲恒等函数}
family: rectifier
symbol: '\operatorname{bent}'
module: BentIdentity
expression: '(torch.sqrt(x * x + 1) - 1) / 2 + x'
params: {}
formula: '\frac{\sqrt{x^2 + 1} - 1}{2} + x'
derivative: '\frac{x}{2\sqrt{x^2 + 1}} + 1'
"""

PROSE = {
    "en": """The bent identity is x plus half of √(x² + 1) − 1. Its range is {{ range }}.

## In one line {#summary}

A smooth function close to the identity; its gain is {{ gain }}.

## Strengths {#pros}

- Smooth: {{ continuity }}.

## Weaknesses {#cons}

- Unbounded: {{ bounded }}.

## When to use it {#uses}

- As an exercise.

## Exercises {#exercises}

**Exercise 1.** What is f′(0)?

??? success "Answer"
    1, the {{ df_at_0 }} of the properties.
""",
    "zh": """弯曲恒等函数是 x 加上 √(x² + 1) − 1 的一半。值域为 {{ range }}。

## 一句话总结 {#summary}

接近恒等函数的光滑函数；增益为 {{ gain }}。

## 优点 {#pros}

- 光滑：{{ continuity }}。

## 缺点 {#cons}

- 无界：{{ bounded }}。

## 适用场景 {#uses}

- 作为练习。

## 练习 {#exercises}

**练习 1.** f′(0) 是多少？

??? success "答案"
    1，即性质表中的 {{ df_at_0 }}。
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, shared_cache):
    project = copy_project(tmp_path_factory.mktemp("with-bent-identity") / "project")
    (project / "docs/catalog/bent_identity.yml").write_text(DECLARATION, encoding="utf-8")
    for lang, text in PROSE.items():
        (project / f"docs/{lang}/activations/bent_identity.md").write_text(text, encoding="utf-8")
    out = project.parent / "site"
    # a cache of its own, from the shared one: this catalogue's figures must not replace
    # the entries that the other tests' builds of the project reuse
    cache = shutil.copytree(shared_cache, project.parent / "cache")
    result = run_build(project, out, cache)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.build
def test_the_page_shows_the_module_to_copy_in_both_languages(site):
    for page in ("activations/bent_identity/index.html", "zh/activations/bent_identity/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "BentIdentity" in html and "nn.Module" in html
        assert "torch.sqrt" in html  # the expression it is computed from
        assert "Traceback" not in html and "{{" not in html
    assert "PyTorch has no module for Bent identity" in (site / "activations/bent_identity/index.html").read_text()


@pytest.mark.build
def test_it_is_in_the_data_the_navigation_and_the_compare_table(site):
    doc = json.loads((site / "data/activations.json").read_text(encoding="utf-8"))
    entry = next(a for a in doc["activations"] if a["id"] == "bent_identity")
    assert entry["in_torch_nn"] is False and entry["functional"] is None
    assert entry["module"] == "BentIdentity" and entry["expression"].startswith("(torch.sqrt")
    p = entry["properties"]
    assert p["f_at_0"] == 0.0 and p["df_at_0"] == 1.0 and p["identity_near_0"] is True
    assert p["symmetry"] == "neither" and p["sparsity"] == 0.0 and p["lipschitz"] == pytest.approx(1.5)
    for lang in ("", "zh/"):
        assert "activations/bent_identity/" in (site / lang / "compare/index.html").read_text(encoding="utf-8")
        assert "bent_identity" in (site / lang / "index.html").read_text(encoding="utf-8")  # nav and catalogue
    assert (site / "data/bent_identity.csv").is_file()
