# A ReGLU feed-forward block whose two input matrices are the same matrix U,
# against a Squared ReLU feed-forward block with U: (ReLU(xU) ⊙ xU)W2 = ReLU(xU)² W2.
import torch

d_model, d_ff = 16, 64
x = torch.randn(8, d_model, dtype=torch.float64)
U = torch.randn(d_model, d_ff, dtype=torch.float64)
W2 = torch.randn(d_ff, d_model, dtype=torch.float64)

reglu_tied = (torch.relu(x @ U) * (x @ U)) @ W2
squared = (torch.relu(x @ U) ** 2) @ W2
print("largest difference:", (reglu_tied - squared).abs().max().item())
