# A stack of wide sine layers with the SIREN weights (no biases, for simplicity): the spread of the
# pre-activations after the first layer, and the fixed point of v -> 1 - exp(-2 v) it settles near.
import math

import torch

torch.manual_seed(0)
omega0, width = 30.0, 256
side = torch.linspace(-1, 1, 64)
h = torch.cartesian_prod(side, side)                                  # 4096 points of [-1, 1]^2
n = h.shape[1]
z = h @ (omega0 * torch.empty(width, n).uniform_(-1 / n, 1 / n)).T    # first layer, omega0 folded in
for layer in range(1, 7):
    h = torch.sin(z)
    print(f"layer {layer}: std of pre-activations {z.std().item():.3f}   mean of sin^2 {h.pow(2).mean().item():.3f}")
    n = width
    a = math.sqrt(6 / n)                                              # effective U(-sqrt(6/n), sqrt(6/n))
    z = h @ torch.empty(width, n).uniform_(-a, a).T
v = 1.0
for _ in range(100):
    v = 1 - math.exp(-2 * v)
print(f"fixed point: variance {v:.3f}, std {math.sqrt(v):.3f}")
