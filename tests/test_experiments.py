"""The experiments: each headline result on a small configuration, seeded
determinism, the committed speed data, and the pages built from them."""
import ast
import json
import re

import pytest

from conftest import LANGS, ROOT
from actsite.declare import experiments


def module(name):
    return experiments.load_module(ROOT, name)


def small(name, **changes):
    config = dict(experiments.literals(ROOT, name)["CONFIG"])
    config.update(changes)
    return module(name).run(**config, log=lambda msg: None)


def test_every_experiment_declares_its_parts():
    names = experiments.names(ROOT)
    assert set(names) == {"dead_units", "gradients", "saturation", "speed", "toy_training", "zigzag"}
    for name in names:
        lit = experiments.literals(ROOT, name)
        assert lit["FIGURES"] and lit["TEXT"] and lit["CONFIG"]["functions"]


def test_sigmoid_gradients_vanish_and_suited_init_rescues_tanh_and_relu():
    r = small("gradients", depth=12, width=32, batch=64, classes=4, seeds=[0],
              functions=["Sigmoid", "Tanh", "ReLU"])
    ratio = r["first_over_last"]
    assert ratio["Sigmoid"]["default"] < 1e-5  # orders of magnitude below the last layer
    assert ratio["Sigmoid"]["suited"] < 1e-3   # Xavier does not save sigmoid: sigma' <= 1/4
    assert ratio["Tanh"]["default"] < 1e-2
    for function in ("Tanh", "ReLU"):
        assert 0.1 < ratio[function]["suited"] < 10, (function, ratio[function])
    assert r["quarter_power"] == 0.25 ** 11


def test_sigmoid_top_layer_drifts_down_while_tanh_learns():
    r = small("saturation", samples=500, width=64, steps=400, record_every=100, functions=["Sigmoid", "Tanh"])
    sig, tanh = r["Sigmoid"], r["Tanh"]
    assert sig["end"][-1]["mean"] < sig["start"][-1]["mean"] - 0.02
    assert abs(sig["end"][0]["mean"] - sig["start"][0]["mean"]) < 0.01  # the first layer hardly moves
    assert tanh["loss"][-1] < sig["loss"][-1] - 0.1
    assert len(sig["means"]) == len(r["steps"]) == 5


def test_a_large_learning_rate_kills_more_relu_units():
    r = small("dead_units", width=64, steps=60, record_every=30, seeds=[0], functions=["ReLU", "ELU"])
    relu, elu = r["runs"]["ReLU"], r["runs"]["ELU"]
    assert r["learning_rates"][1] > r["learning_rates"][0]
    assert relu[1]["dead"] > relu[0]["dead"]
    assert relu[1]["dead"] > 0.02
    assert elu[1]["dead"] == 0


def test_relu_fits_the_spiral_faster_than_sigmoid():
    r = small("toy_training", steps=120, seeds=[0], grid=8, functions=["ReLU", "Sigmoid"])
    relu, sig = r["runs"]["ReLU"], r["runs"]["Sigmoid"]
    assert relu["loss"][0][-1] < 0.5 * sig["loss"][0][-1]
    assert relu["accuracy"][0] > sig["accuracy"][0]
    assert len(relu["boundary"]) == 8 and all(0 <= p <= 1 for row in relu["boundary"] for p in row)


def test_positive_inputs_give_one_signed_gradients_and_a_slower_descent():
    r = small("zigzag")
    sig, tanh = r["runs"]["Sigmoid"], r["runs"]["Tanh"]
    assert sig["same_sign_steps"] == 1.0 and sig["same_sign_samples"] == 1.0
    assert tanh["same_sign_samples"] < 0.01 and tanh["same_sign_steps"] < 0.9
    assert tanh["steps_to_tolerance"] * 3 < sig["steps_to_tolerance"]
    assert sig["condition"] > 5 * tanh["condition"]


def test_experiments_are_deterministic():
    a = small("gradients", depth=5, width=16, batch=8, classes=3, seeds=[1], functions=["Tanh"])
    b = small("gradients", depth=5, width=16, batch=8, classes=3, seeds=[1], functions=["Tanh"])
    assert a == b
    assert small("zigzag") == small("zigzag")


def test_speed_data_covers_the_catalogue(catalog):
    doc = json.loads((ROOT / "docs/experiments/speed.json").read_text())
    assert {"date", "torch_version", "sizes", "devices"} <= doc.keys()
    for device in doc["devices"].values():
        assert device["name"]
        for size in doc["sizes"]:
            measured = device["results"][str(size)]
            assert set(measured) == {a.id for a in catalog} | {doc["baseline"]}
            assert all(v["forward"] > 0 and v["backward"] > 0 for v in measured.values())
    r = small("speed")
    assert r["relative"]["relu"] == {"forward": 1.0, "backward": 1.0}
    assert all(f.lower() in r["relative"] for f in r["functions"])


def test_the_build_never_times_anything():
    """The speed page reads committed data: the script the build runs imports no clock and no torch."""
    tree = ast.parse((ROOT / "docs/experiments/speed.py").read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names} | {node.module.split(".")[0] for node in ast.walk(tree)
                                            if isinstance(node, ast.ImportFrom)}
    assert imported <= {"json", "pathlib", "matplotlib"}, imported


@pytest.mark.parametrize("lang", LANGS)
def test_experiment_pages(site, lang):
    root = site if lang == "en" else site / "zh"
    for name in experiments.names(ROOT):
        html = (root / "experiments" / name / "index.html").read_text()
        assert not re.search(r"\{\{\s*(result|experiment)", html)
        for figure in experiments.literals(ROOT, name)["FIGURES"]:
            for theme in ("light", "dark"):
                assert f"experiment-{name}-{figure}-{lang}.{theme}.svg" in html
                assert (root / f"assets/figures/experiment-{name}-{figure}-{lang}.{theme}.svg").is_file()
        source = experiments.literals(ROOT, name).get("SOURCE", experiments.path(name))
        file = source.rsplit("/", 1)[-1]
        assert (root / "experiments/code" / file).read_bytes() == (ROOT / source).read_bytes()
        assert f"code/{file}" in html
    other = "zh" if lang == "en" else "en"
    assert not list((root / "assets/figures").glob(f"experiment-*-{other}.*.svg"))


@pytest.mark.parametrize("lang", LANGS)
def test_function_pages_link_their_experiments(site, lang):
    root = site if lang == "en" else site / "zh"
    page = (root / "activations/relu/index.html").read_text()
    section = page.split('id="experiments"', 1)[1].split("<h2", 1)[0]
    for name in ("dead_units", "gradients", "toy_training", "speed"):
        assert f'href="../../experiments/{name}/"' in section, name
    assert 'href="../../experiments/zigzag/"' not in section
    gelu_tanh = (root / "activations/gelu_tanh/index.html").read_text()
    assert 'id="experiments"' not in gelu_tanh


def test_build_log_reports_experiments(built):
    for name in experiments.names(ROOT):
        assert f"experiment {name}: done in" in built.log or f"experiment {name}: from cache" in built.log
    assert "experiment toy_training: ReLU (1/22), 3 seeds" in built.log
