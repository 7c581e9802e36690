# Where torch's softplus switches to the identity: beta * x > threshold.
import torch
import torch.nn.functional as F

x = torch.tensor([19.9, 20.0, 20.1], dtype=torch.float64, requires_grad=True)
y = F.softplus(x, beta=1.0, threshold=20.0)
exact = torch.log1p(torch.exp(x))
print("softplus(x) - x:      ", (y - x).tolist())
print("ln(1 + e^x) - x:      ", (exact - x).tolist())
y.sum().backward()
print("gradient from torch:  ", x.grad.tolist())
print("sigmoid(x), the exact:", torch.sigmoid(x).tolist())
