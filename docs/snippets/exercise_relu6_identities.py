# ReLU6 from two ReLUs, and Hardsigmoid and Hardswish from a shifted ReLU6.
import torch
import torch.nn.functional as F

x = torch.linspace(-10, 10, 20001, dtype=torch.float64)
gaps = {
    "relu6(x) vs relu(x) - relu(x - 6)": F.relu6(x) - (F.relu(x) - F.relu(x - 6)),
    "hardsigmoid(x) vs relu6(x + 3) / 6": F.hardsigmoid(x) - F.relu6(x + 3) / 6,
    "hardswish(x) vs x * relu6(x + 3) / 6": F.hardswish(x) - x * F.relu6(x + 3) / 6,
}
for name, gap in gaps.items():
    print(f"{name:38} largest |difference| {gap.abs().max().item():.3g}")
