# The share of exact zeros that Hardshrink makes of standard normal inputs, for three lambd.
import math
import torch
import torch.nn.functional as F

z = torch.randn(1_000_000, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
for lambd in (0.25, 0.5, 1.0):
    share = (F.hardshrink(z, lambd) == 0).double().mean().item()
    print(f"lambd = {lambd}: sampled {share:.4f}, erf(lambd/√2) = {math.erf(lambd / math.sqrt(2)):.4f}")
