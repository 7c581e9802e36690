# Snake_a(x) - x stays in [0, 1/a] while the slope still sweeps [0, 2]; and the mean for z ~ N(0, 1).
import math
import torch

x = torch.linspace(-4, 4, 80001, dtype=torch.float64, requires_grad=True)
z = torch.linspace(-12, 12, 24001, dtype=torch.float64)
density = torch.exp(-z**2 / 2) / math.sqrt(2 * math.pi)
print("    a   f - x in        1/a     slope in           E f(z)   (1 - e^(-2a^2))/(2a)")
for a in [0.5, 1.0, 2.0, 10.0, 100.0]:
    f = x + torch.sin(a * x) ** 2 / a
    (slope,) = torch.autograd.grad(f.sum(), x)
    ripple = (f - x).detach()
    mean = torch.trapezoid((z + torch.sin(a * z) ** 2 / a) * density, z).item()
    print(f"{a:5g}   [{ripple.min().item():.4f}, {ripple.max().item():.4f}]  {1 / a:.4f}"
          f"   [{slope.min().item():.4f}, {slope.max().item():.4f}]   {mean:.4f}   {(1 - math.exp(-2 * a * a)) / (2 * a):.4f}")
