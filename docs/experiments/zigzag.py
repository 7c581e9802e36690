"""Zero-centred outputs: a unit whose inputs are all positive (sigmoid outputs)
gets weight updates whose components all share one sign, so gradient descent
zig-zags towards weights of mixed signs, and the loss surface is ill-conditioned.
Two causes are kept apart: the inputs' mean (centring, at equal variance) and
their spread (variance, at equal shape), each with its learning rate tuned.
Needs torch; matplotlib only to draw."""
import torch

CONFIG = {
    "samples": 1000,         # per data set: pre-activations z ~ N(0, 1) in 2 dimensions
    "repeats": 10,           # independent data sets, drawn in turn from one generator
    "seed": 0,
    "functions": ["Sigmoid", "Tanh"],
    # the unit's inputs h, made from the same z: sigmoid(z); sigmoid(z) - 1/2 (the same variance,
    # mean 0); 2 sigmoid(z) - 1 (centred, 4 times the variance); tanh(z) = 2 sigmoid(2z) - 1
    "unit_inputs": ["sigmoid", "sigmoid_minus_half", "twice_sigmoid_minus_one", "tanh"],
    "target": [1.0, -1.0],   # the weights that fit y = w* . h exactly: signs differ
    # SGD on (h . w - y)^2 / 2, one sample per step in order, from w = 0; each input is run at every
    # learning rate of this grid (two per doubling: 4 times each rate up to 8 is on it too)
    "learning_rates": [0.25, 0.375, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32],
    "shared_learning_rate": 1,  # the one rate all inputs also get, for the comparison at a shared rate
    "steps": 1000,
    "tolerance": 0.01,       # converged when |w - w*| < tolerance
    "fan_in": 100,           # for the sign count: one unit with 100 inputs
}
FIGURES = {"main": [8.4, 4.8]}
PHONE = {"main": [4.0, 8.6]}  # the path above the sweep

FORMULA = {"sigmoid": "σ(z)", "sigmoid_minus_half": "σ(z) − ½",
           "twice_sigmoid_minus_one": "2σ(z) − 1", "tanh": "tanh(z)"}
INPUTS = {
    "sigmoid": lambda z: torch.sigmoid(z),
    "sigmoid_minus_half": lambda z: torch.sigmoid(z) - 0.5,
    "twice_sigmoid_minus_one": lambda z: 2 * torch.sigmoid(z) - 1,
    "tanh": lambda z: torch.tanh(z),
}


def descend(h, y, target, learning_rates, steps, tolerance):
    """SGD for every data set, input and learning rate at once. h: (repeats, inputs, samples, 2).
    For each run: the step at which |w - w*| first fell below the tolerance (-1: never), and, over
    the updates made before that, how many were zero and how many had both components of one sign."""
    repeats, inputs, samples, _ = h.shape
    lr = torch.tensor(learning_rates, dtype=torch.float64)[None, None, :, None]
    w = torch.zeros(repeats, inputs, len(learning_rates), 2, dtype=torch.float64)
    t = torch.tensor(target, dtype=torch.float64)
    reached = torch.full(w.shape[:3], -1, dtype=torch.long)
    nonzero = torch.zeros(w.shape[:3], dtype=torch.long)
    same = torch.zeros(w.shape[:3], dtype=torch.long)
    zero = torch.zeros(w.shape[:3], dtype=torch.long)
    for k in range(steps):
        hk = h[:, :, k % samples, None, :]                      # (repeats, inputs, 1, 2)
        delta = (w * hk).sum(-1) - y[:, :, k % samples, None]   # the error, one per run
        update = -lr * delta[..., None] * hk                    # a multiple of the input h_k
        active = reached < 0
        nonzero += active & (update != 0).all(-1)
        zero += active & (update == 0).all(-1)
        same += active & (update != 0).all(-1) & (update[..., 0] * update[..., 1] > 0)
        w = w + update
        reached[active & ((w - t).norm(dim=-1) < tolerance)] = k + 1
        if not (reached < 0).any():
            break
    return reached, nonzero, same, zero


def path(h, y, learning_rate, steps, tolerance, target):
    """One run's weights after each step, until they come within the tolerance."""
    w, t = torch.zeros(2, dtype=torch.float64), torch.tensor(target, dtype=torch.float64)
    out = [w.tolist()]
    for k in range(steps):
        w = w - learning_rate * (h[k % len(h)] @ w - y[k % len(h)]) * h[k % len(h)]
        out.append(w.tolist())
        if (w - t).norm() < tolerance:
            break
    return out


def spread(values):
    """Median, min and max of a list of numbers."""
    s = sorted(values)
    n = len(s)
    return {"median": (s[(n - 1) // 2] + s[n // 2]) / 2, "min": s[0], "max": s[-1]}


def run(samples, repeats, seed, functions, unit_inputs, target, learning_rates, shared_learning_rate,
        steps, tolerance, fan_in, log=print):
    g = torch.Generator().manual_seed(seed)
    z = torch.randn(repeats, samples, 2, generator=g, dtype=torch.float64)
    wide = torch.randn(samples, fan_in, generator=g, dtype=torch.float64)
    error = torch.randn(samples, 1, generator=g, dtype=torch.float64)  # any back-propagated error
    h = torch.stack([INPUTS[name](z) for name in unit_inputs], dim=1)   # (repeats, inputs, samples, 2)
    y = h @ torch.tensor(target, dtype=torch.float64)
    log(f"SGD: {repeats} data sets x {len(unit_inputs)} inputs x {len(learning_rates)} learning rates")
    reached, nonzero, same, zero = descend(h, y, target, learning_rates, steps, tolerance)
    shared = learning_rates.index(shared_learning_rate)
    result = {"unit_inputs": unit_inputs, "target": target, "fan_in": fan_in, "repeats": repeats,
              "tolerance": tolerance, "steps": steps, "learning_rates": learning_rates,
              "shared_learning_rate": shared_learning_rate}
    keys = ("runs", "best_lr", "largest_lr", "best", "shared", "same_sign", "same_sign_wide", "mean",
            "variance", "condition", "lambda_max", "path")
    result.update({k: {} for k in keys}, best_at_edge=[])
    for i, name in enumerate(unit_inputs):
        runs = [[int(reached[r, i, j]) if reached[r, i, j] > 0 else None for r in range(repeats)]
                for j in range(len(learning_rates))]
        # one learning rate per input: where the slowest data set converged soonest (then the median)
        ok = [j for j, s in enumerate(runs) if None not in s]
        j = min(ok, key=lambda j: (max(runs[j]), spread(runs[j])["median"], j))
        second = h[:, i].transpose(1, 2) @ h[:, i] / samples       # E[h h^T] of each data set
        eig = torch.linalg.eigvalsh(second)
        n, s_, z_ = (int(c[:, i, j].sum()) for c in (nonzero, same, zero))
        g_wide = error * INPUTS[name](wide)
        result["runs"][name] = runs
        result["best_lr"][name] = learning_rates[j]
        result["largest_lr"][name] = learning_rates[max(ok)]
        result["best_at_edge"].append(j in (0, len(learning_rates) - 1))
        result["best"][name] = {**spread(runs[j]), "each": runs[j]}
        result["shared"][name] = {**spread(runs[shared]), "each": runs[shared]}
        result["same_sign"][name] = {"updates": n, "same": s_, "zero": z_, "fraction": s_ / n}
        result["same_sign_wide"][name] = ((g_wide > 0).all(1) | (g_wide < 0).all(1)).double().mean().item()
        result["mean"][name] = h[:, i].mean().item()
        result["variance"][name] = h[:, i].var().item()
        condition = (eig[:, -1] / eig[:, 0]).tolist()
        result["condition"][name] = {**spread(condition), "each": condition}
        result["lambda_max"][name] = eig[:, -1].mean().item()  # the largest curvature, mean
        result["path"][name] = path(h[0, i], y[0, i], learning_rates[j], steps, tolerance, target)
    b, c = result["best"], result["shared"]
    # sigmoid against sigmoid - 1/2 at each rate up to the shared one: the same variance, rate and data
    pairs = [list(zip(result["runs"]["sigmoid"][j], result["runs"]["sigmoid_minus_half"][j]))
             for j in range(shared + 1)]
    ratios = [a / t for p in pairs if all(a and t for a, t in p) for a, t in p]
    result["centring_up_to_shared"] = {"min": min(ratios), "max": max(ratios),
                                       "all_converged": len(ratios) == repeats * (shared + 1)}

    def ratio(of, larger, smaller):  # the ratios, data set by data set: median, min, max
        return spread([a / t for a, t in zip(of[larger]["each"], of[smaller]["each"])])

    result["condition_ratio"] = ratio(result["condition"], "sigmoid", "sigmoid_minus_half")
    result["factor"] = {
        "shared_total": ratio(c, "sigmoid", "tanh"),
        "shared_spread": ratio(c, "sigmoid_minus_half", "twice_sigmoid_minus_one"),
        "best_total": ratio(b, "sigmoid", "tanh"),
        "best_centring": ratio(b, "sigmoid", "sigmoid_minus_half"),
        "best_spread": ratio(b, "sigmoid_minus_half", "twice_sigmoid_minus_one"),
        "best_tanh": ratio(b, "tanh", "sigmoid_minus_half"),
    }
    return result


def table(result):
    return [{"function": FORMULA[name], "mean": result["mean"][name],
             "variance": result["variance"][name], "condition": result["condition"][name]["median"],
             "lambda_max": result["lambda_max"][name],
             "shared": result["shared"][name]["median"],
             "best_lr": result["best_lr"][name], "best": result["best"][name]["median"],
             "same_sign%": result["same_sign"][name]["fraction"]} for name in result["unit_inputs"]]


def draw(result, fig, text, figure="main", phone=False):
    paths, sweep = fig.subplots(2, 1) if phone else fig.subplots(1, 2, width_ratios=[1, 1.25])
    colour = {name: f"C{i}" for i, name in enumerate(result["unit_inputs"])}
    lrs = result["learning_rates"]
    for name in result["unit_inputs"]:
        runs = result["runs"][name]
        done = [(lr, sorted(s)) for lr, s in zip(lrs, runs) if None not in s]
        xs = [lr for lr, _ in done]
        mid = [(s[(len(s) - 1) // 2] + s[len(s) // 2]) / 2 for _, s in done]
        sweep.fill_between(xs, [s[0] for _, s in done], [s[-1] for _, s in done], color=colour[name],
                           alpha=0.18, lw=0)
        sweep.plot(xs, mid, "-", color=colour[name], lw=1.8, label=text[name])
        best = result["best_lr"][name]
        sweep.plot([best], [result["best"][name]["median"]], "o", color=colour[name], ms=7)
    sweep.axvline(result["shared_learning_rate"], color="0.5", ls=":", lw=1.2)
    sweep.set_xscale("log", base=2)
    sweep.set_xticks([2.0 ** k for k in range(-8, 9) if lrs[0] <= 2.0 ** k <= lrs[-1]])
    sweep.xaxis.set_major_formatter(lambda v, _: f"{v:g}")
    sweep.xaxis.set_minor_formatter(lambda v, _: "")
    sweep.set_xlim(lrs[0] / 1.2, lrs[-1] * 1.2)
    sweep.set_yscale("log")
    sweep.set_xlabel(text["learning_rate"])
    sweep.set_ylabel(text["steps"].format(tolerance=result["tolerance"]))
    sweep.set_title(text["sweep"], loc="left", fontsize=12)
    for name in ("sigmoid", "sigmoid_minus_half"):
        xs, ys = zip(*result["path"][name])
        paths.plot(xs, ys, "-o", color=colour[name], ms=2.5, lw=1)
    tx, ty = result["target"]
    ink = paths.xaxis.label.get_color()  # the theme's text colour, dark or light
    paths.plot([tx], [ty], "*", color=ink, ms=13, zorder=5)
    paths.plot([0], [0], "s", color=ink, ms=6, zorder=5)
    paths.annotate("w*", (tx, ty), xytext=(4, -10), textcoords="offset points", fontsize=12, va="top")
    paths.annotate(text["start"], (0, 0), xytext=(-8, 6), textcoords="offset points", fontsize=11,
                   ha="right")
    paths.set_xlabel("w₁")
    paths.set_ylabel("w₂")
    paths.set_aspect("equal", adjustable="datalim")
    paths.set_title(text["paths"], loc="left", fontsize=12)
    for ax in (paths, sweep):
        ax.tick_params(labelsize=11)
    fig.legend(loc="outside lower center", ncols=2 if phone else 4, fontsize=11, frameon=False, handlelength=1.5)


TEXT = {"sigmoid": "σ(z)", "sigmoid_minus_half": "σ(z) − ½", "twice_sigmoid_minus_one": "2σ(z) − 1",
        "tanh": "tanh(z)", "start": "w = 0", "learning_rate": "learning rate (log scale)",
        "steps": "SGD steps until |w − w*| < {tolerance}",
        "paths": "weights, step by step", "sweep": "steps to converge"}

CLAIMS = {
    "positive_one_sign": "same_sign['sigmoid']['fraction'] == 1 and same_sign['sigmoid']['zero'] == 0",
    "centred_mixed_signs": "0.4 < same_sign['sigmoid_minus_half']['fraction'] < 0.6 and "
                           "same_sign['twice_sigmoid_minus_one'] == same_sign['sigmoid_minus_half'] and "
                           "0.4 < same_sign['tanh']['fraction'] < 0.6",
    "wide_one_sign": "same_sign_wide['sigmoid'] == 1 and same_sign_wide['sigmoid_minus_half'] == 0 and "
                     "same_sign_wide['tanh'] == 0",
    "ill_conditioned": "condition['sigmoid']['min'] > "
                       "5 * max(condition['sigmoid_minus_half']['max'], condition['tanh']['max'])",
    "shared_rate_centring_little": "centring_up_to_shared['all_converged'] and "
                                   "0.75 < centring_up_to_shared['min'] and centring_up_to_shared['max'] < 1.33",
    "shared_rate_spread": "factor['shared_spread']['min'] > 3 and "
                          "shared['tanh']['max'] < shared['sigmoid_minus_half']['min']",
    "tuned_inside_grid": "not any(best_at_edge)",
    "centring_larger_rate": "largest_lr['sigmoid_minus_half'] >= 4 * largest_lr['sigmoid']",
    "tuned_centring": "factor['best_centring']['min'] > 1",
    "tuned_spread_nothing": "best['twice_sigmoid_minus_one']['each'] == best['sigmoid_minus_half']['each'] and "
                            "best_lr['sigmoid_minus_half'] == 4 * best_lr['twice_sigmoid_minus_one']",
    "tuned_tanh_mixed": "factor['best_tanh']['min'] < 1 < factor['best_tanh']['max']",
    "steps_below_condition": "factor['best_centring']['max'] < condition_ratio['min']",
    "tuned_gap_smaller": "factor['best_total']['min'] > 1 and "
                         "factor['best_total']['median'] < factor['shared_total']['median'] / 2",
}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for name in result["unit_inputs"]:
        b, c = result["best"][name], result["shared"][name]
        print(f"{name:24} mean {result['mean'][name]:+.3f} var {result['variance'][name]:.3f} "
              f"condition {result['condition'][name]['median']:.2f}; "
              f"steps at lr {CONFIG['shared_learning_rate']}: "
              f"{c['median']:g} ({c['min']}-{c['max']}); at its best lr {result['best_lr'][name]}: "
              f"{b['median']:g} ({b['min']}-{b['max']}); same-sign updates "
              f"{100 * result['same_sign'][name]['fraction']:.1f}% of {result['same_sign'][name]['updates']}")
    print(result["factor"])
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("zigzag.png", dpi=150)
