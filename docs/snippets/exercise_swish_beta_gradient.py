# A Swish whose beta is an nn.Parameter: autograd's d f/d beta against x^2 s(1 - s), s = sigmoid(beta x).
import torch
from torch import nn


class TrainableSwish(nn.Module):
    def __init__(self, beta=1.0):
        super().__init__()
        self.beta = nn.Parameter(torch.tensor(float(beta), dtype=torch.float64))

    def forward(self, x):
        return x * torch.sigmoid(self.beta * x)


act = TrainableSwish(beta=1.0)
print("trainable parameters:", [name for name, p in act.named_parameters() if p.requires_grad])
for x in [-3.0, -1.0, 0.0, 1.0, 3.0]:
    x = torch.tensor(x, dtype=torch.float64)
    (grad,) = torch.autograd.grad(act(x), act.beta)
    s = torch.sigmoid(act.beta * x)
    print(f"x = {x.item():4g}: autograd {grad.item():.6f}, x^2 s(1 - s) = {(x**2 * s * (1 - s)).item():.6f}")
