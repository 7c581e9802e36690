"""Vanishing and exploding gradients: the gradient of every layer of a deep MLP
at initialisation, with PyTorch's default initialisation and with the one that
suits the activation. Needs torch; matplotlib only to draw."""
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
    # initialisation that suits each function (biases zero)
    "suited_init": {"Sigmoid": "xavier", "Tanh": "xavier", "ReLU": "he", "GELU": "he", "SELU": "lecun"},
}
FIGURES = {"main": [9, 4]}


def suited_init_(layer, scheme):
    if scheme == "xavier":      # Glorot and Bengio (2010): Var w = 2 / (fan_in + fan_out)
        nn.init.xavier_normal_(layer.weight)
    elif scheme == "he":        # He et al. (2015): Var w = 2 / fan_in
        nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
    elif scheme == "lecun":     # LeCun: Var w = 1 / fan_in, what SELU assumes
        nn.init.kaiming_normal_(layer.weight, nonlinearity="linear")
    else:
        raise ValueError(scheme)
    nn.init.zeros_(layer.bias)


def layer_gradients(function, init, depth, width, batch, classes, seed, suited):
    """The norm of dLoss/dW for every hidden layer, first to last."""
    torch.manual_seed(seed)
    hidden = [nn.Linear(width, width) for _ in range(depth)]
    if init == "suited":
        for layer in hidden:
            suited_init_(layer, suited[function])
    layers = []
    for layer in hidden:
        layers += [layer, getattr(nn, function)()]
    # float64: in float32 the first layers' gradients under sigmoid underflow to 0
    net = nn.Sequential(*layers, nn.Linear(width, classes)).double()
    x = torch.randn(batch, width, dtype=torch.float64)
    y = torch.randint(0, classes, (batch,))
    nn.functional.cross_entropy(net(x), y).backward()
    return [layer.weight.grad.norm().item() for layer in hidden]


def run(depth, width, batch, classes, seeds, functions, suited_init, log=print):
    """Geometric mean over the seeds of every layer's gradient norm."""
    result = {"layers": list(range(1, depth + 1)), "functions": functions, "grad_norm": {}, "first_over_last": {}}
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)})")
        result["grad_norm"][function], result["first_over_last"][function] = {}, {}
        for init in ("default", "suited"):
            runs = [layer_gradients(function, init, depth, width, batch, classes, s, suited_init) for s in seeds]
            norms = [math.exp(sum(math.log(r[k]) for r in runs) / len(runs)) for k in range(depth)]
            result["grad_norm"][function][init] = norms
            result["first_over_last"][function][init] = norms[0] / norms[-1]
    result["quarter_power"] = 0.25 ** (depth - 1)  # what sigma' <= 1/4 allows from the last layer to the first
    return result


def draw(result, fig, text, figure="main"):
    layers = result["layers"]
    functions = result["functions"]
    axes = fig.subplots(1, 2, sharey=True)
    for ax, init in zip(axes, ("default", "suited")):
        for i, function in enumerate(functions):
            ax.plot(layers, result["grad_norm"][function][init], color=f"C{i}", label=text[function])
        last = result["grad_norm"]["Sigmoid"][init][-1]
        ax.plot(layers, [last * 0.25 ** (layers[-1] - l) for l in layers], color="C5", ls="--",
                lw=1.2, label=text["bound"])
        ax.set_yscale("log")
        ax.set_xlabel(text["layer"])
        ax.set_title(text[init])
    axes[0].set_ylabel(text["norm"])
    axes[1].legend(loc="lower right", fontsize=9)
    low = min(min(v) for f in functions for v in result["grad_norm"][f].values())
    axes[0].set_ylim(low / 10, None)


TEXT = {"Sigmoid": "Sigmoid", "Tanh": "Tanh", "ReLU": "ReLU", "GELU": "GELU", "SELU": "SELU",
        "bound": "σ′ ≤ 1/4 per layer", "layer": "layer", "norm": "‖∂L/∂W‖ at initialisation",
        "default": "PyTorch's default initialisation", "suited": "suited initialisation"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function, inits in result["grad_norm"].items():
        for init, norms in inits.items():
            print(f"{function:8} {init:8} first layer {norms[0]:.3g}, last layer {norms[-1]:.3g}")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("gradients.png", dpi=150)
