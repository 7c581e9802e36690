"""Training on a toy problem: a small MLP learns a two-arm spiral with each
activation; loss curves over several seeds and the decision boundaries. Needs
torch; matplotlib only to draw."""
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
}
FIGURES = {"boundaries": [12, 8], "loss": [12, 4]}


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
    layers, width = [], 2
    for h in hidden:
        layers += [nn.Linear(width, h), getattr(nn, function)()]
        width = h
    return nn.Sequential(*layers, nn.Linear(width, 2))


def train(function, seed, data, hidden, learning_rate, steps, record_every):
    (x, y), (x_test, y_test) = data
    torch.manual_seed(seed)
    net = make_net(function, hidden)
    opt = torch.optim.Adam(net.parameters(), lr=learning_rate)
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
        accuracy = (net(x_test).argmax(1) == y_test).float().mean().item()
    return net, losses, accuracy


def run(points, noise, turns, hidden, optimizer, learning_rate, steps, record_every, seeds, grid,
        functions, left_out, log=print):
    data = spiral(points, noise, turns, seed=0), spiral(points, noise, turns, seed=1)
    side = torch.linspace(-2.5, 2.5, grid)
    gx, gy = torch.meshgrid(side, side, indexing="xy")
    plane = torch.stack([gx.flatten(), gy.flatten()], dim=1)
    result = {"functions": functions, "steps": list(range(0, steps + 1, record_every)), "extent": [-2.5, 2.5],
              "train": data[0][0].tolist(), "labels": data[0][1].tolist(), "runs": {}}
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)}), {len(seeds)} seeds")
        curves, accuracies = [], []
        for seed in seeds:
            net, losses, accuracy = train(function, seed, data, hidden, learning_rate, steps, record_every)
            curves.append(losses)
            accuracies.append(accuracy)
            if seed == seeds[0]:
                with torch.no_grad():
                    p = torch.softmax(net(plane), dim=1)[:, 1]
                boundary = [[round(v, 3) for v in row] for row in p.reshape(grid, grid).tolist()]
        result["runs"][function] = {"loss": curves, "accuracy": accuracies, "boundary": boundary}
    return result


def draw(result, fig, text, figure="boundaries"):
    if figure == "loss":
        return draw_loss(result, fig, text)
    functions = result["functions"]
    cols = 6
    rows = math.ceil(len(functions) / cols)
    axes = fig.subplots(rows, cols, squeeze=False).flatten()
    lo, hi = result["extent"]
    x = torch.tensor(result["train"])
    colors = ["C0" if label == 0 else "C1" for label in result["labels"]]
    for ax, function in zip(axes, functions):
        r = result["runs"][function]
        ax.imshow(r["boundary"], extent=(lo, hi, lo, hi), origin="lower", cmap="RdBu_r", vmin=0, vmax=1,
                  alpha=0.45, interpolation="bilinear")
        ax.scatter(x[:, 0], x[:, 1], s=2, c=colors, linewidths=0)
        mean_accuracy = sum(r["accuracy"]) / len(r["accuracy"])
        ax.set_title(f"{text.get(function, function)}\n{100 * mean_accuracy:.0f}%", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    for ax in axes[len(functions):]:
        ax.axis("off")


def draw_loss(result, fig, text):
    """Mean loss and its range over the seeds, one panel per group of functions."""
    groups = text["groups"]
    axes = fig.subplots(1, len(groups), sharey=True, squeeze=False)[0]
    steps = result["steps"]
    for ax, (title, functions) in zip(axes, groups.items()):
        for i, function in enumerate(functions):
            curves = result["runs"][function]["loss"]
            mean = [sum(c[k] for c in curves) / len(curves) for k in range(len(steps))]
            ax.fill_between(steps, [min(c[k] for c in curves) for k in range(len(steps))],
                            [max(c[k] for c in curves) for k in range(len(steps))], color=f"C{i}", alpha=0.2,
                            linewidth=0)
            ax.plot(steps, mean, color=f"C{i}", lw=1.5, label=text.get(function, function))
        ax.set_yscale("log")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(text["step"])
        ax.legend(fontsize=7, loc="lower left")
    axes[0].set_ylabel(text["loss"])


def table(result):
    return [{"function": f, "loss": sum(c[-1] for c in r["loss"]) / len(r["loss"]),
             "accuracy%": sum(r["accuracy"]) / len(r["accuracy"])} for f, r in result["runs"].items()]


TEXT = {"step": "step", "loss": "training loss (mean, range over seeds)",
        "groups": {"rectifiers": ["ReLU", "LeakyReLU", "PReLU", "RReLU", "ReLU6", "ELU", "CELU", "SELU"],
                   "gated": ["GELU", "SiLU", "Mish", "Softplus"],
                   "squashing": ["Sigmoid", "Tanh", "Softsign", "LogSigmoid"],
                   "hard and shrink": ["Hardtanh", "Hardsigmoid", "Hardswish", "Tanhshrink", "Softshrink", "Hardshrink"]}}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function, r in result["runs"].items():
        print(f"{function:12} final loss {sum(c[-1] for c in r['loss']) / len(r['loss']):.3f}, "
              f"test accuracy {100 * sum(r['accuracy']) / len(r['accuracy']):.1f}%")
    for figure, size in FIGURES.items():
        fig = plt.figure(figsize=size, layout="constrained")
        draw(result, fig, TEXT, figure)
        fig.savefig(f"toy_training_{figure}.png", dpi=150)
