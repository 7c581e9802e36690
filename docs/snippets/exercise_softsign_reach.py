# The input that brings Softsign and tanh to 1 - eps, and the slope (autograd) there.
import torch
import torch.nn.functional as F

eps = torch.tensor([0.1, 0.01, 0.001], dtype=torch.float64)
y = 1 - eps
print("eps:", eps.tolist())
for name, f, x in (("Softsign", F.softsign, y / (1 - y)), ("tanh", torch.tanh, torch.atanh(y))):
    x = x.clone().requires_grad_(True)
    out = f(x)
    out.sum().backward()
    print(f"{name:8}  x = {[f'{v:.4g}' for v in x.tolist()]}   f(x) = {[f'{v:.4g}' for v in out.tolist()]}"
          f"   f'(x) = {[f'{v:.3g}' for v in x.grad.tolist()]}")
