# Two linear layers with the identity between them are one linear layer:
# W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2).
import torch
from torch import nn

torch.manual_seed(0)
deep = nn.Sequential(nn.Linear(3, 5), nn.Identity(), nn.Linear(5, 2)).double()
first, last = deep[0], deep[2]

one = nn.Linear(3, 2).double()
with torch.no_grad():
    one.weight.copy_(last.weight @ first.weight)
    one.bias.copy_(last.weight @ first.bias + last.bias)

x = torch.randn(1000, 3, dtype=torch.float64)
print("largest |deep(x) - one(x)|:", (deep(x) - one(x)).abs().max().item())
print("parameters: deep", sum(p.numel() for p in deep.parameters()),
      "one layer", sum(p.numel() for p in one.parameters()))
