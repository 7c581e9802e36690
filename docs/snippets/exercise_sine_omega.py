# A SIREN layer sin(omega0 * (W x + b)) is Linear(W' = omega0 W, b' = omega0 b) followed by plain sin:
# the same outputs, but the gradient with respect to the stored W is omega0 times larger.
import torch

torch.manual_seed(0)
omega0 = 30.0
x = torch.rand(1000, 2, dtype=torch.float64) * 2 - 1
W = (torch.rand(64, 2, dtype=torch.float64) - 0.5).requires_grad_(True)    # U(-1/n, 1/n), n = 2
b = (torch.rand(64, dtype=torch.float64) - 0.5).requires_grad_(True)
W2 = (omega0 * W).detach().requires_grad_(True)
b2 = (omega0 * b).detach().requires_grad_(True)

siren = torch.sin(omega0 * (x @ W.T + b))
folded = torch.sin(x @ W2.T + b2)
print("largest |difference of outputs|:     ", (siren - folded).abs().max().item())
siren.sum().backward()
folded.sum().backward()
print("gradient on W / gradient on W' = omega0 ?", torch.allclose(W.grad, omega0 * W2.grad))
