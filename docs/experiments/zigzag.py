"""Zero-centred outputs: a unit whose inputs are all positive (sigmoid outputs)
gets weight gradients that all share one sign, and gradient descent zig-zags
towards weights of mixed signs. Inputs centred on zero (tanh outputs) do not.
Needs torch; matplotlib only to draw."""
import torch

CONFIG = {
    "samples": 1000,       # pre-activations z ~ N(0, 1) in 2 dimensions; the unit's inputs are f(z)
    "target": [1.0, -1.0],  # the weights that fit y = w* . f(z) exactly: signs differ
    "learning_rate": 1.0,  # stochastic gradient descent, one sample per step, squared error, from w = 0
    "steps": 200,
    "tolerance": 0.01,     # converged when |w - w*| < tolerance
    "fan_in": 100,         # for the sign count: one unit with 100 inputs
    "seed": 0,
    "functions": ["Sigmoid", "Tanh"],
}
FIGURES = {"main": [9, 4]}


def descend(h, y, learning_rate, steps):
    """SGD on (h_k . w - y_k)^2 / 2, sample k at step k; every iterate and gradient."""
    w = torch.zeros(h.shape[1], dtype=torch.float64)
    path, grads = [w.tolist()], []
    for k in range(steps):
        grad = (h[k] @ w - y[k]) * h[k]  # a multiple of the input h_k
        w = w - learning_rate * grad
        path.append(w.tolist())
        grads.append(grad.tolist())
    return path, grads


def same_sign_fraction(h):
    """Per sample, is every component of the unit's weight gradient delta * h of one sign?"""
    delta = torch.randn(len(h), 1, dtype=torch.float64)  # any back-propagated error
    g = delta * h
    return ((g > 0).all(dim=1) | (g < 0).all(dim=1)).double().mean().item()


def run(samples, target, learning_rate, steps, tolerance, fan_in, seed, functions, log=print):
    g = torch.Generator().manual_seed(seed)
    z = torch.randn(samples, 2, generator=g, dtype=torch.float64)
    wide = torch.randn(samples, fan_in, generator=g, dtype=torch.float64)
    result = {"functions": functions, "target": target, "fan_in": fan_in, "runs": {}}
    for function in functions:
        log(function)
        f = getattr(torch, function.lower())
        h = f(z)
        y = h @ torch.tensor(target, dtype=torch.float64)
        path, grads = descend(h, y, learning_rate, steps)
        error = [sum((a - b) ** 2 for a, b in zip(w, target)) ** 0.5 for w in path]
        eig = torch.linalg.eigvalsh(h.T @ h / samples).tolist()
        result["runs"][function] = {
            "path": path, "error": error,
            "steps_to_tolerance": next((k for k, e in enumerate(error) if e < tolerance), None),
            "same_sign_steps": sum((a > 0) == (b > 0) for a, b in grads) / len(grads),
            "same_sign_samples": same_sign_fraction(f(wide)),
            "mean_input": h.mean().item(), "condition": eig[-1] / eig[0],
        }
    return result


def draw(result, fig, text, figure="main"):
    paths, errors = fig.subplots(1, 2)
    tx, ty = result["target"]
    for i, function in enumerate(result["functions"]):
        r = result["runs"][function]
        xs, ys = zip(*r["path"])
        paths.plot(xs, ys, "-o", color=f"C{i}", ms=2.5, lw=1, label=text[function])
        errors.plot(range(len(r["error"])), r["error"], color=f"C{i}", label=text[function])
    paths.plot([tx], [ty], "*", color="C4", ms=12, label=text["target"])
    paths.plot([0], [0], "s", color="C5", ms=5)
    paths.set_xlabel("w₁")
    paths.set_ylabel("w₂")
    paths.set_aspect("equal", adjustable="datalim")
    paths.legend(loc="lower left", fontsize=9)
    errors.set_yscale("log")
    errors.set_ylim(1e-6, None)
    errors.set_xlabel(text["step"])
    errors.set_ylabel(text["error"])
    errors.legend()


TEXT = {"Sigmoid": "inputs σ(z) > 0", "Tanh": "inputs tanh(z), centred", "target": "w*",
        "step": "SGD step (one sample)", "error": "distance to w*"}

if __name__ == "__main__":
    import matplotlib.pyplot as plt

    result = run(**CONFIG)
    for function, r in result["runs"].items():
        print(f"{function:8} steps to |w - w*| < {CONFIG['tolerance']}: {r['steps_to_tolerance']}; "
              f"both gradient components of one sign in {100 * r['same_sign_steps']:.0f}% of steps; "
              f"all {CONFIG['fan_in']} components of one sign for {100 * r['same_sign_samples']:.0f}% of samples")
    fig = plt.figure(figsize=FIGURES["main"], layout="constrained")
    draw(result, fig, TEXT)
    fig.savefig("zigzag.png", dpi=150)
