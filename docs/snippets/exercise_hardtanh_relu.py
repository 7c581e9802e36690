# Hardtanh built from two ReLUs: relu(x + 1) - relu(x - 1) - 1, values and gradients.
import torch
import torch.nn.functional as F

x = torch.linspace(-3, 3, 6001, dtype=torch.float64, requires_grad=True)
a = F.hardtanh(x)
b = F.relu(x + 1) - F.relu(x - 1) - 1
(da,) = torch.autograd.grad(a.sum(), x)
(db,) = torch.autograd.grad(b.sum(), x)
print("max |values differ|:   ", (a - b).abs().max().item())
print("gradients differ at x =", x[da != db].tolist())
