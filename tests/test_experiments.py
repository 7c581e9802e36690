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
    ratio = {f: {i: v["max"] for i, v in inits.items()} for f, inits in r["ratio"].items()}
    assert ratio["Sigmoid"]["default"] < 1e-6   # orders of magnitude below the last layer
    assert r["per_layer"]["Sigmoid"]["xavier"]["max"] < 0.25  # gain 1: W^T keeps the length, sigma' <= 1/4 does the rest
    assert ratio["Sigmoid"]["xavier_x4"] > 1e3 * ratio["Sigmoid"]["xavier"]  # the weights' gain undoes most of it
    assert ratio["Sigmoid"]["xavier_x4"] < 0.1  # but not all
    assert ratio["Tanh"]["default"] < 0.1
    assert 0.5 < ratio["Tanh"]["xavier"] < 2
    assert ratio["Tanh"]["xavier_tanh"] > 1.5   # gain 5/3 makes the gradient grow towards the input
    spread = r["spread"]["Tanh"]
    assert spread["xavier"]["last"][0] < spread["xavier"]["first"][0] / 3  # gain 1: the outputs shrink
    assert spread["xavier_tanh"]["last"][0] > 0.75 * spread["xavier_tanh"]["first"][0]  # 5/3: they hold
    assert 0.1 < ratio["ReLU"]["he"] < 10
    assert r["inits"]["ReLU"] == ["default", "he"]


def test_sigmoid_top_layer_drifts_down_while_tanh_learns():
    import torch
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as the build runs it; many small steps are slower on more threads
    try:
        r = small("saturation", inputs=128, width=128, learning_rate=0.4, steps=400, record_every=50, seeds=[0])
    finally:
        torch.set_num_threads(threads)
    sig, tanh = r["end"]["Sigmoid"], r["end"]["Tanh"]
    assert len(r["steps"]) == 9 and r["layers"] == [1, 2, 3, 4]
    # sigmoid: the top layer is driven to 0 and saturates (sigma' < 0.05), the layers below do not
    assert sig["mean"]["max"][-1] < 0.06 and sig["saturated"]["min"][-1] > 0.99 and sig["slope"]["max"][-1] < 0.05
    assert max(sig["saturated"]["max"][:-1]) < 0.01 and min(sig["mean"]["min"][:-1]) > 0.49
    assert sig["mean"]["min"][2] > sig["mean"]["max"][1] > sig["mean"]["min"][0] - 0.01
    assert abs(r["loss"]["Sigmoid"]["late_max"] - r["chance"]) < 0.06  # stalled at chance
    # tanh: the means stay at 0, saturation starts in layer 1 and moves up, and it learns
    assert max(abs(v) for v in tanh["mean"]["max"] + tanh["mean"]["min"]) < 0.02
    onset = r["onset_step"]["Tanh"]["seeds"][0]
    assert None not in onset and onset == sorted(onset) and len(set(onset)) == 4
    assert tanh["saturated"]["max"][-1] < min(tanh["saturated"]["min"][:-1])
    assert max(r["loss"]["Tanh"]["end"]) < r["chance"] - 0.2


def test_a_large_learning_rate_kills_more_relu_units():
    import torch
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as the build runs it; many small steps are slower on more threads
    try:
        r = small("dead_units", width=64, steps=60, record_every=10, seeds=[0], functions=["ReLU", "ELU"])
    finally:
        torch.set_num_threads(threads)
    relu, elu = r["runs"]["ReLU"], r["runs"]["ELU"]
    assert r["learning_rates"][1] > r["learning_rates"][0] and len(r["steps"]) == 7
    assert relu[1]["dead"] > relu[0]["dead"]
    assert relu[1]["dead"] > 0.05
    # but not for good: deeper units come back, mostly because the layers below changed
    assert sum(relu[1]["revivals"][2]) > 0 and relu[1]["by_inputs_share"] > 0.5
    assert r["first_layer_never_positive"] == 0
    assert r["max_step"] < 5  # Adam moves a parameter by a few learning rates per step at most
    assert elu[0]["peak"] == elu[1]["peak"] == 0
    for k in range(2):  # never positive at the end = at step 0 + deaths - revivals, per layer and seed
        for layer in range(3):
            assert relu[k]["end_units"][layer] == [s + d - v for s, d, v in zip(
                relu[k]["start_units"][layer], relu[k]["deaths"][layer], relu[k]["revivals"][layer])]


def test_relu_fits_the_spiral_faster_than_sigmoid():
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as the build runs it: tiny tensors, where more threads only wait
    try:
        r = small("toy_training", steps=150, seeds=[0], grid=8,
                  functions=["ReLU", "Sigmoid", "Hardsigmoid", "LogSigmoid"], controls=["Identity"],
                  larger_rate_functions=["Hardsigmoid"])
    finally:
        torch.set_num_threads(threads)
    relu, sig = r["runs"]["ReLU"], r["runs"]["Sigmoid"]
    assert relu["loss"][0][-1] < 0.5 * sig["loss"][0][-1]
    assert relu["accuracy"][0] > sig["accuracy"][0]
    assert r["steps_to"]["ReLU"][0] is not None and r["steps_to"]["Sigmoid"] == [None]
    assert len(relu["boundary"]) == 8 and all(0 <= p <= 1 for row in relu["boundary"] for p in row)
    assert r["same_init"]  # every function and control from the same weights
    # Hardsigmoid never leaves its middle piece: an affine network, the linear control's accuracy and
    # the loss of logistic regression
    assert r["largest"]["Hardsigmoid"]["after"] < 3 and r["pieces"]["Hardsigmoid"]["on_flat_range"]["after"] == [0, 0]
    assert r["accuracy"]["Hardsigmoid"]["each"] == r["accuracy"]["Identity"]["each"] == [r["linear"]["accuracy"]]
    assert abs(r["final_loss"]["Hardsigmoid"]["max"] - r["linear"]["loss"]) < 1e-3
    # at the larger rate it reaches its flat pieces and beats the linear classifier
    larger = r["larger"]["Hardsigmoid"]
    assert larger["on_flat_range"][0] > 0.05 and larger["accuracy"]["min"] > r["linear"]["accuracy"] + 0.1
    # Softplus from LogSigmoid's weights with signs flipped trains like LogSigmoid
    assert r["mirror"]["accuracy"] == r["mirror"]["original_accuracy"] and r["mirror"]["loss_gap"] < 1e-3


def test_positive_inputs_give_one_signed_gradients_and_a_slower_descent():
    r = small("zigzag", repeats=3)
    same, wide = r["same_sign"], r["same_sign_wide"]
    assert same["sigmoid"]["fraction"] == 1.0 and same["sigmoid"]["zero"] == 0 and wide["sigmoid"] == 1.0
    for centred in ("sigmoid_minus_half", "twice_sigmoid_minus_one", "tanh"):
        assert 0.3 < same[centred]["fraction"] < 0.7 and wide[centred] == 0.0
    assert r["condition"]["sigmoid"]["min"] > 5 * r["condition"]["tanh"]["max"]
    assert not any(r["best_at_edge"])
    # with a tuned rate: centring at equal variance is faster in every data set, spread changes nothing
    assert r["factor"]["best_centring"]["min"] > 1
    assert r["best"]["twice_sigmoid_minus_one"]["each"] == r["best"]["sigmoid_minus_half"]["each"]
    # at the one shared rate, spread decides and centring alone hardly matters
    assert r["factor"]["shared_spread"]["min"] > 2
    assert 0.7 < r["centring_up_to_shared"]["min"] and r["centring_up_to_shared"]["max"] < 1.4


def test_experiments_are_deterministic():
    a = small("gradients", depth=5, width=16, batch=8, classes=3, seeds=[1], functions=["Tanh"])
    b = small("gradients", depth=5, width=16, batch=8, classes=3, seeds=[1], functions=["Tanh"])
    assert a == b
    assert small("zigzag") == small("zigzag")


def test_speed_data_covers_the_catalogue(catalog):
    """Every committed measurement names its machine, torch, date and load (null where it was not
    recorded); every file times each function the page draws, and only declared ones (a file keeps
    what was declared when it was measured: the functions added since are not in it)."""
    config = experiments.literals(ROOT, "speed")["CONFIG"]
    assert len(config["data"]) == len(config["machines"]) >= 3
    drawn = {f.lower() for f in config["functions"]}
    for file in config["data"]:
        doc = json.loads((ROOT / "docs/experiments" / file).read_text())
        assert doc["date"] and "load" in doc, file
        if "rows" in doc:  # the H200 file
            assert doc["device"] and doc["torch"] and doc["provenance"]
            for dtype in {r["dtype"] for r in doc["rows"]}:
                rows = [r for r in doc["rows"] if r["dtype"] == dtype]
                for n in {r["n"] for r in rows}:
                    assert drawn <= {r["fn"] for r in rows if r["n"] == n}, (file, dtype, n)
            assert all(r["fwd_s"] > 0 and r["fwdbwd_s"] > 0 for r in doc["rows"])
            continue
        assert {"torch_version", "sizes", "devices"} <= doc.keys()
        for device in doc["devices"].values():
            assert device["name"] and device["threads"]
            for size in doc["sizes"]:
                measured = device["results"][str(size)]
                assert drawn <= set(measured) <= {a.id for a in catalog} | {doc["baseline"]}
                assert all(v["forward"] > 0 and v["backward"] > 0 for v in measured.values())
    r = small("speed")
    assert r["order"] == ["epyc", "xeon", "h200", "h200_bf16"]
    assert r["relative"]["relu"] == {"forward": 1.0, "backward": 1.0}  # other pages quote it
    for key in r["order"]:
        assert r["forward"][key]["relu"] == 1.0 and set(r["forward"][key]) >= drawn
    assert r["runs"]["xeon"]["load_before"] == 0.7 and r["runs"]["epyc"]["load_before"] is None
    # the headline: which activation costs most depends on the machine (tanh), and Mish is the slowest
    assert r["forward"]["epyc"]["tanh"] > 5 * r["forward"]["xeon"]["tanh"]
    assert all(e["slowest"] == "mish" for e in r["every"])


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
