"""Vanishing and exploding gradients: the gradient of every layer of a deep MLP
at initialisation, with PyTorch's default initialisation and with named
initialisations scaled for each activation. Needs torch; matplotlib only to draw.

Backpropagation multiplies the gradient by W^T diag(f'(z)) at every layer: the
activation's derivative is one factor, the weights are the other. With square
layers, Xavier's variance 2 / (fan_in + fan_out) = 1 / width makes W^T keep a
vector's length on average, and a gain g multiplies it by about g."""
import math

import torch
from torch import nn

CONFIG = {
    "depth": 30,           # hidden layers, each Linear(width, width) then the activation
    "width": 128,
    "batch": 256,          # inputs x ~ N(0, 1), targets: random classes
    "classes": 10,
    "seeds": [0, 1, 2],
    "functions": ["Sigmoid", "Tanh", "ReLU", "GELU", "SELU"],
    # every function runs with PyTorch's default, then with each initialisation listed (biases zero)
    "inits": {"Sigmoid": ["xavier", "xavier_x4"], "Tanh": ["xavier", "xavier_tanh"],
              "ReLU": ["he"], "GELU": ["he"], "SELU": ["lecun"]},
}
FIGURES = {"main": [11, 4.4]}
PHONE = {"main": [4.0, 11.5]}  # the three panels one above the other


def gain(scheme):
    """The factor on the standard deviation of Xavier's normal initialisation."""
    return {"xavier": 1.0, "xavier_x4": 4.0, "xavier_tanh": nn.init.calculate_gain("tanh")}[scheme]


def init_(layer, scheme):
    if scheme.startswith("xavier"):   # Glorot and Bengio (2010): Var w = gain^2 * 2 / (fan_in + fan_out)
        nn.init.xavier_normal_(layer.weight, gain=gain(scheme))
    elif scheme == "he":              # He et al. (2015): Var w = 2 / fan_in
        nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
    elif scheme == "lecun":           # LeCun et al. (1998): Var w = 1 / fan_in, what SELU assumes
        nn.init.kaiming_normal_(layer.weight, nonlinearity="linear")
    else:
        raise ValueError(scheme)
    nn.init.zeros_(layer.bias)


def probe(function, init, depth, width, batch, classes, seed):
    """One backward pass at initialisation: the norm of dLoss/dW of every hidden
    layer (first to last) and the standard deviation of every hidden layer's output."""
    torch.manual_seed(seed)  # one seed: the same read-out layer, inputs and labels under every initialisation
    hidden = [nn.Linear(width, width) for _ in range(depth)]
    readout = nn.Linear(width, classes)
    x = torch.randn(batch, width)
    y = torch.randint(0, classes, (batch,))
    if init != "default":
        for layer in hidden:
            init_(layer, init)
    # float64: in float32 the first layers' gradients under sigmoid underflow to 0
    h, spread = x.double(), []
    act = getattr(nn, function)()
    for layer in hidden:
        h = act(layer.double()(h))
        spread.append(h.std().item())
    nn.functional.cross_entropy(readout.double()(h), y).backward()
    return [layer.weight.grad.norm().item() for layer in hidden], spread


def _gmean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def run(depth, width, batch, classes, seeds, functions, inits, log=print):
    """For every function and initialisation: the gradient norm of every layer
    (geometric mean over the seeds), the first layer's over the last layer's in
    each seed, its (depth - 1)-th root (the mean factor per layer), and the spread of
    the first and last hidden layers' outputs."""
    result = {"layers": list(range(1, depth + 1)), "functions": functions, "inits": {},
              "gains": {s: gain(s) for s in ("xavier", "xavier_x4", "xavier_tanh")},
              "grad_norm": {}, "seed_norms": {}, "ratio": {}, "per_layer": {}, "spread": {}}
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)})")
        names = ["default"] + list(inits[function])
        result["inits"][function] = names
        for key in ("grad_norm", "seed_norms", "ratio", "per_layer", "spread"):
            result[key][function] = {}
        for init in names:
            runs = [probe(function, init, depth, width, batch, classes, s) for s in seeds]
            norms = [r[0] for r in runs]
            ratios = [n[0] / n[-1] for n in norms]
            result["grad_norm"][function][init] = [_gmean([n[k] for n in norms]) for k in range(depth)]
            result["seed_norms"][function][init] = norms
            result["ratio"][function][init] = {"seeds": ratios, "min": min(ratios), "max": max(ratios),
                                               "mean": _gmean(ratios)}
            factors = [q ** (1 / (depth - 1)) for q in ratios]
            result["per_layer"][function][init] = {"min": min(factors), "max": max(factors)}
            result["spread"][function][init] = {"first": [r[1][0] for r in runs], "last": [r[1][-1] for r in runs],
                                                "last_over_first": [r[1][-1] / r[1][0] for r in runs]}
    return result


PANELS = [("default", [(f, "default") for f in ("Sigmoid", "Tanh", "ReLU", "GELU", "SELU")]),
          ("squashing", [("Sigmoid", "xavier"), ("Sigmoid", "xavier_x4"), ("Tanh", "xavier"), ("Tanh", "xavier_tanh")]),
          ("he_lecun", [("ReLU", "he"), ("GELU", "he"), ("SELU", "lecun")])]


def draw(result, fig, text, figure="main", phone=False):
    layers = result["layers"]
    functions = result["functions"]
    axes = fig.subplots(len(PANELS), 1, sharey=True) if phone else fig.subplots(1, len(PANELS), sharey=True)
    low = 1.0
    for ax, (title, curves) in zip(axes, PANELS):
        for function, init in curves:
            if function not in functions or init not in result["inits"][function]:
                continue
            colour = f"C{functions.index(function)}"
            style = "--" if init in ("xavier_x4", "xavier_tanh") else "-"
            # every curve divided by its own last layer: the left end is the first layer's ratio
            runs = [[v / n[-1] for v in n] for n in result["seed_norms"][function][init]]
            mean = [v / result["grad_norm"][function][init][-1] for v in result["grad_norm"][function][init]]
            lo = [min(r[k] for r in runs) for k in range(len(layers))]
            hi = [max(r[k] for r in runs) for k in range(len(layers))]
            low = min(low, min(lo))
            ax.fill_between(layers, lo, hi, color=colour, alpha=0.2, lw=0)
            scheme = text[init].format(gain=f"{result['gains'].get(init, 1):.3g}")
            label = text["curve"].format(name=text[function], init=scheme)
            ax.plot(layers, mean, color=colour, ls=style, label=label)
        ax.set_yscale("log")
        ax.set_xlabel(text["layer"])
        ax.set_title(text[title], fontsize=10)
        if phone:  # too narrow for a legend inside: under the panel's label
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), fontsize=10)
        else:
            ax.legend(loc="lower right", fontsize=8)  # every curve ends at 1 on the right: the corner below is empty
    if phone:
        fig.supylabel(text["norm"], fontsize=11)  # one label along the three panels
    else:
        axes[0].set_ylabel(text["norm"])
    axes[0].set_ylim(low / 30, None)


TEXT = {"Sigmoid": "Sigmoid", "Tanh": "Tanh", "ReLU": "ReLU", "GELU": "GELU", "SELU": "SELU",
        "layer": "hidden layer", "norm": "‖∂L/∂W‖ of the layer ÷ that of the last layer",
        "curve": "{name}, {init}", "default": "PyTorch's default", "xavier": "Xavier (gain 1)",
        "xavier_x4": "Xavier, gain {gain}", "xavier_tanh": "Xavier, gain {gain}", "he": "He", "lecun": "LeCun",
        "squashing": "Sigmoid and tanh: Xavier at two gains", "he_lecun": "He (ReLU, GELU), LeCun (SELU)"}

CLAIMS = {
    "default_sigmoid_vanishes": "ratio['Sigmoid']['default']['max'] < 1e-20",
    "default_shrinks_all": "max([ratio['Sigmoid']['default']['max'], ratio['Tanh']['default']['max'], "
                           "ratio['ReLU']['default']['max'], ratio['GELU']['default']['max'], "
                           "ratio['SELU']['default']['max']]) < 1e-2",
    "sigmoid_xavier_below_quarter": "per_layer['Sigmoid']['xavier']['max'] < 0.25",
    "sigmoid_x4_rescues_much": "ratio['Sigmoid']['xavier_x4']['min'] > 1e10 * ratio['Sigmoid']['xavier']['max']",
    "sigmoid_x4_still_vanishes": "ratio['Sigmoid']['xavier_x4']['max'] < 1e-4",
    "tanh_xavier_flat": "0.5 < ratio['Tanh']['xavier']['min'] and ratio['Tanh']['xavier']['max'] < 2",
    "tanh_xavier_shrinks_forward": "max(spread['Tanh']['xavier']['last_over_first']) < 1 / 3",
    "tanh_gain_explodes": "ratio['Tanh']['xavier_tanh']['min'] > 10",
    "tanh_gain_keeps_forward": "min(spread['Tanh']['xavier_tanh']['last_over_first']) > 0.75",
    "rectifiers_within_10x": "0.1 < min([ratio['ReLU']['he']['min'], ratio['GELU']['he']['min'], ratio['SELU']['lecun']['min']]) "
                             "and max([ratio['ReLU']['he']['max'], ratio['GELU']['he']['max'], ratio['SELU']['lecun']['max']]) < 10",
}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function, inits in result["ratio"].items():
        for init, r in inits.items():
            print(f"{function:8} {init:12} first/last {r['mean']:.3g} (seeds {r['min']:.3g} to {r['max']:.3g}), "
                  f"output spread {result['spread'][function][init]['first'][0]:.3g} -> "
                  f"{result['spread'][function][init]['last'][0]:.3g}")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("gradients.png", dpi=150)
