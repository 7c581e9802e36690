# CELU with parameter alpha is alpha * ELU(x / alpha); its slope at 0 is 1 for every alpha.
import torch
import torch.nn.functional as F

x = torch.linspace(-10, 10, 20001, dtype=torch.float64)
zero = torch.zeros(1, dtype=torch.float64, requires_grad=True)
for alpha in [0.5, 2.0, 3.0]:
    gap = (F.celu(x, alpha=alpha) - alpha * F.elu(x / alpha)).abs().max().item()
    (slope,) = torch.autograd.grad(F.celu(zero, alpha=alpha).sum(), zero)
    print(f"alpha = {alpha}: largest |difference| {gap:.3g}, autograd slope at 0: {slope.item()}")
