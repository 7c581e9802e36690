# ELU'(x) = ELU(x) + alpha for x <= 0, checked with autograd for several alphas.
import torch
import torch.nn.functional as F

x = torch.linspace(-10, 0, 10001, dtype=torch.float64, requires_grad=True)
for alpha in [0.5, 1.0, 2.0]:
    y = F.elu(x, alpha=alpha)
    (grad,) = torch.autograd.grad(y.sum(), x)
    gap = (grad - (y.detach() + alpha)).abs().max().item()
    print(f"alpha = {alpha}: largest |ELU'(x) - (ELU(x) + alpha)| on [-10, 0] is {gap:.3g}")
