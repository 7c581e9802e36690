# The lowest point of SiLU on a fine grid, and the claim SiLU(x0) = x0 + 1.
import torch
import torch.nn.functional as F

x = torch.linspace(-3, 0, 3_000_001, dtype=torch.float64)
y = F.silu(x)
i = y.argmin()
print(f"x0 on the grid:  {x[i].item():.6f}")
print(f"SiLU(x0):        {y[i].item():.6f}")
print(f"x0 + 1:          {x[i].item() + 1:.6f}")
print(f"x0 + 1 + e^(x0): {(x[i] + 1 + torch.exp(x[i])).item():.1e}")
