# The formula as written, in float32, far on the left, against a rearranged form:
# for x < 0, (x + s)/2 = b / (2(s - x)) with s = sqrt(x² + b), and hypot(x, √b)
# computes s without squaring x. Then b = 0 in the formula, at x = 0.
import torch

b = 4.0
x = torch.tensor([-1e2, -1e3, -1e4, -1e20], dtype=torch.float32, requires_grad=True)
naive = (x + torch.sqrt(x * x + b)) / 2
naive.sum().backward()
s = torch.hypot(x.detach(), torch.tensor(b**0.5))
rearranged = torch.where(x.detach() >= 0, (x.detach() + s) / 2, b / (2 * (s - x.detach())))
for xi, n, g, r in zip(x.tolist(), naive.tolist(), x.grad.tolist(), rearranged.tolist()):
    print(f"x = {xi:8.0e}   formula {n:.6e} (gradient {g:.3e})   rearranged {r:.6e}   b/(4|x|) {b / (4 * abs(xi)):.6e}")

x0 = torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64, requires_grad=True)
y0 = (x0 + torch.sqrt(x0 * x0 + 0.0)) / 2
(g0,) = torch.autograd.grad(y0.sum(), x0)
(g_relu,) = torch.autograd.grad(torch.relu(x0).sum(), x0)
print("b = 0, x = -1, 0, 1:  f", y0.tolist(), " gradient", g0.tolist(), " ReLU's gradient", g_relu.tolist())
