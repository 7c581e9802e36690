# Swish_beta - ReLU = SiLU(-beta|x|)/beta: the largest gap to ReLU shrinks like 1/beta.
import torch
import torch.nn.functional as F

x = torch.linspace(-8, 8, 80001, dtype=torch.float64)
for beta in [0.5, 1.0, 2.0, 5.0, 20.0]:
    gap = x * torch.sigmoid(beta * x) - F.relu(x)
    error = (gap - F.silu(-beta * x.abs()) / beta).abs().max().item()
    i = gap.abs().argmax()
    print(f"beta = {beta:4g}: largest gap {gap.abs().max().item():.4f} at |x| = {x[i].abs().item():.4f},"
          f" beta * gap = {beta * gap.abs().max().item():.4f}, identity off by {error:.0e}")
