# nn.GLU splits its input in two halves a, b and returns a * sigmoid(b).
import torch
from torch import nn

torch.manual_seed(0)  # the same random weights as the output shown
x = torch.tensor([[1.0, -2.0, 3.0, 0.5]])
a, b = x.chunk(2, dim=-1)
print(nn.GLU(dim=-1)(x), a * torch.sigmoid(b))

# A gated linear unit: two linear maps of the same input, xW + b and xV + c, the second
# through a sigmoid gate. One Linear layer of twice the width followed by nn.GLU is exactly that.
both = nn.Linear(4, 2 * 3)
W, V = both.weight.chunk(2, dim=0)
bw, bv = both.bias.chunk(2)
print(torch.allclose(nn.GLU(dim=-1)(both(x)), (x @ W.T + bw) * torch.sigmoid(x @ V.T + bv)))


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
