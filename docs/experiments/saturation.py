"""Saturation through depth, after Glorot and Bengio (2010): the activations of
every layer of a deep MLP at initialisation and during training. Needs torch;
matplotlib only to draw."""
import torch
from torch import nn

CONFIG = {
    "samples": 2000,       # inputs x ~ N(0, 1); classes from a fixed random two-layer teacher
    "inputs": 32,
    "classes": 10,
    "depth": 5,            # hidden layers
    "width": 128,
    "optimizer": "SGD",
    "learning_rate": 0.1,
    "batch": 32,
    "steps": 1500,
    "record_every": 100,
    "seed": 0,
    "functions": ["Sigmoid", "Tanh", "ReLU", "GELU"],
}
FIGURES = {"main": [12, 6]}
PERCENTILES = [2, 25, 50, 75, 98]


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


def train_step(net, opt, x, y, batch):
    """One step on a random mini-batch, cross-entropy loss."""
    idx = torch.randint(0, len(x), (batch,))
    opt.zero_grad()
    nn.functional.cross_entropy(net(x[idx]), y[idx]).backward()
    opt.step()


def hidden_outputs(net, x):
    """The output of every activation layer, first to last."""
    outputs = []
    with torch.no_grad():
        for module in net:
            x = module(x)
            if not isinstance(module, nn.Linear):
                outputs.append(x)
    return outputs


def summary(outputs):
    q = torch.tensor(PERCENTILES, dtype=torch.float32) / 100
    return [{"mean": h.mean().item(), "percentiles": torch.quantile(h.flatten(), q).tolist()} for h in outputs]


def train(function, samples, inputs, classes, depth, width, learning_rate, batch, steps, record_every, seed):
    x, y = teacher_data(samples, inputs, classes, seed)
    torch.manual_seed(seed)
    net = mlp(function, inputs, width, depth, classes)
    opt = torch.optim.SGD(net.parameters(), lr=learning_rate)
    start = summary(hidden_outputs(net, x))
    means, losses = [], []
    for step in range(steps + 1):
        if step % record_every == 0:
            means.append([h.mean().item() for h in hidden_outputs(net, x)])
            with torch.no_grad():
                losses.append(nn.functional.cross_entropy(net(x), y).item())
        if step == steps:
            break
        train_step(net, opt, x, y, batch)
    return {"start": start, "end": summary(hidden_outputs(net, x)), "means": means, "loss": losses}


def run(functions, optimizer, log=print, **config):
    """PyTorch's default initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as Glorot and Bengio used."""
    result = {"functions": functions, "steps": list(range(0, config["steps"] + 1, config["record_every"]))}
    for i, function in enumerate(functions, 1):
        log(f"{function} ({i}/{len(functions)}), {config['steps']} steps")
        result[function] = train(function, **config)
    return result


def draw(result, fig, text, figure="main"):
    functions = result["functions"]
    grid = fig.subplots(2, len(functions), squeeze=False)
    for col, function in enumerate(functions):
        r = result[function]
        top, bottom = grid[0][col], grid[1][col]
        for offset, stage, color in ((-0.18, "start", "C5"), (0.18, "end", "C0")):
            stats = [{"whislo": s["percentiles"][0], "q1": s["percentiles"][1], "med": s["percentiles"][2],
                      "q3": s["percentiles"][3], "whishi": s["percentiles"][4], "mean": s["mean"]}
                     for s in r[stage]]
            top.bxp(stats, positions=[k + 1 + offset for k in range(len(stats))], widths=0.3,
                    showfliers=False, showmeans=True, patch_artist=True, label=text[stage],
                    boxprops={"facecolor": color, "edgecolor": color, "alpha": 0.6},
                    medianprops={"color": color}, whiskerprops={"color": color}, capprops={"color": color},
                    meanprops={"marker": "o", "markerfacecolor": color, "markeredgecolor": color, "markersize": 3})
        top.set_xticks(range(1, len(r["start"]) + 1), [str(k) for k in range(1, len(r["start"]) + 1)])
        top.set_title(text[function])
        top.set_xlabel(text["layer"])
        for layer in range(len(r["start"])):
            bottom.plot(result["steps"], [m[layer] for m in r["means"]], color=f"C{layer}",
                        label=f"{text['layer']} {layer + 1}")
        bottom.set_xlabel(text["step"])
    grid[0][0].set_ylabel(text["values"])
    grid[1][0].set_ylabel(text["mean"])
    grid[0][-1].legend(fontsize=8, loc="upper right")
    grid[1][-1].legend(fontsize=8, loc="upper left")


TEXT = {"Sigmoid": "Sigmoid", "Tanh": "Tanh", "ReLU": "ReLU", "GELU": "GELU",
        "layer": "layer", "step": "training step", "start": "at initialisation", "end": "after training",
        "values": "activations (2–98th percentile)", "mean": "mean activation"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function in result["functions"]:
        r = result[function]
        print(f"{function:8} loss {r['loss'][0]:.3f} -> {r['loss'][-1]:.3f}; mean of the last layer "
              f"{r['start'][-1]['mean']:.3f} -> {r['end'][-1]['mean']:.3f}")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("saturation.png", dpi=150)
