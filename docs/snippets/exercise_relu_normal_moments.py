# Mean and standard deviation of ReLU(z) for z ~ N(0, 1), by integration on a fine grid.
import torch

z = torch.linspace(-12, 12, 240001, dtype=torch.float64)
dz = z[1] - z[0]
density = torch.exp(-z**2 / 2) / (2 * torch.pi) ** 0.5
y = torch.relu(z)
mean = (y * density).sum() * dz
std = ((y**2 * density).sum() * dz - mean**2).sqrt()
print(f"mean: integral {mean.item():.8f}   1/sqrt(2 pi)            {(2 * torch.pi) ** -0.5:.8f}")
print(f"std:  integral {std.item():.8f}   sqrt(1/2 - 1/(2 pi))    {(0.5 - 1 / (2 * torch.pi)) ** 0.5:.8f}")
