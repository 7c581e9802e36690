"""Training on a toy problem: a small MLP learns a two-arm spiral with each
activation, from the same data, initial weights, optimiser, learning rate and
steps; loss curves over several seeds, the decision boundaries, and where the
hidden pre-activations lie on the pieces of the piecewise functions. Controls:
a linear network, sigmoid shifted to mean zero, a larger learning rate for two
functions, and Softplus started from LogSigmoid's weights with signs flipped.
Needs torch; matplotlib only to draw."""
import math

import torch
from torch import nn

CONFIG = {
    "points": 400,         # per set: a training set and a test set of the same spiral
    "noise": 0.1,
    "turns": 1.5,
    "hidden": [32, 32],
    "optimizer": "Adam",
    "learning_rate": 0.01,
    "steps": 300,          # full-batch steps
    "record_every": 10,
    "seeds": [0, 1, 2],    # initialisations; the data are the same for every seed
    "grid": 80,            # points per side of the decision-boundary image
    # every elementwise activation of torch.nn, with its defaults
    "functions": ["ReLU", "LeakyReLU", "PReLU", "RReLU", "ReLU6", "ELU", "CELU", "SELU", "GELU", "SiLU",
                  "Mish", "Softplus", "Sigmoid", "Tanh", "Softsign", "LogSigmoid", "Hardtanh",
                  "Hardsigmoid", "Hardswish", "Tanhshrink", "Softshrink", "Hardshrink"],
    "left_out": ["Threshold"],  # torch.nn.Threshold has no default parameters to take
    # the same set-up with other hidden units: none (a linear network), and sigmoid minus 1/2
    "controls": ["Identity", "SigmoidMinusHalf"],
    "larger_rate": 0.04,   # a second run of these functions at this learning rate, all else the same
    "larger_rate_functions": ["Sigmoid", "Hardsigmoid"],
    # LogSigmoid's lowest-accuracy seed again as Softplus, from the same weights with signs flipped
    "mirror": ["LogSigmoid", "Softplus"],
    "fit_accuracy": 0.95,  # "fits the spiral": at least this test accuracy on every seed
    "loss_threshold": 0.1,  # "how fast": the first recorded step with a training loss below this
}
FIGURES = {"boundaries": [6.4, 10.8], "loss": [6.4, 13.2], "pieces": [6.4, 12.7]}
# on a phone: the boundaries in three columns, each loss panel with its legend below it
PHONE = {"boundaries": [4.0, 13.6], "loss": [4.0, 24.0], "pieces": [4.0, 13.0]}

# The piecewise functions with a flat piece (zero derivative): their breakpoints, and which of the
# pieces between them are flat. Threshold, left out, would be one too.
PIECES = {
    "ReLU": {"breaks": [0], "flat": [True, False]},
    "ReLU6": {"breaks": [0, 6], "flat": [True, False, True]},
    "Hardtanh": {"breaks": [-1, 1], "flat": [True, False, True]},
    "Hardsigmoid": {"breaks": [-3, 3], "flat": [True, False, True]},
    "Hardswish": {"breaks": [-3, 3], "flat": [True, False, False]},
    "Softshrink": {"breaks": [-0.5, 0.5], "flat": [False, True, False]},
    "Hardshrink": {"breaks": [-0.5, 0.5], "flat": [False, True, False]},
}
BINS = 48  # of the pre-activation histograms
# the rectifiers and smooth gated functions compared closely on the page (not RReLU, trained with
# random slopes, nor Softplus)
CLOSE = ["ReLU", "LeakyReLU", "PReLU", "ReLU6", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish"]


class SigmoidMinusHalf(nn.Module):
    """σ(x) − ½: sigmoid's derivative everywhere, outputs centred on zero."""

    def forward(self, x):
        return torch.sigmoid(x) - 0.5


def spiral(points, noise, turns, seed):
    """Two interleaved arms in the plane, labels 0 and 1."""
    g = torch.Generator().manual_seed(seed)
    t = torch.sqrt(torch.rand(points, generator=g)) * turns * 2 * math.pi
    label = torch.randint(0, 2, (points,), generator=g)
    angle = t + math.pi * label
    r = t / (turns * 2 * math.pi) * 2
    x = torch.stack([r * torch.cos(angle), r * torch.sin(angle)], dim=1)
    return x + noise * torch.randn(points, 2, generator=g), label


def make_net(function, hidden):
    unit = SigmoidMinusHalf if function == "SigmoidMinusHalf" else getattr(nn, function)
    layers, width = [], 2
    for h in hidden:
        layers += [nn.Linear(width, h), unit()]
        width = h
    return nn.Sequential(*layers, nn.Linear(width, 2))


def mirrored(net):
    """LogSigmoid(z) = −Softplus(−z): a Softplus network computes what ``net`` (LogSigmoid) computes
    when the first layer's weights and bias, the later hidden layers' biases and the read-out
    weights change sign."""
    linear = [m for m in net if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for i, m in enumerate(linear):
            if i == 0:
                m.weight.neg_()
            if i < len(linear) - 1:
                m.bias.neg_()
            else:
                m.weight.neg_()


def pre_activations(net, x):
    """The input of every hidden activation, one (points, units) tensor per hidden layer."""
    out, h = [], x
    with torch.no_grad():
        for layer in net:
            h = layer(h)
            if isinstance(layer, nn.Linear):
                out.append(h)
    return out[:-1]


def train(function, seed, data, hidden, learning_rate, steps, record_every, flip=False):
    (x, y), (x_test, y_test) = data
    torch.manual_seed(seed)
    net = make_net(function, hidden)
    if flip:
        mirrored(net)
    # a checksum of the initial weights: their sum, and their sum weighted by position
    flat = torch.cat([p.detach().double().flatten() for m in net if isinstance(m, nn.Linear) for p in m.parameters()])
    init = [flat.sum().item(), (flat * torch.arange(1, len(flat) + 1, dtype=torch.float64)).sum().item()]
    both = torch.cat([x, x_test])
    net.eval()  # RReLU at its mean slope, and no random draw spent on measuring
    before = pre_activations(net, both)
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=learning_rate, fused=True)  # Adam's update in one kernel
    losses = []
    for step in range(steps + 1):
        loss = nn.functional.cross_entropy(net(x), y)
        if step % record_every == 0:
            losses.append(loss.item())
        if step == steps:
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
    net.eval()  # RReLU: its mean slope, as at test time
    with torch.no_grad():
        accuracy = round((net(x_test).argmax(1) == y_test).double().mean().item(), 9)  # k / points
    return {"net": net, "loss": losses, "accuracy": accuracy, "init": init,
            "before": before, "after": pre_activations(net, both)}


def quantiles(z):
    """Min, 1st percentile, median, 99th percentile and max of all of a layer's pre-activations."""
    q = torch.quantile(z.flatten().double(), torch.tensor([0.01, 0.5, 0.99], dtype=torch.float64))
    return {"min": z.min().item(), "q01": q[0].item(), "median": q[1].item(), "q99": q[2].item(),
            "max": z.max().item()}


def piece_shares(z, breaks):
    """The share of the pre-activations on each piece (piece i: breaks[i-1] < x <= breaks[i])."""
    piece = torch.bucketize(z.flatten(), torch.tensor(breaks, dtype=z.dtype))
    return (torch.bincount(piece, minlength=len(breaks) + 1).double() / piece.numel()).tolist()


def spread(values):
    return {"min": min(values), "mean": sum(values) / len(values), "max": max(values), "each": values}


def first_below(losses, steps, threshold):
    return next((s for s, v in zip(steps, losses) if v < threshold), None)


def linear_fit(data):
    """The best affine classifier of the inputs by training cross-entropy (logistic regression,
    two logits, in float64, by L-BFGS): its training loss and test accuracy."""
    (x, y), (x_test, y_test) = data
    x, x_test = x.double(), x_test.double()
    w = torch.zeros(2, 2, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=200, tolerance_grad=1e-12, tolerance_change=1e-15,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(x @ w + b, y)
        loss.backward()
        return loss

    opt.step(closure)
    with torch.no_grad():
        loss = nn.functional.cross_entropy(x @ w + b, y).item()
        accuracy = round(((x_test @ w + b).argmax(1) == y_test).double().mean().item(), 9)
    return {"loss": loss, "accuracy": accuracy}


def run(points, noise, turns, hidden, optimizer, learning_rate, steps, record_every, seeds, grid,
        functions, left_out, controls, larger_rate, larger_rate_functions, mirror, fit_accuracy,
        loss_threshold, log=print):
    data = spiral(points, noise, turns, seed=0), spiral(points, noise, turns, seed=1)
    side = torch.linspace(-2.5, 2.5, grid)
    gx, gy = torch.meshgrid(side, side, indexing="xy")
    plane = torch.stack([gx.flatten(), gy.flatten()], dim=1)
    recorded = list(range(0, steps + 1, record_every))
    result = {"functions": functions, "controls": controls, "steps": recorded, "extent": [-2.5, 2.5],
              "train": data[0][0].tolist(), "labels": data[0][1].tolist(), "points": points,
              "seeds": seeds, "learning_rate": learning_rate, "larger_rate": larger_rate,
              "fit_accuracy": fit_accuracy, "loss_threshold": loss_threshold,
              "runs": {}, "accuracy": {}, "final_loss": {}, "steps_to": {}, "preactivations": {},
              "largest": {}, "pieces": {}, "histograms": {}}

    def record(name, runs):
        """Everything of one function's runs (one per seed) that the page and the claims use."""
        result["accuracy"][name] = spread([r["accuracy"] for r in runs])
        result["final_loss"][name] = spread([r["loss"][-1] for r in runs])
        result["steps_to"][name] = [first_below(r["loss"], recorded, loss_threshold) for r in runs]
        result["preactivations"][name] = [{t: [quantiles(z) for z in r[t]] for t in ("before", "after")}
                                          for r in runs]
        result["largest"][name] = {t: max(z.abs().max().item() for r in runs for z in r[t])
                                   for t in ("before", "after")}
        with torch.no_grad():
            p = torch.softmax(runs[0]["net"](plane), dim=1)[:, 1]
        result["runs"][name] = {"loss": [r["loss"] for r in runs], "accuracy": [r["accuracy"] for r in runs],
                                "init": [r["init"] for r in runs],
                                "boundary": [[round(v, 3) for v in row] for row in p.reshape(grid, grid).tolist()]}
        if name not in PIECES:
            return
        breaks, flat = PIECES[name]["breaks"], PIECES[name]["flat"]
        shares = [{t: [piece_shares(z, breaks) for z in r[t]] for t in ("before", "after")} for r in runs]
        on_flat = {t: [[sum(s for s, f in zip(seed[t][layer], flat) if f) for seed in shares]
                       for layer in range(len(hidden))] for t in ("before", "after")}
        result["pieces"][name] = {"breaks": breaks, "flat": flat, "shares": shares, "on_flat": on_flat,
                                  "on_flat_range": {t: [min(min(l) for l in on_flat[t]), max(max(l) for l in on_flat[t])]
                                                    for t in on_flat}}
        # histograms of each layer's pre-activations, the seeds pooled, between the lowest 1st and the
        # highest 99th percentile of any layer, seed and time (the breakpoints always inside);
        # the pre-activations beyond are counted apart
        stats = [q for seed in result["preactivations"][name] for t in ("before", "after") for q in seed[t]]
        lo = min(min(q["q01"] for q in stats), breaks[0] - 1)
        hi = max(max(q["q99"] for q in stats), breaks[-1] + 1)
        edges = torch.linspace(lo, hi, BINS + 1, dtype=torch.float64)
        hist = {}
        for t in ("before", "after"):
            hist[t] = []
            for layer in range(len(hidden)):
                z = torch.cat([r[t][layer].flatten() for r in runs]).double()
                inside = z[(z >= lo) & (z <= hi)]
                hist[t].append({"counts": torch.histc(inside, BINS, lo, hi).long().tolist(),
                                "below": int((z < lo).sum()), "above": int((z > hi).sum()), "total": z.numel()})
        result["histograms"][name] = {"edges": edges.tolist(), **hist}

    everyone = functions + controls
    for i, function in enumerate(everyone, 1):
        kind = "" if function in functions else "control "
        n = i if function in functions else i - len(functions)
        log(f"{kind}{function} ({n}/{len(functions) if function in functions else len(controls)}), "
            f"{len(seeds)} seeds")
        record(function, [train(function, s, data, hidden, learning_rate, steps, record_every) for s in seeds])

    # the linear reference: the best any affine classifier of the inputs does
    result["linear"] = linear_fit(data)
    if "Hardsigmoid" in functions:
        result["linear"]["gap_hardsigmoid"] = max(abs(v - result["linear"]["loss"])
                                                  for v in result["final_loss"]["Hardsigmoid"]["each"])

    # the same functions at a larger learning rate, all else the same
    result["larger"] = {}
    for function in larger_rate_functions:
        log(f"{function} at learning rate {larger_rate}, {len(seeds)} seeds")
        runs = [train(function, s, data, hidden, larger_rate, steps, record_every) for s in seeds]
        entry = {"accuracy": spread([r["accuracy"] for r in runs]),
                 "final_loss": spread([r["loss"][-1] for r in runs]),
                 "loss": [r["loss"] for r in runs],
                 "largest": max(z.abs().max().item() for r in runs for z in r["after"])}
        if function in PIECES:
            breaks, flat = PIECES[function]["breaks"], PIECES[function]["flat"]
            entry["on_flat"] = [[sum(s for s, f in zip(piece_shares(r["after"][layer], breaks), flat) if f)
                                 for r in runs] for layer in range(len(hidden))]
            entry["on_flat_range"] = [min(min(l) for l in entry["on_flat"]), max(max(l) for l in entry["on_flat"])]
        result["larger"][function] = entry

    # LogSigmoid's worst seed again, as Softplus from the same weights with signs flipped
    original, other = mirror
    if original in functions:
        accuracies = result["accuracy"][original]["each"]
        worst = seeds[accuracies.index(min(accuracies))]
        log(f"{other} from {original}'s weights of seed {worst}, signs flipped")
        again = train(other, worst, data, hidden, learning_rate, steps, record_every, flip=True)
        first = result["runs"][original]["loss"][seeds.index(worst)]
        result["mirror"] = {"seed": worst, "accuracy": again["accuracy"], "original_accuracy": min(accuracies),
                            "loss_gap": max(abs(a - b) for a, b in zip(again["loss"], first)),
                            "final_loss": again["loss"][-1], "original_final_loss": first[-1]}

    # the ten rectifiers and gated functions whose seeds all came close
    compared = [f for f in CLOSE if f in functions]
    if compared:
        close = [a for f in compared for a in result["accuracy"][f]["each"]]
        means = [result["accuracy"][f]["mean"] for f in compared]
        ranges = {f: result["accuracy"][f]["max"] - result["accuracy"][f]["min"] for f in compared}
        result["close"] = {"functions": compared, "min": min(close), "max": max(close),  # in test points:
                           "points_apart": round((max(close) - min(close)) * points, 6),
                           "mean_gap_points": round((max(means) - min(means)) * points, 6),
                           "seed_range_points": round(max(ranges.values()) * points, 6),
                           "widest": sorted(f for f in compared if ranges[f] == max(ranges.values()))}
    # the slowest seed's step to the loss threshold (None: some seed never got there)
    result["steps_to_slowest"] = {f: None if None in s else max(s) for f, s in result["steps_to"].items()}
    # the functions with a flat piece that used it, other than Hardsigmoid: the least and most
    others = {f: p["on_flat_range"]["after"] for f, p in result["pieces"].items() if f != "Hardsigmoid"}
    if others:
        least, most = min(others, key=lambda f: others[f][0]), max(others, key=lambda f: others[f][1])
        result["flat_others"] = {"functions": sorted(others), "min": others[least][0], "least": least,
                                 "max": others[most][1], "most": most}
    # seed by seed: what centring, and the larger rate, changed in Sigmoid's test accuracy
    result["gain"] = {}
    if "Sigmoid" in functions and "SigmoidMinusHalf" in controls:
        sigmoid = result["accuracy"]["Sigmoid"]["each"]
        result["gain"]["centring"] = [c - a for c, a in zip(result["accuracy"]["SigmoidMinusHalf"]["each"], sigmoid)]
    if "centring" in result["gain"] and "Sigmoid" in result["larger"]:
        result["gain"]["larger_rate"] = [c - a for c, a in zip(result["larger"]["Sigmoid"]["accuracy"]["each"], sigmoid)]
        result["gain"]["rate_minus_centring"] = [r - c for r, c in zip(result["gain"]["larger_rate"],
                                                                       result["gain"]["centring"])]
    # ELU and CELU (alpha = 1): the largest difference of their losses, and of their accuracies
    if "ELU" in functions and "CELU" in functions:
        e, c = result["runs"]["ELU"], result["runs"]["CELU"]
        result["elu_celu"] = {"loss_gap": max(abs(a - b) for p, q in zip(e["loss"], c["loss"]) for a, b in zip(p, q)),
                              "accuracy_gap": max(abs(a - b) for a, b in zip(e["accuracy"], c["accuracy"]))}
    # every function and control started from the same weights, seed by seed
    inits = [result["runs"][f]["init"] for f in everyone]
    result["same_init"] = all(i == inits[0] for i in inits)
    result["not_fit"] = [f for f in functions if result["accuracy"][f]["min"] < fit_accuracy]
    result["fit_count"] = len(functions) - len(result["not_fit"])
    result["function_count"] = len(functions)
    return result


def percent_range(lo, hi, share=False):
    """``98.5–99 %`` (three digits, as the page's table); a share of pre-activations with one decimal
    below 10 %, none above."""
    def shown(v):
        v *= 100
        return f"{v:.3g}" if not share else "0" if v == 0 else f"{v:.1f}" if v < 10 else f"{v:.0f}"
    return f"{shown(lo)} %" if lo == hi else f"{shown(lo)}–{shown(hi)} %"


def draw(result, fig, text, figure="boundaries", phone=False):
    if figure == "loss":
        return draw_loss(result, fig, text, phone)
    if figure == "pieces":
        return draw_pieces(result, fig, text, phone)
    names = result["functions"] + result["controls"]
    cols = 3 if phone else 4
    rows = math.ceil(len(names) / cols)
    axes = fig.subplots(rows, cols, squeeze=False).flatten()
    lo, hi = result["extent"]
    x = torch.tensor(result["train"])
    colors = ["C0" if label == 0 else "C1" for label in result["labels"]]
    for ax, name in zip(axes, names):
        r = result["runs"][name]
        ax.imshow(r["boundary"], extent=(lo, hi, lo, hi), origin="lower", cmap="RdBu_r", vmin=0, vmax=1,
                  alpha=0.45, interpolation="bilinear")
        ax.scatter(x[:, 0], x[:, 1], s=1.5, c=colors, linewidths=0)
        label = text.get(name, name)
        accuracy = result["accuracy"][name]
        ax.set_title(f"{label}\n{percent_range(accuracy['min'], accuracy['max'])}", fontsize=11, linespacing=1.3)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    for ax in axes[len(names):]:
        ax.axis("off")


def draw_loss(result, fig, text, phone=False):
    """Mean loss and its range over the seeds, one panel per family and one of the controls, each
    with its legend to its right (on a phone, below it), never over a curve."""
    steps = result["steps"]
    panels = [(title, [(f, result["runs"][f]["loss"], f"C{i % 8}", "-" if i < 8 else "--")
                       for i, f in enumerate(functions)])
              for title, functions in text["groups"].items()]
    larger, runs = result["larger"], result["runs"]
    panels.append((text["controls"], [
        ("Sigmoid", runs["Sigmoid"]["loss"], "C0", "-"),
        ("SigmoidMinusHalf", runs["SigmoidMinusHalf"]["loss"], "C2", "-"),
        ("Sigmoid", larger["Sigmoid"]["loss"], "C0", "--"),
        ("Hardsigmoid", runs["Hardsigmoid"]["loss"], "C1", "-"),
        ("Identity", runs["Identity"]["loss"], "C5", ":"),
        ("Hardsigmoid", larger["Hardsigmoid"]["loss"], "C1", "--")]))
    axes = fig.subplots(len(panels), 1, sharex=True, sharey=True, squeeze=False)[:, 0]
    for ax, (title, curves) in zip(axes, panels):
        drawn = []
        for k, (name, loss, colour, style) in enumerate(curves):
            mean = [sum(c[j] for c in loss) / len(loss) for j in range(len(steps))]
            ax.fill_between(steps, [min(c[j] for c in loss) for j in range(len(steps))],
                            [max(c[j] for c in loss) for j in range(len(steps))], color=colour, alpha=0.15,
                            linewidth=0)
            label = text.get(name, name)
            if k > 0 and style == "--" and title == text["controls"]:
                label = text["larger_rate"].format(name=label, rate=result["larger_rate"])
            if mean in drawn and style == "-":  # the same curve as one drawn before (ELU and CELU)
                style = "--"
            ax.plot(steps, mean, color=colour, lw=2.4 if style == ":" else 1.8, ls=style, label=label)
            drawn.append(mean)
        ax.axhline(result["loss_threshold"], color=ax.xaxis.label.get_color(), lw=0.8, ls=":")
        ax.set_yscale("log")
        ax.set_title(title, fontsize=12, loc="left")
        ax.set_ylabel(text["loss"], fontsize=10.5)
        ax.tick_params(labelsize=10.5)
        below = -0.24 if ax is axes[-1] else -0.1  # the last panel has the step axis's labels
        # two columns of short names; the controls' long labels need one
        where = dict(loc="upper center", bbox_to_anchor=(0.5, below), ncols=1 if title == text["controls"] else 2) \
            if phone else \
            dict(loc="center left", bbox_to_anchor=(1.02, 0.5), ncols=1)
        ax.legend(fontsize=10.5, handlelength=2.2, labelspacing=0.25, borderaxespad=0, **where)
    axes[-1].set_xlabel(text["step"])


def draw_pieces(result, fig, text, phone=False):
    """Histograms of each layer's pre-activations (seeds pooled) before and after training, for the
    functions with a flat piece, the flat pieces shaded (its two columns fit a phone; the legend's
    three entries go one above the other there)."""
    names = [name for name in PIECES if name in result["histograms"]]  # the cache sorts the keys
    layers = len(result["histograms"][names[0]]["after"])
    axes = fig.subplots(len(names), layers, squeeze=False)
    for row, name in zip(axes, names):
        h, p = result["histograms"][name], result["pieces"][name]
        edges = h["edges"]
        bounds = [edges[0]] + p["breaks"] + [edges[-1]]
        for layer, ax in enumerate(row):
            ink = ax.xaxis.label.get_color()
            for (a, b), flat in zip(zip(bounds, bounds[1:]), p["flat"]):
                if flat:
                    ax.axvspan(a, b, color=ink, alpha=0.13, lw=0, label=text["flat"])
            for x in p["breaks"]:
                ax.axvline(x, color=ink, lw=0.8, alpha=0.6)
            for t, style in (("after", {"histtype": "stepfilled", "color": "C0", "alpha": 0.7}),
                             ("before", {"histtype": "step", "color": ink, "lw": 1.1})):
                counts = h[t][layer]["counts"]
                ax.hist(edges[:-1], bins=edges, weights=[c / h[t][layer]["total"] for c in counts],
                        label=text[t], **style)
            on = p["on_flat"]
            # on a phone the two shares go on two lines: one is wider than half the figure
            ax.set_title(text["on_flat"].replace(" → ", "\n→ " if phone else " → ").format(before=percent_range(min(on["before"][layer]),
                                                                     max(on["before"][layer]), True),
                                                after=percent_range(min(on["after"][layer]),
                                                                    max(on["after"][layer]), True)),
                         fontsize=10, loc="left")
            ax.set_xlim(edges[0], edges[-1])
            ax.set_yticks([])
            ax.grid(False)
            ax.tick_params(labelsize=10)
        row[0].set_ylabel(text.get(name, name), fontsize=12)
    for layer, ax in enumerate(axes[0]):
        ax.annotate(text["layer"].format(layer=layer + 1), (0.5, 1), xycoords="axes fraction",
                    xytext=(0, 36 if phone else 22), textcoords="offset points", ha="center", va="bottom",
                    fontsize=12)  # above the first row's titles, of two lines on a phone
    axes[-1][0].set_xlabel(text["preactivation"])
    axes[-1][-1].set_xlabel(text["preactivation"])
    handles, labels = axes[0][0].get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    order = [text["flat"], text["before"], text["after"]]
    fig.legend([unique[k] for k in order], order, loc="outside lower center", ncols=1 if phone else 3, fontsize=11)


def table(result):
    rows = []
    for f in result["functions"] + result["controls"]:
        a = result["accuracy"][f]
        rows.append({"function": f, "accuracy_min%": a["min"], "accuracy%": a["mean"], "accuracy_max%": a["max"],
                     "loss": result["final_loss"][f]["mean"], "steps_to": result["steps_to_slowest"][f],
                     "largest": result["largest"][f]["after"]})
    return rows


TEXT = {"step": "step", "loss": "training loss", "groups": {},
        "controls": "controls", "larger_rate": "{name}, rate {rate}",
        "Identity": "Identity (linear)", "SigmoidMinusHalf": "σ(x) − ½",
        "before": "before training", "after": "after training", "flat": "flat piece",
        "on_flat": "flat: {before} → {after}", "layer": "hidden layer {layer}",
        "preactivation": "pre-activation x"}

CLAIMS = {
    "same_init": "sum(runs[f]['init'] != runs[functions[0]]['init'] for f in functions + controls) == 0",
    "most_fit": "sorted(f for f in functions if accuracy[f]['min'] < fit_accuracy) == "
                "['Hardsigmoid', 'LogSigmoid', 'Sigmoid']",
    "relu_fast_sigmoid_not": "steps_to_slowest['ReLU'] <= steps[-1] and steps_to['Sigmoid'] == [None, None, None]",
    "hardsigmoid_middle": "largest['Hardsigmoid']['before'] < pieces['Hardsigmoid']['breaks'][1] and "
                          "largest['Hardsigmoid']['after'] < pieces['Hardsigmoid']['breaks'][1] and "
                          "pieces['Hardsigmoid']['breaks'][0] == -pieces['Hardsigmoid']['breaks'][1]",
    "hardsigmoid_linear": "accuracy['Hardsigmoid']['each'] == accuracy['Identity']['each'] and "
                          "accuracy['Identity']['min'] == accuracy['Identity']['max'] == linear['accuracy'] and "
                          "linear['gap_hardsigmoid'] < 1e-3",
    "hardsigmoid_larger_rate": "larger['Hardsigmoid']['accuracy']['min'] >= fit_accuracy and "
                               "larger['Hardsigmoid']['on_flat_range'][0] > 0.1",
    "sigmoid_lowest_but_one": "accuracy['Sigmoid']['max'] < "
                              "min(accuracy[f]['min'] for f in functions if f not in ['Sigmoid', 'Hardsigmoid'])",
    "centring_helps_little": "min(gain['centring']) > 0 and "
                             "accuracy['SigmoidMinusHalf']['max'] < accuracy['Tanh']['min'] - 0.1",
    "sigmoid_larger_rate": "min(gain['larger_rate']) > 0 and min(gain['rate_minus_centring']) > 0",
    "logsigmoid_one_seed": "accuracy['LogSigmoid']['min'] < fit_accuracy <= sorted(accuracy['LogSigmoid']['each'])[1]",
    "logsigmoid_mirror": "mirror['accuracy'] == mirror['original_accuracy'] and mirror['loss_gap'] < 0.01 and "
                         "mirror['original_accuracy'] == accuracy['LogSigmoid']['min']",
    "elu_celu_same": "elu_celu['loss_gap'] == 0 and elu_celu['accuracy_gap'] == 0",
    "close": "close['points_apart'] <= 4 and close['mean_gap_points'] < close['seed_range_points'] and "
             "close['widest'] == ['GELU', 'SiLU']",
    "shrink_flat_middle": "min(accuracy['Softshrink']['min'], accuracy['Hardshrink']['min']) >= fit_accuracy and "
                          "pieces['Softshrink']['on_flat_range']['after'][0] > 0.25 and "
                          "pieces['Hardshrink']['on_flat_range']['after'][0] > 0.25",
    "hardswish_curved": "pieces['Hardswish']['on_flat_range']['before'] == [0, 0] and "
                        "pieces['Hardswish']['breaks'] == pieces['Hardsigmoid']['breaks'] and "
                        "accuracy['Hardswish']['min'] >= fit_accuracy",
    "flat_used": "flat_others['min'] > 0 and flat_others['least'] == 'Hardswish' and flat_others['most'] == 'ReLU6'",
}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    torch.set_num_threads(1)  # as the build runs it: these many small steps are slower on more threads
    result = run(**CONFIG)
    for name in result["functions"] + result["controls"]:
        a = result["accuracy"][name]
        print(f"{name:16} test accuracy {100 * a['min']:.2f}-{100 * a['max']:.2f}% (mean {100 * a['mean']:.2f}%), "
              f"final loss {result['final_loss'][name]['mean']:.4f}, largest |pre-activation| "
              f"{result['largest'][name]['before']:.2f} before, {result['largest'][name]['after']:.2f} after")
    for name, e in result["larger"].items():
        print(f"{name} at learning rate {CONFIG['larger_rate']}: test accuracy "
              f"{100 * e['accuracy']['min']:.2f}-{100 * e['accuracy']['max']:.2f}%")
    print("linear classifier:", result["linear"], "mirror:", result["mirror"])
    text = {**TEXT, "groups": {"rectifiers": ["ReLU", "LeakyReLU", "PReLU", "RReLU", "ReLU6", "ELU", "CELU", "SELU",
                                              "Softplus"],
                               "gated": ["GELU", "SiLU", "Mish"],
                               "squashing": ["Sigmoid", "Tanh", "Softsign", "LogSigmoid"],
                               "hard": ["Hardtanh", "Hardsigmoid", "Hardswish"],
                               "shrink": ["Tanhshrink", "Softshrink", "Hardshrink"]}}
    for figure, size in FIGURES.items():
        fig = plt.figure(figsize=size, layout="constrained")
        draw(result, fig, text, figure)
        fig.savefig(f"toy_training_{figure}.png", dpi=150)
