# E f(z)^2 for z ~ N(0, 1) and the gain 1/sqrt(E f(z)^2) of Swish_beta, by quadrature.
import math
import torch

z = torch.linspace(-12, 12, 24001, dtype=torch.float64)
density = torch.exp(-z**2 / 2) / math.sqrt(2 * math.pi)
for beta in [0.01, 0.5, 1.0, 2.0, 5.0, 100.0]:
    second = torch.trapezoid((z * torch.sigmoid(beta * z)) ** 2 * density, z).item()
    print(f"beta = {beta:6g}: E f(z)^2 = {second:.4f}, gain = {1 / math.sqrt(second):.4f}")
print(f"limits: x/2 gives 0.25 and gain 2; ReLU gives 0.5 and gain {math.sqrt(2):.4f}")
