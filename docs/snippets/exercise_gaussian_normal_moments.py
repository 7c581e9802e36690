# E exp(-a z^2) for z ~ N(0, 1), by integration on a fine grid, against 1/sqrt(1 + 2a).
import math

import torch

z = torch.linspace(-12, 12, 240001, dtype=torch.float64)
dz = z[1] - z[0]
density = torch.exp(-z**2 / 2) / math.sqrt(2 * math.pi)
for a, what in ((1, "E f(z)  "), (2, "E f(z)^2")):
    integral = (torch.exp(-a * z**2) * density).sum() * dz
    print(f"{what}: integral {integral.item():.6f}   1/sqrt({1 + 2 * a}) {1 / math.sqrt(1 + 2 * a):.6f}")
print(f"std:  sqrt(1/sqrt(5) - 1/3) = {math.sqrt(5 ** -0.5 - 1 / 3):.6f}")
print(f"gain: 5^(1/4)               = {5 ** 0.25:.6f}")
