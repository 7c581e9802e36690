# With value equal to threshold, Threshold is max(x, θ) = θ + relu(x - θ).
import torch
import torch.nn.functional as F

x = torch.linspace(-3, 3, 6001, dtype=torch.float64)
for theta in (-1.0, 0.0, 0.1, 2.0):
    t = F.threshold(x, theta, theta)
    print(f"θ = {theta:4}: max |Threshold - max(x, θ)| = {(t - x.clamp(min=theta)).abs().max().item()},"
          f" max |Threshold - (θ + relu(x - θ))| = {(t - (theta + F.relu(x - theta))).abs().max().item()}")
