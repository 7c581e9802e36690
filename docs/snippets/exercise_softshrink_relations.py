# Softshrink as the input minus a clamp, and as a difference of two shifted ReLUs.
import torch
import torch.nn.functional as F

lambd = 0.5
x = torch.linspace(-3, 3, 6001, dtype=torch.float64)
s = F.softshrink(x, lambd)
print("max |Softshrink(x) - (x - Hardtanh(x, -λ, λ))|:", (s - (x - F.hardtanh(x, -lambd, lambd))).abs().max().item())
print("max |Softshrink(x) - (relu(x - λ) - relu(-x - λ))|:", (s - (F.relu(x - lambd) - F.relu(-x - lambd))).abs().max().item())
