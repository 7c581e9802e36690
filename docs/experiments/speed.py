"""Speed: how long each activation takes, forward and backward, read from the
committed measurements of scripts/benchmark_activations.py (this script times
nothing). Needs matplotlib to draw."""
import json
from pathlib import Path

CONFIG = {
    "data": "speed.json",  # written by scripts/benchmark_activations.py
    "device": "cpu",
    "functions": ["ReLU", "Sigmoid", "Tanh", "GELU", "SiLU", "ELU", "Mish"],  # drawn over every size
}
FIGURES = {"main": [12, 5.5]}
SOURCE = "scripts/benchmark_activations.py"


def run(data, device, functions, log=print):
    doc = json.loads((Path(__file__).parent / data).read_text(encoding="utf-8"))
    measured = doc["devices"][device]
    results = measured["results"]
    sizes = doc["sizes"]
    largest = str(sizes[-1])
    names = list(results[largest])
    per_element = {name: {kind: [results[str(n)][name][kind] / n * 1e9 for n in sizes]
                          for kind in ("forward", "backward")} for name in names}
    relative = {name: {kind: results[largest][name][kind] / results[largest]["relu"][kind]
                       for kind in ("forward", "backward")} for name in names}
    log(f"{device}: {measured['name']}, {len(names)} functions, {len(sizes)} sizes")
    return {"functions": functions, "machine": measured["name"], "threads": measured["threads"],
            "date": doc["date"], "torch_version": doc["torch_version"], "dtype": doc["dtype"],
            "sizes": sizes, "largest": sizes[-1], "baseline": doc["baseline"],
            "ns_per_element": per_element, "relative": relative,
            "devices": sorted(doc["devices"])}


def draw(result, fig, text, figure="main"):
    curves, bars = fig.subplots(1, 2, width_ratios=[1, 1.1])
    sizes = result["sizes"]
    for i, function in enumerate(result["functions"]):
        curves.plot(sizes, result["ns_per_element"][function.lower()]["forward"], "-o", ms=3, color=f"C{i}",
                    label=text[function])
    curves.plot(sizes, result["ns_per_element"][result["baseline"]]["forward"], "--", color="C5",
                lw=1.2, label=text["copy"])
    curves.set_xscale("log", base=2)
    curves.set_yscale("log")
    curves.set_xlabel(text["size"])
    curves.set_ylabel(text["per_element"])
    curves.legend(fontsize=8, ncols=2)
    order = sorted(result["relative"], key=lambda n: result["relative"][n]["forward"])
    ys = range(len(order))
    bars.barh([y - 0.2 for y in ys], [result["relative"][n]["forward"] for n in order], height=0.4,
              color="C0", label=text["forward"])
    bars.barh([y + 0.2 for y in ys], [result["relative"][n]["backward"] for n in order], height=0.4,
              color="C1", label=text["backward"])
    bars.set_yticks(list(ys), [text.get(n, n) for n in order], fontsize=8)
    bars.set_xscale("log")
    bars.axvline(1, color="C5", lw=1)
    bars.set_xlabel(text["relative"].format(size=result["largest"]))
    bars.legend(fontsize=8, loc="lower right")
    bars.grid(axis="y", visible=False)


TEXT = {"ReLU": "ReLU", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "GELU": "GELU", "SiLU": "SiLU", "ELU": "ELU",
        "Mish": "Mish", "copy": "copy (x.clone())", "size": "elements in the tensor",
        "per_element": "forward, ns per element", "forward": "forward", "backward": "forward + backward",
        "relative": "time relative to ReLU, {size} elements"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for name, r in sorted(result["relative"].items(), key=lambda kv: kv[1]["forward"]):
        print(f"{name:12} forward {r['forward']:5.2f} x ReLU, forward + backward {r['backward']:5.2f} x ReLU")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("speed.png", dpi=150)
