# nn.GLU splits its input in two halves a, b and returns a * sigmoid(b).
import torch
from torch import nn
from torch.nn import functional as F

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


class GatedFFN(nn.Module):
    """A gated feed-forward block without biases: (gate(x W) * (x V)) W2.

    gate=F.silu is SwiGLU (the block of LLaMA), F.gelu GeGLU, F.relu ReGLU, torch.sigmoid GLU.
    """

    def __init__(self, dim: int, hidden: int, gate):
        super().__init__()
        self.gate = gate
        self.w = nn.Linear(dim, hidden, bias=False)
        self.v = nn.Linear(dim, hidden, bias=False)
        self.w2 = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.w2(self.gate(self.w(x)) * self.v(x))


blocks = {"SwiGLU": GatedFFN(4, 8, F.silu),
          "GeGLU": GatedFFN(4, 8, F.gelu),
          "ReGLU": GatedFFN(4, 8, F.relu)}
for block in blocks.values():  # the same weights in all three: only the gate differs
    block.load_state_dict(blocks["SwiGLU"].state_dict())
with torch.no_grad():
    for name, block in blocks.items():
        print(name, block(x))

    # The paper's formulas written out: GELU(z) = z * Phi(z), with Phi the normal CDF, and
    # max(0, z). Each block's output, rebuilt from its own weights with the written-out gate.
    def by_hand(block, gate):
        return (gate(x @ block.w.weight.T) * (x @ block.v.weight.T)) @ block.w2.weight.T

    gelu = lambda z: z * 0.5 * (1 + torch.erf(z / 2**0.5))
    relu = lambda z: torch.maximum(z, torch.zeros_like(z))
    print("GeGLU gate is GELU:", torch.allclose(blocks["GeGLU"](x), by_hand(blocks["GeGLU"], gelu)))
    print("ReGLU gate is ReLU:", torch.allclose(blocks["ReGLU"](x), by_hand(blocks["ReGLU"], relu)))
    print("GeGLU gate is ReLU:", torch.allclose(blocks["GeGLU"](x), by_hand(blocks["GeGLU"], relu)))

# Three 4 x 8 weight matrices each; a plain two-matrix block (x W1) W2 of hidden width 12
# has as many: 8 is two thirds of 12.
count = lambda m: sum(p.numel() for p in m.parameters())
print({name: count(block) for name, block in blocks.items()}, "parameters")
plain = nn.Sequential(nn.Linear(4, 12, bias=False), nn.ReLU(), nn.Linear(12, 4, bias=False))
print("plain ReLU block, hidden width 12:", count(plain), "parameters")
