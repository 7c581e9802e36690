"""Claims and sources: a statement the numbers no longer support fails the build."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project

from actsite.compute.claims import check
from actsite.declare.claims import check_literal
from actsite.declare.stage import declare, findings_sentences
from actsite.errors import SiteError

RESULT = {"loss": {"ReLU": [0.31, 0.21], "ELU": [0.40, 0.46]}, "revived": [0, 44], "name": "x"}


def test_a_claim_that_holds_is_shown_with_its_values():
    [c] = check("demo", {"lower": "loss['ReLU'][1] < loss['ELU'][1]"}, RESULT, "docs/experiments/demo.py")
    assert (c.name, c.compared) == ("lower", "0.21 < 0.46")


def test_a_claim_that_fails_names_experiment_claim_and_numbers():
    with pytest.raises(SiteError) as e:
        check("demo", {"revives": "revived[0] > 0"}, RESULT, "docs/experiments/demo.py")
    assert str(e.value) == ("experiment 'demo': docs/experiments/demo.py, field 'CLAIMS['revives']': does not hold: "
                            "revived[0] > 0 (with the result: 0 > 0)")


def test_a_claim_naming_what_the_result_lacks_fails():
    with pytest.raises(SiteError, match=r"CLAIMS\['typo'\].*cannot be evaluated on the result: KeyError"):
        check("demo", {"typo": "loss['GELU'][0] < 1"}, RESULT, "docs/experiments/demo.py")


@pytest.mark.parametrize("expression, problem", [
    ("__import__('os')", "calls __import__"),
    ("loss.keys()", "calls loss.keys"),
    ("name.real > 0", "uses Attribute"),
    ("lambda: 1", "uses Lambda"),
    ("loss[", "is not a Python expression"),
])
def test_only_plain_predicates_are_claims(expression, problem):
    with pytest.raises(SiteError, match=problem):
        check_literal({"c": expression}, "demo", "docs/experiments/demo.py")


def test_a_claim_may_use_a_comprehension_over_the_result():
    [c] = check("demo", {"all": "all(loss[f][1] < 1 for f in loss)"}, RESULT, "docs/experiments/demo.py")
    assert c.compared == "True"


def test_a_claim_must_be_true_not_merely_truthy():
    with pytest.raises(SiteError, match="does not hold"):
        check("demo", {"truthy": "revived"}, RESULT, "docs/experiments/demo.py")


def test_findings_sentences_and_their_claims():
    text = ("# T\n\n## What it shows {#findings}\n\n"
            "- ReLU ends lower {{ claim demo.lower }}. ELU keeps every unit {{ claim demo.alive }}.\n"
            "- LeakyReLU revives {{ result demo.revived.1 }} units.\n\n"
            "{{ experiment demo table }}\n\n"
            "ReLU 比 ELU 低 {{ claim demo.lower }}。但没有论断的句子。\n\n## Set-up\n\nNot checked.\n")
    assert findings_sentences(text) == [
        ("ReLU ends lower ✓.", True), ("ELU keeps every unit ✓.", True),
        ("LeakyReLU revives 0 units.", False), ("ReLU 比 ELU 低 ✓。", True), ("但没有论断的句子。", False)]
    assert findings_sentences("# T\n\nNo section.\n") is None


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def _experiment_with_claims(project: Path) -> str:
    """The first experiment that declares claims, by name."""
    for file in sorted((project / "docs/experiments").glob("*.py")):
        if "CLAIMS = {" in file.read_text(encoding="utf-8"):
            return file.stem
    pytest.fail("no experiment declares CLAIMS")


def test_a_conclusion_without_a_claim_fails(project):
    name = _experiment_with_claims(project)
    page = project / f"docs/zh/experiments/{name}.md"
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition("{#findings}\n")
    page.write_text(head + "{#findings}\n\n这是一个没有论断的结论。\n" + rest, encoding="utf-8")
    with pytest.raises(SiteError, match=rf"experiment '{name}': docs/zh/experiments/{name}.md, field "
                                        r"'\{#findings\}': states a result without a claim: \"这是一个没有论断的结论。\""):
        declare(project)


def test_an_unknown_reference_fails(project):
    from actsite.assemble.placeholders import Context, resolve
    d = declare(project)
    ctx = Context(d, None, None, "advice.md", d.strings["en"], None, {})
    with pytest.raises(SiteError, match=r"page 'advice.md': docs/en/advice.md, field '\{\{ cite nobody2099 \}\}': "
                                        r"'nobody2099' is not in docs/references.yml"):
        resolve("cite nobody2099", ctx)
    assert resolve("cite glorot2010", ctx) == "[Glorot & Bengio, 2010](#ref-glorot2010)"
    assert ctx.cited == ["glorot2010"]


def test_a_malformed_reference_fails(project):
    file = project / "docs/references.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("year: 2010", "year: twenty ten"), encoding="utf-8")
    with pytest.raises(SiteError, match=r"reference 'glorot2010': docs/references.yml, field 'glorot2010.year'"):
        declare(project)


def _changed(value):
    """The result with every value changed (numbers to NaN, booleans negated,
    text emptied), keys kept: what a broken or different run might give."""
    if isinstance(value, dict):
        return {k: _changed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_changed(v) for v in value]
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return float("nan")
    if isinstance(value, str):
        return ""
    return value


@pytest.fixture(scope="module")
def computed(built, shared_cache):
    """The stages' results of the session's build, from its cache."""
    import os
    from actsite.pipeline import Generator
    os.environ["ACTSITE_CACHE"] = str(shared_cache)
    try:
        yield Generator(Path(__file__).resolve().parent.parent).computed
    finally:
        del os.environ["ACTSITE_CACHE"]


def test_every_experiment_states_claims_that_hold(computed):
    assert set(computed.claims) == set(computed.experiments)
    for name, checked in computed.claims.items():
        assert checked, f"{name} declares no claim"


def test_every_claim_fails_the_build_when_the_result_changes(computed):
    """Each claim is about the run's values: with them changed, each one fails, naming itself."""
    from actsite.declare import experiments
    for name, run in computed.experiments.items():
        broken = _changed(run["result"])
        for c in computed.claims[name]:
            with pytest.raises(SiteError) as e:
                check(name, {c.name: c.expression}, broken, experiments.path(name))
            assert f"experiment '{name}': docs/experiments/{name}.py, field 'CLAIMS['{c.name}']'" in str(e.value)
