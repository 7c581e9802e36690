# Maxout (Goodfellow et al., 2013): the largest of k learned linear functions.
import torch
from torch import nn


class Maxout(nn.Module):
    def __init__(self, in_features: int, out_features: int, pieces: int):
        super().__init__()
        self.pieces = pieces
        self.linear = nn.Linear(in_features, out_features * pieces)

    def forward(self, x):
        z = self.linear(x)                              # (..., out * pieces)
        z = z.view(*x.shape[:-1], -1, self.pieces)      # (..., out, pieces)
        return z.max(dim=-1).values                     # (..., out)


torch.manual_seed(0)  # the same random weights as the output shown
layer = Maxout(in_features=1, out_features=1, pieces=3)
x = torch.linspace(-2, 2, 5).unsqueeze(1)
print(layer(x).squeeze(1))

# With pieces z1 = x and z2 = 0 it is exactly ReLU; with z2 = 0.01 x, Leaky ReLU.
with torch.no_grad():
    relu_like = Maxout(1, 1, 2)
    relu_like.linear.weight.copy_(torch.tensor([[1.0], [0.0]]))
    relu_like.linear.bias.zero_()
print(relu_like(x).squeeze(1), torch.relu(x).squeeze(1))
