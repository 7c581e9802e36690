# Squareplus (b = 4): the two identities on a grid, then the left tail against
# b/(4|x|) and the slope (autograd) against b/(4x²), with Softplus beside it.
import torch
import torch.nn.functional as F

b = 4.0


def squareplus(x):
    return (x + torch.sqrt(x * x + b)) / 2


x = torch.linspace(-50, 50, 100001, dtype=torch.float64)
print("max |f(x) - f(-x) - x|:  ", (squareplus(x) - squareplus(-x) - x).abs().max().item())
print("max |f(x) f(-x) - b/4|:  ", (squareplus(x) * squareplus(-x) - b / 4).abs().max().item())

x = torch.tensor([-10.0, -100.0, -1000.0], dtype=torch.float64, requires_grad=True)
y = squareplus(x)
y.sum().backward()
print("      x    f(x)·4|x|/b   f'(x)·4x²/b    Softplus(x)   Softplus'(x)")
for xi, yi, gi in zip(x.tolist(), y.tolist(), x.grad.tolist()):
    t = torch.tensor(xi, dtype=torch.float64)
    print(f"{xi:7.0f}   {yi * 4 * abs(xi) / b:11.6f}   {gi * 4 * xi**2 / b:11.6f}"
          f"    {F.softplus(t).item():11.3e}   {torch.sigmoid(t).item():11.3e}")
