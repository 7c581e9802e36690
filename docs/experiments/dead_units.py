"""Dead units: which hidden units output nothing positive for any training
input, unit by unit, layer by layer, while a network trains with a small and a
large learning rate; which of them die, which come back, and why. Needs torch;
matplotlib only to draw."""
import torch
from torch import nn

from saturation import mlp, teacher_data  # the same data and networks

CONFIG = {
    "samples": 2000,       # inputs x ~ N(0, 1); classes from a fixed random two-layer teacher
    "inputs": 32,
    "classes": 10,
    "depth": 3,            # hidden layers
    "width": 128,
    "optimizer": "Adam",   # PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay
    "learning_rates": [0.001, 0.01],
    "batch": 64,
    "steps": 200,
    "record_every": 10,
    "seeds": [0, 1, 2],
    "functions": ["ReLU", "LeakyReLU", "ELU", "GELU"],
}
FIGURES = {"main": [9, 3.8], "turnover": [9, 5.4]}
PHONE = {"main": [4.0, 7.4], "turnover": [4.0, 13.0]}  # the panels one above the other

CLAIMS = {
    "dead_at_start": "max(runs['ReLU'][1]['start']) > 0",
    "more_at_large": "min(runs['ReLU'][1]['dead_per_seed']) > max(runs['ReLU'][0]['dead_per_seed'])",
    "jump_first_steps": "min(runs['ReLU'][1]['first']) > 5 * max(runs['ReLU'][1]['start'])",
    "share_falls_too": "min(runs['ReLU'][1]['falls']) >= 1",
    "relu_revives": "min(runs['ReLU'][1]['revivals'][2]) >= 10 and sum(runs['ReLU'][1]['revivals'][1]) >= 1",
    "back_at_end": "min(runs['ReLU'][1]['back_share']) > 0",
    "revived_die_again": "min(runs['ReLU'][1]['died_again'][2]) > 0",
    "small_rate_fewer": "max(runs['ReLU'][0]['deaths'][2]) < min(runs['ReLU'][1]['deaths'][2]) "
                        "and max(runs['ReLU'][0]['revivals'][2]) < min(runs['ReLU'][1]['revivals'][2])",
    "first_layer_none": "first_layer_never_positive == 0",
    "revived_by_inputs": "runs['ReLU'][1]['by_inputs_share'] > 0.8",
    "own_weights_moved": "runs['ReLU'][1]['by_weights_total'] > 0",
    "adam_steps_bounded": "max_step < 5",
    "leaky_fewer_at_end": "max(runs['LeakyReLU'][1]['dead_per_seed']) < min(runs['ReLU'][1]['dead_per_seed'])",
    "leaky_revives_more": "sum(runs['LeakyReLU'][1]['revivals'][2]) > sum(runs['ReLU'][1]['revivals'][2])",
    "elu_none": "runs['ELU'][0]['peak'] == 0 and runs['ELU'][1]['peak'] == 0",
    "gelu_none_at_end": "max(runs['GELU'][0]['dead_per_seed'] + runs['GELU'][1]['dead_per_seed']) == 0",
    "relu_large_lower": "max(runs['ReLU'][1]['loss_per_seed']) < min(runs['ReLU'][0]['loss_per_seed'])",
    "relu_lower_loss": "max(runs['ReLU'][1]['loss_per_seed']) < min(runs['ELU'][0]['loss_per_seed'] + runs['ELU'][1]['loss_per_seed'])",
    "lowest_at_large": "lowest['rate'] == max(learning_rates) and lowest['function'] != 'ELU'",
    "large_close": "large_gap < large_seed_spread",
    "elu_highest": "highest['function'] == 'ELU' and highest['rate'] == max(learning_rates)",
}


def probe(net, x):
    """On every sample: each hidden layer's input and pre-activation, and the output."""
    inputs, pres = [], []
    with torch.no_grad():
        for module in net[:-1]:
            if isinstance(module, nn.Linear):
                inputs.append(x)
                pres.append(module(x))
            x = module(x)
        return inputs, pres, net[-1](x)


def positive_somewhere(units, h, weight, bias):
    """How many of the units (a mask) have weight @ h + bias > 0 on at least one sample."""
    if not units.any():
        return 0
    return int((h @ weight[units].T + bias[units] > 0).any(dim=0).sum())


def train(function, learning_rate, seed, samples, inputs, classes, depth, width, batch, steps, record_every):
    x, y = teacher_data(samples, inputs, classes, 0)  # the same data for every seed, function and rate
    torch.manual_seed(seed)  # the same initial weights and mini-batches for every function and rate
    net = mlp(function, inputs, width, depth, classes)
    hidden = [m for m in net if isinstance(m, nn.Linear)][:-1]
    params = list(net.parameters())
    opt = torch.optim.Adam(params, lr=learning_rate, fused=True)  # Adam's usual algorithm, in one kernel
    zeros = lambda: [0] * depth
    out = {"share": [], "deaths": [[] for _ in range(depth)], "revivals": [[] for _ in range(depth)],
           "by_inputs": zeros(), "by_weights": zeros(), "max_step": 0.0}
    before = ever = None
    for step in range(steps + 1):
        if step % record_every == 0:
            h, pres, logits = probe(net, x)
            dead = [(pre <= 0).all(dim=0) for pre in pres]  # never positive on any training sample
            weights = [(m.weight.detach().clone(), m.bias.detach().clone()) for m in hidden]
            out["share"].append(sum(d.sum().item() for d in dead) / (depth * width))
            if before is None:
                ever = [d.clone() for d in dead]
                out["start_units"] = [int(d.sum()) for d in dead]
            else:
                was_dead, old_h, old_weights = before
                for l in range(depth):
                    revived = was_dead[l] & ~dead[l]
                    out["deaths"][l].append(int((~was_dead[l] & dead[l]).sum()))
                    out["revivals"][l].append(int(revived.sum()))
                    # the cause: the new inputs from the layers below, with the unit's old weights;
                    # or its new weights on the old inputs
                    out["by_inputs"][l] += positive_somewhere(revived, h[l], *old_weights[l])
                    out["by_weights"][l] += positive_somewhere(revived, old_h[l], *weights[l])
                    ever[l] |= dead[l]
            before = (dead, h, weights)
        if step == steps:
            break
        old = [p.detach().clone() for p in params]
        idx = torch.randint(0, len(x), (batch,))
        opt.zero_grad()
        nn.functional.cross_entropy(net(x[idx]), y[idx]).backward()
        opt.step()
        moved = torch.stack([(p.detach() - q).abs().max() for p, q in zip(params, old)]).max().item()
        out["max_step"] = max(out["max_step"], moved / learning_rate)  # the largest change of one parameter
    out["loss"] = nn.functional.cross_entropy(logits, y).item()
    out["end_units"] = [int(d.sum()) for d in dead]
    out["ever"] = [int(e.sum()) for e in ever]
    out["back"] = [int((e & ~d).sum()) for e, d in zip(ever, dead)]  # never positive once, alive at the end
    return out


def spread(values):
    return [min(values), max(values)]


def summarise(runs, depth):
    """One function at one rate over the seeds; per-layer lists are [layer][seed]."""
    n = len(runs)
    checkpoints = len(runs[0]["share"])
    per_layer = lambda key: [[r[key][l] if isinstance(r[key][l], int) else sum(r[key][l]) for r in runs]
                             for l in range(depth)]
    s = {
        "dead": sum(r["share"][-1] for r in runs) / n,  # never positive at the end, mean over the seeds
        "dead_per_seed": [r["share"][-1] for r in runs],
        "start": [r["share"][0] for r in runs],
        "first": [r["share"][1] for r in runs],  # after the first record_every steps
        "falls": [sum(r["share"][k + 1] < r["share"][k] for k in range(checkpoints - 1)) for r in runs],
        "peak": max(max(r["share"]) for r in runs),
        "curve": [sum(r["share"][k] for r in runs) / n for k in range(checkpoints)],
        "curve_min": [min(r["share"][k] for r in runs) for k in range(checkpoints)],
        "curve_max": [max(r["share"][k] for r in runs) for k in range(checkpoints)],
        "start_units": per_layer("start_units"),
        "end_units": per_layer("end_units"),
        "deaths": per_layer("deaths"),
        "revivals": per_layer("revivals"),
        "by_inputs": per_layer("by_inputs"),
        "by_weights": per_layer("by_weights"),
        "ever": per_layer("ever"),
        "back": per_layer("back"),
        # per interval between two records, [layer][seed][interval] (the turnover figure)
        "deaths_per_interval": [[r["deaths"][l] for r in runs] for l in range(depth)],
        "revivals_per_interval": [[r["revivals"][l] for r in runs] for l in range(depth)],
        "loss": sum(r["loss"] for r in runs) / n,
        "loss_per_seed": [r["loss"] for r in runs],
        "max_step": max(r["max_step"] for r in runs),
    }
    total = lambda key: sum(sum(v) for v in s[key])
    s["revivals_total"], s["deaths_total"] = total("revivals"), total("deaths")
    s["by_inputs_total"], s["by_weights_total"] = total("by_inputs"), total("by_weights")
    s["by_inputs_share"] = s["by_inputs_total"] / s["revivals_total"] if s["revivals_total"] else 0.0
    s["by_weights_share"] = s["by_weights_total"] / s["revivals_total"] if s["revivals_total"] else 0.0
    # revivals that a later death undid: all of them but the last of each unit alive at the end
    s["died_again"] = [[v - b for v, b in zip(rev, back)] for rev, back in zip(s["revivals"], s["back"])]
    # of the units never positive at some checkpoint (all layers), the share alive at the end, per seed
    s["back_share"] = [sum(r["back"]) / sum(r["ever"]) if sum(r["ever"]) else 0.0 for r in runs]
    for key in ("dead_per_seed", "start", "first", "loss_per_seed", "back_share", "falls"):
        s[key.replace("_per_seed", "") + "_range"] = spread(s[key])
    for key in ("deaths", "revivals", "end_units", "ever", "back"):
        s[key + "_range"] = [spread(v) for v in s[key]]
    s["settled"] = spread(s["curve"][1:])  # the mean share, from the first record after step 0 on
    return s


def run(functions, learning_rates, seeds, optimizer, log=print, **config):
    depth = config["depth"]
    result = {"functions": functions, "learning_rates": learning_rates, "seeds": seeds,
              "setup": {key: config[key] for key in ("samples", "inputs", "classes", "depth", "width", "batch")},
              "steps": list(range(0, config["steps"] + 1, config["record_every"])), "runs": {}}
    # runs[function][k]: the k-th learning rate
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)}), {len(learning_rates)} learning rates x {len(seeds)} seeds")
        for lr in learning_rates:
            runs = [train(function, lr, seed, **config) for seed in seeds]
            result["runs"].setdefault(function, []).append(summarise(runs, depth))
    settings = [{"function": f, "rate": lr, "loss": result["runs"][f][k]["loss"]}
                for f in functions for k, lr in enumerate(learning_rates)]
    result["lowest"] = min(settings, key=lambda s: s["loss"])
    result["highest"] = max(settings, key=lambda s: s["loss"])
    result["settings"] = len(settings)
    # at the large rate: how far apart the means of the functions other than ELU ended, against
    # how far apart the seeds of one of them ended
    large = [result["runs"][f][-1] for f in functions if f != "ELU"]
    result["large_gap"] = max((r["loss"] for r in large), default=0) - min((r["loss"] for r in large), default=0)
    result["large_seed_spread"] = max((r["loss_range"][1] - r["loss_range"][0] for r in large), default=0)
    result["intervals"] = len(result["steps"]) - 1
    result["first_layer_never_positive"] = sum(max(r["ever"][0]) for runs in result["runs"].values() for r in runs)
    result["max_step"] = max(r["max_step"] for runs in result["runs"].values() for r in runs)
    return result


STYLES = ("-", "--", "-.", ":")


def draw(result, fig, text, figure="main", phone=False):
    if figure == "turnover":
        return draw_turnover(result, fig, text, phone)
    functions, rates, steps = result["functions"], result["learning_rates"], result["steps"]
    axes = fig.subplots(len(rates), 1, sharey=True) if phone else fig.subplots(1, len(rates), sharey=True)
    for k, (ax, lr) in enumerate(zip(axes, rates)):
        for i, function in enumerate(functions):
            r = result["runs"][function][k]
            ax.fill_between(steps, [100 * v for v in r["curve_min"]], [100 * v for v in r["curve_max"]],
                            color=f"C{i}", alpha=0.2, linewidth=0)
            ax.plot(steps, [100 * v for v in r["curve"]], color=f"C{i}", ls=STYLES[i % 4], lw=1.6,
                    label=text[function] if k == 0 else None)
        ax.set_title(text["rate"].format(lr=lr), fontsize=10)
        ax.set_xlabel(text["step"])
        if phone or k == 0:
            ax.set_ylabel(text["dead"])
    axes[0].set_ylim(-1, None)
    if phone:
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
    else:
        fig.legend(loc="outside right center", frameon=False)


def cumulative(counts):
    out, total = [0], 0
    for c in counts:
        total += c
        out.append(total)
    return out


def draw_turnover(result, fig, text, phone=False):
    """ReLU, per layer and rate: deaths and revivals counted since step 0, and the units never
    positive now; mean over the seeds, band from the lowest to the highest seed. On a phone
    the panels are one above the other, rate by rate."""
    rates, steps = result["learning_rates"], result["steps"]
    runs = result["runs"]["ReLU"]
    depth = len(runs[0]["deaths"])
    if phone:
        column = fig.subplots(len(rates) * depth, 1, sharex=True, squeeze=False)[:, 0]
        axes = [column[k * depth:(k + 1) * depth] for k in range(len(rates))]
    else:
        axes = fig.subplots(len(rates), depth, sharex=True, sharey="row", squeeze=False)
    for k, lr in enumerate(rates):
        r = runs[k]
        for l in range(depth):
            ax = axes[k][l]
            deaths = [cumulative(c) for c in r["deaths_per_interval"][l]]
            revivals = [cumulative(c) for c in r["revivals_per_interval"][l]]
            now = [[r["start_units"][l][s] + d - v for d, v in zip(deaths[s], revivals[s])]
                   for s in range(len(deaths))]
            for i, (curves, key, style) in enumerate(((deaths, "deaths", "-"), (revivals, "revivals", "--"),
                                                      (now, "now", ":"))):
                color = ("C4", "C0", "C5")[i]
                ax.fill_between(steps, [min(c[j] for c in curves) for j in range(len(steps))],
                                [max(c[j] for c in curves) for j in range(len(steps))], color=color, alpha=0.2,
                                linewidth=0)
                ax.plot(steps, [sum(c[j] for c in curves) / len(curves) for j in range(len(steps))], color=color,
                        ls=style, lw=1.6, label=text[key] if k == 0 and l == 0 else None)
            if not any(max(c) for c in deaths):
                ax.text(0.5, 0.72, text["none"], transform=ax.transAxes, ha="center", va="center")  # above the zero lines
            if phone:
                ax.set_title(text["rate"].format(lr=lr) + "\n" + text["layer"].format(layer=l + 1), fontsize=10)
                ax.set_ylabel(text["units"], fontsize=10)
            elif k == 0:
                ax.set_title(text["layer"].format(layer=l + 1), fontsize=10)
            if k == len(rates) - 1 and (l == depth - 1 or not phone):
                ax.set_xlabel(text["step"])
        if not phone:
            axes[k][0].set_ylabel(text["rate"].format(lr=lr) + "\n" + text["units"], fontsize=9)
    fig.legend(loc="outside lower center", ncols=1 if phone else 3, frameon=False)


def table(result):
    rows = []
    for function in result["functions"]:
        for lr, r in zip(result["learning_rates"], result["runs"][function]):
            rows.append({"function": function, "rate": lr,
                         "dead%": r["dead"], "dead_min%": r["dead_range"][0], "dead_max%": r["dead_range"][1],
                         "deaths": r["deaths_total"], "revivals": r["revivals_total"],
                         "loss": r["loss"], "loss_min": r["loss_range"][0], "loss_max": r["loss_range"][1]})
    return rows


TEXT = {"ReLU": "ReLU", "LeakyReLU": "LeakyReLU", "ELU": "ELU", "GELU": "GELU",
        "rate": "Adam, learning rate {lr}", "step": "training step",
        "dead": "% of hidden units never positive", "layer": "hidden layer {layer}",
        "deaths": "deaths so far (alive → never positive)", "revivals": "revivals so far (never positive → alive)",
        "now": "never positive now", "units": "units", "none": "no unit never positive"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function, runs in result["runs"].items():
        for lr, r in zip(result["learning_rates"], runs):
            print(f"{function:10} learning rate {lr:<6} never positive {100 * r['dead']:.1f}% "
                  f"(seeds {', '.join(f'{100 * v:.1f}' for v in r['dead_per_seed'])}), "
                  f"deaths {r['deaths_total']}, revivals {r['revivals_total']}, loss {r['loss']:.3f}")
    for figure, size in FIGURES.items():
        fig = plt.figure(figsize=size, layout="constrained")
        draw(result, fig, TEXT, figure)
        fig.savefig(f"dead_units_{figure}.png", dpi=150)
