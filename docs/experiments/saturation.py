"""Saturation through depth, after Glorot and Bengio (2010), section 3: the
outputs of every hidden layer of a deep MLP while plain SGD trains it from their
"standard" initialisation, W ~ U(-1/sqrt(n), 1/sqrt(n)) with biases 0. A
scaled-down analogue of their set-up: 4 hidden layers as in their figure 2, 256 units
each (theirs: 1000), a random teacher's labels instead of their Shapeset-3x2 images,
and far fewer steps. Needs torch; matplotlib only to draw.

A layer's output is counted as saturated where the activation's slope there,
f'(z), is below a fifth of its largest value f'(0): sigma' < 0.05 for the
sigmoid (outputs below 0.053 or above 0.947), tanh' < 0.2 (|output| > 0.894)."""
import math

import torch
from torch import nn

CONFIG = {
    "inputs": 256,         # x ~ N(0, I); labels: the argmax of a fixed random teacher (teacher_data)
    "classes": 10,
    "depth": 4,            # hidden layers, as in their figure 2
    "width": 256,
    "optimizer": "SGD",    # plain: theta <- theta - learning_rate * gradient
    "learning_rate": 0.2,
    "batch": 10,           # as theirs; every step takes the next fresh examples (online)
    "steps": 1000,
    "record_every": 50,
    "probe": 300,          # held-out examples the statistics and the loss are measured on, as theirs
    "saturated_below": 0.2,  # saturated: f'(z) < this fraction of f'(0)
    "seeds": [0, 1, 2],
    "functions": ["Sigmoid", "Tanh"],
}
FIGURES = {"main": [12, 6.6]}
PHONE = {"main": [4.0, 17.5]}  # the six panels one above the other, sigmoid's first
ONSET = 0.05  # a layer's saturation has begun when this share of its outputs is saturated


# teacher_data and mlp: the dead-units experiment imports them too
def teacher_data(samples, inputs, classes, seed):
    g = torch.Generator().manual_seed(seed)
    hidden = torch.randn(inputs, inputs, generator=g) / inputs ** 0.5
    readout = torch.randn(inputs, classes, generator=g)
    x = torch.randn(samples, inputs, generator=g)
    return x, (torch.tanh(x @ hidden) @ readout).argmax(1)


def mlp(function, inputs, width, depth, classes):
    """depth hidden layers, each Linear then the activation, and a linear read-out."""
    layers = []
    for i in range(depth):
        layers += [nn.Linear(inputs if i == 0 else width, width), getattr(nn, function)()]
    return nn.Sequential(*layers, nn.Linear(width, classes))


def standard_mlp(function, inputs, width, depth, classes):
    """mlp() with Glorot and Bengio's standard initialisation: PyTorch's default for the
    weights of nn.Linear is already U(-1/sqrt(n), 1/sqrt(n)), n = fan_in; the biases 0."""
    net = mlp(function, inputs, width, depth, classes)
    for module in net:
        if isinstance(module, nn.Linear):
            nn.init.zeros_(module.bias)
    return net


def slope(function, z):
    """f'(z), element by element, by autograd."""
    with torch.enable_grad():
        z = z.detach().requires_grad_()
        getattr(nn, function)()(z).sum().backward()
    return z.grad


def measure(net, function, x, y, saturated_below):
    """On the held-out examples, for every hidden layer: the mean output, the 98th
    percentile of |output|, the mean slope f'(z) and the share of saturated outputs
    (over all units and examples); and the loss."""
    peak = slope(function, torch.zeros(1)).item()
    stats = {"mean": [], "p98": [], "slope": [], "saturated": []}
    with torch.no_grad():
        h = x
        for module in net[:-1]:
            if isinstance(module, nn.Linear):
                z = module(h)
                continue
            h = module(z)
            d = slope(function, z)
            stats["mean"].append(h.mean().item())
            stats["p98"].append(h.abs().flatten().kthvalue(math.ceil(0.98 * h.numel())).values.item())
            stats["slope"].append(d.mean().item())
            stats["saturated"].append((d < saturated_below * peak).float().mean().item())
        stats["loss"] = nn.functional.cross_entropy(net[-1](h), y).item()
    return stats


def train(function, seed, inputs, classes, depth, width, learning_rate, batch, steps, record_every, probe,
          saturated_below):
    """Online SGD: the seed fixes the teacher, the examples and the initial weights, the same
    for every function; each step trains on the next batch of examples, each used once."""
    x, y = teacher_data(steps * batch + probe, inputs, classes, seed)
    x_probe, y_probe = x[-probe:], y[-probe:]
    torch.manual_seed(seed)
    net = standard_mlp(function, inputs, width, depth, classes)
    opt = torch.optim.SGD(net.parameters(), lr=learning_rate)
    records = []
    for step in range(steps + 1):
        if step % record_every == 0:
            records.append(measure(net, function, x_probe, y_probe, saturated_below))
        if step == steps:
            break
        i = step * batch
        opt.zero_grad()
        nn.functional.cross_entropy(net(x[i:i + batch]), y[i:i + batch]).backward()
        opt.step()
    # each statistic as [record][layer], the loss as [record]
    return {key: [r[key] for r in records] for key in records[0]}


def _first(values, level, steps):
    """The first recorded step at which values reach level, or None."""
    return next((s for s, v in zip(steps, values) if v >= level), None)


def _range(values):
    """min and max over the seeds; None where a seed has None (the event never came)."""
    return {"seeds": values, "min": min((v for v in values if v is not None), default=None),
            "max": None if None in values else max(values)}


def run(functions, seeds, optimizer, log=print, **config):
    """Every function from every seed: runs[f][seed][stat][record][layer] (the loss:
    [record]). For the page and its claims, per function: each statistic's lowest,
    highest and average over the seeds per layer at the start and at the end; the
    loss; the largest |mean output| of any layer at any record (drift); the first
    record with at least ONSET of a layer's outputs saturated (onset_step, per layer);
    and the first record at which the top layer's mean is below half its start."""
    assert optimizer == "SGD"
    steps = list(range(0, config["steps"] + 1, config["record_every"]))
    depth = config["depth"]
    result = {"setup": dict(config), "functions": functions, "seeds": seeds, "seed_count": len(seeds),
              "examples": config["steps"] * config["batch"], "steps": steps, "layers": list(range(1, depth + 1)),
              "last_step": config["steps"], "chance": math.log(config["classes"]), "onset": ONSET,
              "runs": {}, "start": {}, "end": {}, "loss": {}, "drift": {}, "summary": {}, "onset_step": {},
              "halved_step": {}}
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)}), {len(seeds)} seeds of {config['steps']} steps")
        runs = [train(function, seed, **config) for seed in seeds]
        result["runs"][function] = runs
        for when, k in (("start", 0), ("end", -1)):
            result[when][function] = {stat: {
                "min": [min(r[stat][k][j] for r in runs) for j in range(depth)],
                "max": [max(r[stat][k][j] for r in runs) for j in range(depth)],
                "avg": [sum(r[stat][k][j] for r in runs) / len(runs) for j in range(depth)]}
                for stat in ("mean", "p98", "slope", "saturated")}
        late = [v for r in runs for v in r["loss"][len(steps) // 2:]]  # the second half of the run
        start, end = [r["loss"][0] for r in runs], [r["loss"][-1] for r in runs]
        result["loss"][function] = {"start": start, "end": end, "start_min": min(start), "start_max": max(start),
                                    "end_min": min(end), "end_max": max(end),
                                    "lowest": min(min(r["loss"]) for r in runs),
                                    "late_min": min(late), "late_max": max(late)}
        result["drift"][function] = max(abs(v) for r in runs for record in r["mean"] for v in record)
        onsets = [[_first([record[j] for record in r["saturated"]], ONSET, steps) for j in range(depth)]
                  for r in runs]
        result["onset_step"][function] = {"seeds": onsets, **{
            key: [_range([o[j] for o in onsets])[key] for j in range(depth)] for key in ("min", "max")}}
        lower = [r["slope"][-1][:-1] for r in runs], [r["saturated"][-1][:-1] for r in runs]
        result["summary"][function] = {  # at the end, over the seeds: the layers below the top, and all layers
            "lower_slope_min": min(min(v) for v in lower[0]), "lower_saturated_min": min(min(v) for v in lower[1]),
            "lower_saturated_max": max(max(v) for v in lower[1]),
            "saturated_max": max(max(r["saturated"][-1]) for r in runs)}
        if all(r["mean"][0][-1] > 0.1 for r in runs):  # a mean away from 0 at the start (sigmoid) can halve
            result["halved_step"][function] = _range(
                [_first([r["mean"][0][-1] / 2 - record[-1] for record in r["mean"]], 0, steps) for r in runs])
    return result


def _band(ax, steps, runs, stat, layer, color):
    curves = [[rec[layer] for rec in r[stat]] for r in runs]
    avg = [sum(c[k] for c in curves) / len(curves) for k in range(len(steps))]
    ax.fill_between(steps, [min(c[k] for c in curves) for k in range(len(steps))],
                    [max(c[k] for c in curves) for k in range(len(steps))], color=color, alpha=0.25, lw=0)
    ax.plot(steps, avg, color=color, lw=1.8)


def draw(result, fig, text, figure="main", phone=False):
    steps, layers, functions = result["steps"], result["layers"], result["functions"]
    if phone:  # the panels of the 2 x 3 grid in one column: a function's two, then the loss, then the key
        column = fig.subplots(6, 1, height_ratios=[1, 1, 1, 1, 1, 1.7])
        grid = [[column[0], column[2], column[4]], [column[1], column[3], column[5]]]
    else:
        grid = fig.subplots(2, 3)
    colors = [f"C{k}" for k in range(len(layers))]
    panels = {(0, 0): ("Sigmoid", "mean", "mean"), (0, 1): ("Tanh", "p98", "p98"),
              (1, 0): ("Sigmoid", "saturated", "saturated_sigmoid"), (1, 1): ("Tanh", "saturated", "saturated_tanh")}
    for (row, col), (function, stat, label) in panels.items():
        ax = grid[row][col]
        if function not in functions:
            ax.axis("off")
            continue
        for layer, color in zip(range(len(layers)), colors):
            _band(ax, steps, result["runs"][function], stat, layer, color)
        ax.set_ylim(-0.03, 1.03)
        ax.set_title(text[function], fontsize=10)
        ax.set_ylabel(text[label])
        ax.set_xlabel(text["step"])
    loss = grid[0][2]
    for function, color in zip(functions, ("C4", "C5")):
        runs = [{"loss": [[v] for v in r["loss"]]} for r in result["runs"][function]]
        _band(loss, steps, runs, "loss", 0, color)
    loss.axhline(result["chance"], color="0.5", ls="--", lw=1)
    loss.set_ylabel(text["loss"])
    loss.set_xlabel(text["step"])
    loss.set_title(text["loss_title"], fontsize=10)
    key = grid[1][2]  # the legends get a panel of their own, so that none covers a curve
    key.axis("off")
    import matplotlib
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    ink = matplotlib.rcParams["text.color"]
    groups = [(text["layers"], [Line2D([], [], color=c, lw=1.8, label=text["layer"].format(layer=k))
                                for k, c in zip(layers, colors)]),
              (text["loss_title"], [Line2D([], [], color=c, lw=1.8, label=text[f]) for f, c in zip(functions, ("C4", "C5"))]
               + [Line2D([], [], color="0.5", ls="--", lw=1, label=text["chance"])]),
              (text["seeds_title"], [Line2D([], [], color=ink, lw=1.8, label=text["line"]),
                                     Patch(color=ink, alpha=0.25, lw=0, label=text["band"])])]
    top = 1.0
    for title, handles in groups:
        size = 10 if phone else 9
        legend = key.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(0, top), fontsize=size,
                            title_fontsize=size, frameon=False, alignment="left")
        key.add_artist(legend)
        top -= (0.065 if phone else 0.09) * (len(handles) + 1.6)  # about 0.29 in a line, in either key


def table(result):
    rows = []
    for function in result["functions"]:
        end = result["end"][function]
        for j, layer in enumerate(result["layers"]):
            rows.append({"function": function, "layer": layer, "mean": end["mean"]["avg"][j],
                         "mean_min": end["mean"]["min"][j], "mean_max": end["mean"]["max"][j],
                         "slope": end["slope"]["avg"][j],
                         "saturated%": end["saturated"]["avg"][j], "saturated_min%": end["saturated"]["min"][j],
                         "saturated_max%": end["saturated"]["max"][j]})
    return rows


TEXT = {"Sigmoid": "Sigmoid", "Tanh": "Tanh", "step": "training step", "layer": "hidden layer {layer}",
        "layers": "Hidden layers", "seeds_title": "Over the seeds", "line": "line: mean",
        "mean": "mean output", "p98": "98th percentile of |output|",
        "saturated_sigmoid": "share saturated, σ′(z) < 0.05", "saturated_tanh": "share saturated, tanh′(z) < 0.2",
        "loss": "cross-entropy, held-out examples", "loss_title": "Loss",
        "chance": "chance, ln 10", "band": "band: lowest to highest"}

CLAIMS = {
    # sigmoid: the top hidden layer is driven to 0 and saturates; the layers below do not
    "sigmoid_top_falls_fast": "halved_step['Sigmoid']['max'] <= last_step / 5",
    "sigmoid_top_near_zero": "end['Sigmoid']['mean']['max'][-1] < 0.06",
    "sigmoid_top_saturated": "end['Sigmoid']['saturated']['min'][-1] > 0.99",
    "sigmoid_top_slope_small": "end['Sigmoid']['slope']['max'][-1] < 0.05",
    "sigmoid_top_saturates_late": "onset_step['Sigmoid']['min'][-1] > last_step / 2",
    "sigmoid_lower_above_half": "min(end['Sigmoid']['mean']['min'][:-1]) > 0.49",
    "sigmoid_lower_rise_upwards": "all(end['Sigmoid']['mean']['min'][j + 1] > end['Sigmoid']['mean']['max'][j] "
                                  "for j in range(len(layers) - 2))",
    "sigmoid_lower_unsaturated": "summary['Sigmoid']['lower_saturated_max'] < 0.01 "
                                 "and summary['Sigmoid']['lower_slope_min'] > 0.15",
    "sigmoid_at_chance": "abs(loss['Sigmoid']['late_min'] - chance) < 0.05 and abs(loss['Sigmoid']['late_max'] - chance) < 0.05",
    "sigmoid_never_learns": "loss['Sigmoid']['lowest'] > chance - 0.05",
    # tanh: no drift of the mean, saturation from layer 1 upwards, and it learns
    "tanh_shrinks_at_start": "start['Tanh']['p98']['max'][-1] < start['Tanh']['p98']['min'][0] / 3",
    "tanh_means_stay_zero": "drift['Tanh'] < 0.02",
    "tanh_bottom_up": "all(None not in o and all(o[j] < o[j + 1] for j in range(len(o) - 1)) "
                      "for o in onset_step['Tanh']['seeds'])",
    "tanh_top_least": "end['Tanh']['saturated']['max'][-1] < summary['Tanh']['lower_saturated_min']",
    "tanh_partial": "summary['Tanh']['saturated_max'] < 0.5 < end['Sigmoid']['saturated']['min'][-1]",
    "tanh_learns": "loss['Tanh']['end_max'] < chance - 0.4",
}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    torch.set_num_threads(1)  # as the build runs it: these many small steps are slower on more threads
    result = run(**CONFIG)
    for function in result["functions"]:
        end, loss = result["end"][function], result["loss"][function]
        print(f"{function}: held-out loss {min(loss['start']):.3f}-{max(loss['start']):.3f} at step 0, "
              f"{min(loss['end']):.3f}-{max(loss['end']):.3f} at the end (chance {result['chance']:.3f})")
        for j, layer in enumerate(result["layers"]):
            print(f"  layer {layer}: mean output {end['mean']['min'][j]:+.3f} to {end['mean']['max'][j]:+.3f}, "
                  f"mean f' {end['slope']['min'][j]:.3f} to {end['slope']['max'][j]:.3f}, saturated "
                  f"{end['saturated']['min'][j]:.0%} to {end['saturated']['max'][j]:.0%}, "
                  f"onset at step {result['onset_step'][function]['min'][j]} to {result['onset_step'][function]['max'][j]}")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("saturation.png", dpi=150)
