# E sin(z)^2 for z ~ N(0, s^2), by integration on a fine grid, against (1 - exp(-2 s^2)) / 2.
import math

import torch

u = torch.linspace(-12, 12, 240001, dtype=torch.float64)
du = u[1] - u[0]
density = torch.exp(-u**2 / 2) / math.sqrt(2 * math.pi)
for s in (0.5, 1.0, 2.0, 30.0):
    integral = (torch.sin(s * u) ** 2 * density).sum() * du
    print(f"s = {s:4}:  integral {integral.item():.6f}   (1 - exp(-2 s^2))/2 {(1 - math.exp(-2 * s * s)) / 2:.6f}")
print(f"gain at s = 1: 1/sqrt(E sin(z)^2) = {((1 - math.exp(-2)) / 2) ** -0.5:.6f}")
