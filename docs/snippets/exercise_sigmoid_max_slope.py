# The slope of sigmoid from autograd, compared with s(1 - s), and where it is largest.
import torch

x = (torch.arange(-8000, 8001, dtype=torch.float64) / 1000).requires_grad_(True)
s = torch.sigmoid(x)
s.sum().backward()
s = s.detach()
print("largest |autograd slope - s(1 - s)|:", (x.grad - s * (1 - s)).abs().max().item())
print("largest slope on the grid:          ", x.grad.max().item())
print("reached at x =                      ", x[x.grad.argmax()].item())
