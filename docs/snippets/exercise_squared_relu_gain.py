# The variance of the pre-activations, layer after layer, in a very wide network
# whose weights have variance gain²/fan_in: each step integrates E f(√v z)² for
# z ~ N(0, 1) against the normal density on a fine grid and multiplies by gain².
import torch

z = torch.linspace(-12, 12, 24001, dtype=torch.float64)
dz = (z[1] - z[0]).item()
density = torch.exp(-z**2 / 2) / (2 * torch.pi) ** 0.5


def next_variance(f, gain, v):
    return gain**2 * (f(v**0.5 * z) ** 2 * density).sum().item() * dz


def squared_relu(x):
    return torch.relu(x) ** 2


print(f"E f(z)^2 for Squared ReLU: {next_variance(squared_relu, 1.0, 1.0):.6f}")
for name, f, gain in (("ReLU, gain sqrt(2)", torch.relu, 2**0.5),
                      ("Squared ReLU, gain sqrt(2/3)", squared_relu, (2 / 3) ** 0.5)):
    print(f"{name}: variance at the input and after layers 1 to 6")
    for v in (0.9, 1.0, 1.1):
        row = [v]
        for layer in range(6):
            row.append(next_variance(f, gain, row[-1]))
        print("  " + "  ".join(f"{x:8.3g}" for x in row))
