# Far on the left: GELU(x) is close to -phi(x), SiLU(x) to x e^x, and GELU/SiLU shrinks fast.
import math
import torch
import torch.nn.functional as F

x = torch.tensor([-1.0, -2.0, -4.0, -6.0], dtype=torch.float64)
phi = torch.exp(-x**2 / 2) / math.sqrt(2 * math.pi)
show = lambda t: [f"{v:.4g}" for v in t.tolist()]
print("x:                 ", x.tolist())
print("GELU(x) / (-phi(x)):", show(F.gelu(x) / -phi))
print("SiLU(x) / (x e^x):  ", show(F.silu(x) / (x * torch.exp(x))))
print("GELU(x) / SiLU(x):  ", show(F.gelu(x) / F.silu(x)))
