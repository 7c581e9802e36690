# Softplus' = sigmoid (autograd) and Softplus(x) - Softplus(-x) = x, on a grid.
import torch
import torch.nn.functional as F

x = torch.linspace(-15, 15, 30001, dtype=torch.float64, requires_grad=True)
y = F.softplus(x)
y.sum().backward()
x0 = x.detach()
print("largest |autograd slope - sigmoid(x)|:   ", (x.grad - torch.sigmoid(x0)).abs().max().item())
print("largest |Softplus(x) - Softplus(-x) - x|:", (F.softplus(x0) - F.softplus(-x0) - x0).abs().max().item())
