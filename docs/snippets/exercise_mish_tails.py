# Mish against SiLU far on the left (ratio) and on the right (distance to the line y = x).
import torch
import torch.nn.functional as F

show = lambda t: [f"{v:.4g}" for v in t.tolist()]
left = torch.tensor([-2.0, -5.0, -10.0, -20.0], dtype=torch.float64)
print("x:              ", left.tolist())
print("Mish(x)/SiLU(x):", show(F.mish(left) / F.silu(left)))
right = torch.tensor([2.0, 4.0, 8.0], dtype=torch.float64)
print("x:              ", right.tolist())
print("x - Mish(x):    ", show(right - F.mish(right)), " 2x e^(-2x):", show(2 * right * torch.exp(-2 * right)))
print("x - SiLU(x):    ", show(right - F.silu(right)), " x e^(-x):  ", show(right * torch.exp(-right)))
