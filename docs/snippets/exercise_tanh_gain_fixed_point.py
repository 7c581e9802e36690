# Variance of the pre-activations, layer after layer, in a wide tanh network without biases
# whose weights have standard deviation g/sqrt(fan_in): v -> g^2 E tanh(sqrt(v) z)^2, z ~ N(0, 1).
import math

import torch

z = torch.linspace(-10, 10, 10001, dtype=torch.float64)
density = torch.exp(-z**2 / 2) / math.sqrt(2 * math.pi)


def next_variance(v, g):
    return g**2 * torch.trapezoid(torch.tanh(math.sqrt(v) * z) ** 2 * density, z).item()


computed = 1 / math.sqrt(next_variance(1.0, 1.0))
for name, g in (("computed gain", computed), ("5/3          ", 5 / 3)):
    v, seen = 1.0, []
    for layer in range(1, 31):
        v = next_variance(v, g)
        if layer in (1, 2, 5, 10, 30):
            seen.append(f"{v:.4f}")
    print(f"{name} g = {g:.4f}: variance after 1, 2, 5, 10, 30 layers: {', '.join(seen)}")
