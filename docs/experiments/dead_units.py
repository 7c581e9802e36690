"""Dead units: the fraction of hidden units that output nothing positive for
any input, after training with a small and a large learning rate. Needs torch;
matplotlib only to draw."""
import torch
from torch import nn

from saturation import mlp, train_step, teacher_data

CONFIG = {
    "samples": 2000,       # the same teacher data as the saturation experiment
    "inputs": 32,
    "classes": 10,
    "depth": 3,            # hidden layers
    "width": 128,
    "optimizer": "Adam",
    "learning_rates": [0.001, 0.01],
    "batch": 64,
    "steps": 300,
    "record_every": 15,
    "seeds": [0, 1],
    "functions": ["ReLU", "LeakyReLU", "ELU", "GELU"],
}
FIGURES = {"main": [9, 4]}


def never_positive(net, x):
    """Per hidden layer, the fraction of units whose input is <= 0 on every sample."""
    fractions = []
    with torch.no_grad():
        for module in net[:-1]:
            if isinstance(module, nn.Linear):
                pre = module(x)
                fractions.append((pre <= 0).all(dim=0).float().mean().item())
            x = module(x)
    return fractions


def train(function, learning_rate, seed, samples, inputs, classes, depth, width, batch, steps, record_every):
    x, y = teacher_data(samples, inputs, classes, 0)
    torch.manual_seed(seed)
    net = mlp(function, inputs, width, depth, classes)
    opt = torch.optim.Adam(net.parameters(), lr=learning_rate)
    curve = []
    for step in range(steps + 1):
        if step % record_every == 0:
            curve.append(sum(never_positive(net, x)) / depth)
        if step == steps:
            break
        train_step(net, opt, x, y, batch)
    with torch.no_grad():
        loss = nn.functional.cross_entropy(net(x), y).item()
    return {"curve": curve, "layers": never_positive(net, x), "loss": loss}


def run(functions, learning_rates, seeds, optimizer, log=print, **config):
    result = {"functions": functions, "learning_rates": learning_rates,
              "steps": list(range(0, config["steps"] + 1, config["record_every"])), "runs": {}}
    # runs[function][k]: the k-th learning rate
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)}), {len(learning_rates)} learning rates x {len(seeds)} seeds")
        for lr in learning_rates:
            runs = [train(function, lr, seed, **config) for seed in seeds]
            result["runs"].setdefault(function, []).append({
                "curve": [sum(r["curve"][k] for r in runs) / len(runs) for k in range(len(runs[0]["curve"]))],
                "dead": sum(sum(r["layers"]) / len(r["layers"]) for r in runs) / len(runs),
                "dead_per_seed": [sum(r["layers"]) / len(r["layers"]) for r in runs],
                "loss": sum(r["loss"] for r in runs) / len(runs),
            })
    return result


def draw(result, fig, text, figure="main"):
    functions, rates = result["functions"], result["learning_rates"]
    axes = fig.subplots(1, len(rates), sharey=True)
    for k, (ax, lr) in enumerate(zip(axes, rates)):
        for i, function in enumerate(functions):
            r = result["runs"][function][k]
            ax.plot(result["steps"], [100 * v for v in r["curve"]], color=f"C{i}", ls=("-", "--", "-.", ":")[i % 4],
                    label=text[function])
        ax.set_title(text["rate"].format(lr=lr))
        ax.set_xlabel(text["step"])
    axes[0].set_ylabel(text["dead"])
    axes[0].set_ylim(-1, None)
    axes[-1].legend(loc="center right")


def table(result):
    rows = []
    for function in result["functions"]:
        row = {"function": function}
        for k, r in enumerate(result["runs"][function]):
            row[f"dead{k}%"] = r["dead"]
            row[f"loss{k}"] = r["loss"]
        rows.append(row)
    return rows


TEXT = {"ReLU": "ReLU", "LeakyReLU": "LeakyReLU", "ELU": "ELU", "GELU": "GELU",
        "rate": "Adam, learning rate {lr}", "step": "training step",
        "dead": "% of hidden units never positive"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function, runs in result["runs"].items():
        for lr, r in zip(result["learning_rates"], runs):
            print(f"{function:10} learning rate {lr:<6} never positive {100 * r['dead']:.1f}%, loss {r['loss']:.3f}")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("dead_units.png", dpi=150)
