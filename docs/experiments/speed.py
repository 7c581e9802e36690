"""Speed: how long each activation takes, forward and forward + backward, on
several machines, read from committed measurements (this script times nothing):

- speed.json: scripts/benchmark_activations.py on an AMD EPYC (2 threads);
- speed-intel-xeon.json: the same script, the same torch build, on an Intel Xeon;
- speed-nvidia-h200.json: an NVIDIA H200 GPU, float32 and bfloat16, timed with
  CUDA events by a separate script (its "provenance" field says how).

Each file records its machine, torch, date and, where it was recorded, the load.
Every ratio is a time divided by ReLU's time on the same machine, dtype and size.
Needs matplotlib to draw."""
import json
from pathlib import Path

CONFIG = {
    "data": ["speed.json", "speed-intel-xeon.json", "speed-nvidia-h200.json"],
    "machines": ["epyc", "xeon", "h200"],  # the name of each data file's runs on the page
    "functions": ["ReLU", "Sigmoid", "Tanh", "GELU", "SiLU", "ELU", "Mish"],
}
FIGURES = {"main": [6.4, 7.2], "sizes": [6.4, 7.4]}
PHONE = {"main": [4.0, 11.0], "sizes": [4.0, 8.0]}  # one column of panels, text of 10 pt
SOURCE = "scripts/benchmark_activations.py"
SHORT = {"float32": "", "bfloat16": "_bf16", "float16": "_fp16"}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

CLAIMS = {
    "verdict": "min(forward['epyc']['sigmoid'], forward['epyc']['tanh'], forward['xeon']['sigmoid'], "
               "forward['xeon']['tanh']) > 1.3 and max(forward['h200']['sigmoid'], forward['h200']['tanh']) < 1.1",
    "tanh_depends_on_cpu": "forward['epyc']['tanh'] > 5 * forward['xeon']['tanh']",
    "tanh_rank_flips": "forward['epyc']['tanh'] > max(forward['epyc']['sigmoid'], forward['epyc']['gelu'], "
                       "forward['epyc']['elu']) and forward['xeon']['tanh'] < min(forward['xeon']['sigmoid'], "
                       "forward['xeon']['gelu'], forward['xeon']['elu'])",
    "mish_alike_on_cpus": "forward['epyc']['mish'] < 1.5 * forward['xeon']['mish'] "
                          "and forward['xeon']['mish'] < 1.5 * forward['epyc']['mish']",
    "relu_no_slower_than_copy": "forward['epyc']['copy'] >= 1 and forward['xeon']['copy'] >= 1",
    "h200_float32_alike": "runs['h200']['spread'] < 1.15",
    "h200_bf16_relu_halves": "0.4 < bf16_over_float32['relu'] < 0.6",
    "h200_bf16_mish": "bf16_over_float32['mish'] > 0.8 and forward['h200_bf16']['mish'] > 1.5",
    "fixed_cost": "all(r['first_step'] < 1.5 for r in every)",
    "spread_grows": "all(r['spread_smallest'] < r['spread'] for r in every)",
    "cpu_peak_below_largest": "all(m > l for m, l in mid_and_largest['epyc']) "
                              "and all(m > l for m, l in mid_and_largest['xeon'])",
    "backward_narrows": "all(r['spread_backward'] < r['spread'] for r in every)",
    "mish_slowest": "all(r['slowest'] == 'mish' for r in every)",
}


def label(n):
    """4194304 -> '2²²', 100000000 -> '10⁸' (sizes are powers of 2 or of 10)."""
    for base in (10, 2):
        k = 0
        while base ** k < n:
            k += 1
        if base ** k == n:
            return f"{base}{str(k).translate(SUPERSCRIPT)}"
    return str(n)


def machine_name(name):
    """'Intel(R) Xeon(R) Processor' -> 'Intel Xeon'."""
    for noise in ("(R)", "(TM)", " Processor", " CPU"):
        name = name.replace(noise, "")
    return " ".join(name.split())


def series(doc):
    """Every (device, dtype) of one data file: its provenance and, per function,
    the seconds per call at each size, forward and forward + backward."""
    load = doc.get("load") or {}
    first = lambda v: v[0] if isinstance(v, list) else v  # the 1-minute load average
    common = {"date": doc["date"], "load_before": first(load.get("before")), "load_after": first(load.get("after")),
              "load_cpus": load.get("cpus")}
    if "rows" in doc:  # the H200 file: one row per function, dtype and size
        out = []
        for dtype in dict.fromkeys(r["dtype"] for r in doc["rows"]):
            rows = [r for r in doc["rows"] if r["dtype"] == dtype]
            sizes = sorted({r["n"] for r in rows})
            at = {(r["fn"], r["n"]): r for r in rows}
            times = {fn: {"forward": [at[fn, n]["fwd_s"] for n in sizes],
                          "backward": [at[fn, n]["fwdbwd_s"] for n in sizes]}
                     for fn in dict.fromkeys(r["fn"] for r in rows)}
            out.append({**common, "machine": machine_name(doc["device"]), "device": "cuda", "dtype": dtype,
                        "threads": None, "torch": doc["torch"], "sizes": sizes, "times": times})
        return out
    out = []
    for device, measured in doc["devices"].items():  # scripts/benchmark_activations.py
        results, sizes = measured["results"], doc["sizes"]
        times = {fn: {kind: [results[str(n)][fn][kind] for n in sizes] for kind in ("forward", "backward")}
                 for fn in results[str(sizes[-1])]}
        out.append({**common, "machine": machine_name(measured["name"]), "device": device, "dtype": doc["dtype"],
                    "threads": measured.get("threads"), "torch": doc["torch_version"], "sizes": sizes,
                    "times": times})
    return out


def run(data, machines, functions, log=print):
    folder = Path(__file__).parent
    ids = [f.lower() for f in functions]
    runs, order, relative = {}, [], None
    for file, machine in zip(data, machines):
        for i, s in enumerate(series(json.loads((folder / file).read_text(encoding="utf-8")))):
            key = machine + ("" if i == 0 or s["device"] == "cuda" else f"_{s['device']}") + SHORT[s["dtype"]]
            times, sizes = s.pop("times"), s["sizes"]
            ratio = {fn: {kind: [t / r for t, r in zip(times[fn][kind], times["relu"][kind])]
                          for kind in ("forward", "backward")} for fn in times}
            if relative is None:  # every function of the project's own run, at its largest size
                relative = {fn: {kind: v[-1] for kind, v in r.items()} for fn, r in ratio.items()}
            shown = ids + (["copy"] if "copy" in times else [])
            forward = {fn: ratio[fn]["forward"][-1] for fn in shown}
            runs[key] = {**s, "file": file, "size_labels": [label(n) for n in sizes],
                         "smallest": label(sizes[0]), "largest": label(sizes[-1]),
                         "per_call_us": {fn: {k: [t * 1e6 for t in v] for k, v in times[fn].items()} for fn in shown},
                         "ratio_by_size": {fn: ratio[fn]["forward"] for fn in shown},
                         "forward": forward,
                         "backward": {fn: ratio[fn]["backward"][-1] for fn in shown},
                         "slowest": max(ids, key=forward.get),
                         "spread": max(forward[fn] for fn in ids),
                         "spread_smallest": max(ratio[fn]["forward"][0] for fn in ids),
                         "spread_backward": max(ratio[fn]["backward"][-1] for fn in ids),
                         "first_step": times["relu"]["forward"][1] / times["relu"]["forward"][0]}
            order.append(key)
            log(f"{key}: {s['machine']} ({s['device']}, {s['dtype']}), {len(times)} functions, {len(sizes)} sizes")
    pairs = [(k, f"{k}_bf16") for k in order if f"{k}_bf16" in runs]  # the same machine in both dtypes
    bf16 = {fn: runs[b]["per_call_us"][fn]["forward"][-1] / runs[k]["per_call_us"][fn]["forward"][-1]
            for k, b in pairs[:1] for fn in ids}
    mid_and_largest = {k: [[runs[k]["ratio_by_size"][fn][-2], runs[k]["forward"][fn]] for fn in ids if fn != "relu"]
                       for k in order if runs[k]["device"] == "cpu"}  # ratio at the second largest size, the largest
    every = [{"run": k, **{n: runs[k][n] for n in ("slowest", "spread", "spread_smallest", "spread_backward",
                                                    "first_step")}} for k in order]
    return {"functions": functions, "order": order, "runs": runs,
            "forward": {k: runs[k]["forward"] for k in order}, "backward": {k: runs[k]["backward"] for k in order},
            "every": every, "mid_and_largest": mid_and_largest, "first_step_max": max(r["first_step"] for r in every),
            "bf16_over_float32": bf16,
            "relative": relative}  # the first data file (the project's own run), for other pages


def title(result, key, text):
    r = result["runs"][key]
    return text["panel"].format(machine=r["machine"], dtype=r["dtype"], size=r["largest"])


def draw(result, fig, text, figure="main", phone=False):
    order = result["order"]
    small = 10 if phone else 9  # the size of most of the words
    if figure == "main":
        names = [f.lower() for f in result["functions"]]
        shape = (len(order), 1) if phone else ((len(order) + 1) // 2, 2)
        axes = list(fig.subplots(*shape, sharex=True, sharey=True, squeeze=False).flat)
        ys = range(len(names))
        for ax, key in zip(axes, order):
            r = result["runs"][key]
            for shift, kind, color in ((-0.2, "forward", "C0"), (0.2, "backward", "C1")):  # bars from 1 (ReLU)
                ax.barh([y + shift for y in ys], [r[kind][n] - 1 for n in names], left=1, height=0.4,
                        color=color, label=text[kind])
            ax.axvline(1, color="0.5", lw=1, zorder=0)
            ax.set_title(title(result, key, text), fontsize=10 if phone else 9.5, loc="left")
            ax.grid(axis="y", visible=False)
        ax.set_xscale("log")
        ticks = [t for t in (0.5, 1, 2, 5, 10, 20, 50) if t < 2 * max(r["spread"] for r in result["every"])]
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.set_xticks([], minor=True)
        ax.set_xlim(0.5, ticks[-1])
        ax.set_yticks(list(ys), [text[f] for f in result["functions"]])
        for a in axes:
            a.tick_params(labelsize=small)
        ax.invert_yaxis()
        for a in axes[len(order):]:  # an odd number of runs leaves one panel empty
            a.set_visible(False)
        fig.supxlabel(text["relative"], fontsize=small)
        handles, labels = fig.axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside upper center", ncols=2, fontsize=small, frameon=False)
        return
    per_call, mish = fig.subplots(2, 1, sharex=True)
    for i, key in enumerate(order):
        r = result["runs"][key]
        style = dict(color=f"C{i}", marker="os^D"[i % 4], ms=4, ls="-" if r["device"] == "cpu" else "--",
                     label=f"{r['machine']}, {r['dtype']}")
        per_call.plot(r["sizes"], r["per_call_us"]["relu"]["forward"], **style)
        mish.plot(r["sizes"], r["ratio_by_size"]["mish"], **style)
    for ax, ticks in ((per_call, (2, 5, 10, 20, 50, 100, 200, 500, 1000)), (mish, (0.5, 1, 2, 5, 10, 20, 50))):
        ax.set_yscale("log")
        low, high = ax.get_ylim()
        shown = [t for t in ticks if low <= t <= high]
        ax.set_yticks(shown, [f"{t:g}" for t in shown])
        ax.set_yticks([], minor=True)
    per_call.set_ylabel(text["per_call"], fontsize=small)
    mish.set_xscale("log")
    mish.axhline(1, color="0.5", lw=1, zorder=0)
    mish.set_ylabel(text["mish_ratio"], fontsize=small)
    mish.set_xlabel(text["size"], fontsize=small)
    fig.legend(*per_call.get_legend_handles_labels(), loc="outside lower center", ncols=1 if phone else 2,
               fontsize=small, frameon=False)


def table(result):
    return [{"function": f, **{key: result["forward"][key][f.lower()] for key in result["order"]}}
            for f in result["functions"]]


TEXT = {"ReLU": "ReLU", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "GELU": "GELU", "SiLU": "SiLU", "ELU": "ELU",
        "Mish": "Mish", "forward": "forward", "backward": "forward + backward",
        "panel": "{machine}, {dtype}, {size} elements", "relative": "time relative to ReLU",
        "size": "elements in the tensor", "per_call": "ReLU forward, µs per call",
        "mish_ratio": "Mish forward, time relative to ReLU"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for key in result["order"]:
        print(key, " ".join(f"{f}={result['forward'][key][f.lower()]:.2f}" for f in result["functions"]))
    for figure, size in FIGURES.items():
        fig = plt.figure(figsize=size, layout="constrained")
        draw(result, fig, TEXT, figure)
        fig.savefig(f"speed-{figure}.png", dpi=150)
