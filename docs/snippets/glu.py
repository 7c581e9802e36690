# GLU splits its input in two halves a, b and returns a * sigmoid(b).
import torch
from torch import nn

x = torch.tensor([[1.0, -2.0, 3.0, 0.5]])
a, b = x.chunk(2, dim=-1)
print(nn.GLU(dim=-1)(x), a * torch.sigmoid(b))


class SwiGLU(nn.Module):
    """The feed-forward block of LLaMA-style Transformers: (SiLU(x W) * (x V)) W2."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.w = nn.Linear(dim, hidden, bias=False)
        self.v = nn.Linear(dim, hidden, bias=False)
        self.w2 = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.w2(nn.functional.silu(self.w(x)) * self.v(x))


block = SwiGLU(dim=4, hidden=8)
print(block(x))
print(sum(p.numel() for p in block.parameters()), "parameters")
