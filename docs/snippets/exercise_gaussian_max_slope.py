# The slope of exp(-x^2) from autograd, against -2x exp(-x^2), and where |slope| is largest.
import math

import torch

x = torch.linspace(-4, 4, 800001, dtype=torch.float64, requires_grad=True)
y = torch.exp(-x * x)
y.sum().backward()
x0 = x.detach()
print("largest |autograd slope + 2x exp(-x^2)|:", (x.grad + 2 * x0 * torch.exp(-x0 * x0)).abs().max().item())
i = x.grad.abs().argmax()
print(f"largest |slope| on the grid: {x.grad.abs().max().item():.6f} at x = {x0[i].item():.6f}")
print(f"sqrt(2/e) = {math.sqrt(2 / math.e):.6f}, 1/sqrt(2) = {1 / math.sqrt(2):.6f}")
