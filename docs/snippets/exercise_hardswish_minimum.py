# Where Hardswish is lowest and where it is steepest, found on a fine grid with autograd.
import torch
import torch.nn.functional as F

x = torch.linspace(-4, 4, 80001, dtype=torch.float64, requires_grad=True)
f = F.hardswish(x)
(df,) = torch.autograd.grad(f.sum(), x)
x, f = x.detach(), f.detach()
i, j = f.argmin(), df.argmax()
print(f"smallest value {f[i].item():.6f} at x = {x[i].item():.4f}")
print(f"largest slope  {df[j].item():.6f} at x = {x[j].item():.4f}")
