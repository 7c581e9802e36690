# Softplus as a squareplus with a varying b(x) = 4 Softplus(x) Softplus(-x),
# and Squareplus with b = 4 against Softplus (autograd for the derivatives at 0).
import math

import torch
import torch.nn.functional as F

x = torch.linspace(-20, 20, 400001, dtype=torch.float64)
s = F.softplus(x)
bx = 4 * s * F.softplus(-x)
rebuilt = (x + torch.sqrt(x * x + bx)) / 2
print("max |softplus - (x + sqrt(x² + b(x)))/2|:", (rebuilt - s).abs().max().item())
print(f"largest b(x): {bx.max().item():.6f} at x = {round(x[bx.argmax()].item(), 2) + 0.0};"
      f" 4 ln²2 = {4 * math.log(2) ** 2:.6f}")

gap = (x + torch.sqrt(x * x + 4)) / 2 - s
print(f"Squareplus(b=4) - Softplus on [-20, 20]: smallest {gap.min().item():.6f} at x = {x[gap.argmin()].item():.0f},"
      f" largest {gap.max().item():.6f} at x = {round(x[gap.argmax()].item(), 2) + 0.0}; 1 - ln 2 = {1 - math.log(2):.6f}")

for name, f in (("Squareplus, b = 4", lambda t: (t + torch.sqrt(t * t + 4)) / 2), ("Softplus", F.softplus)):
    t = torch.zeros((), dtype=torch.float64, requires_grad=True)
    (d1,) = torch.autograd.grad(f(t), t, create_graph=True)
    (d2,) = torch.autograd.grad(d1, t)
    print(f"{name:18s} f(0) = {f(t).item():.6f}   f'(0) = {d1.item():.6f}   f''(0) = {d2.item():.6f}")
