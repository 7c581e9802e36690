# XOR on four points: the best affine fit (least squares) against one hidden ReLU layer.
import torch

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
y = torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=torch.float64)

A = torch.cat([torch.ones(4, 1, dtype=torch.float64), X], dim=1)  # columns 1, x1, x2
coef = torch.linalg.lstsq(A, y.unsqueeze(1)).solution.squeeze(1)
fit = A @ coef
print("affine fit a + b x1 + c x2: a, b, c =", [round(v, 12) + 0.0 for v in coef.tolist()])
print("its outputs:", [round(v, 12) for v in fit.tolist()],
      " mean squared error:", round(((fit - y) ** 2).mean().item(), 12))

s = X.sum(dim=1)
relu_net = torch.relu(s) - 2 * torch.relu(s - 1)
print("ReLU(x1 + x2) - 2 ReLU(x1 + x2 - 1):", relu_net.tolist())
