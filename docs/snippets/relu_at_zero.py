# Three ways to write ReLU: the same values, different gradients at exactly 0.
import torch

forms = {
    "torch.relu(x)": lambda x: torch.relu(x),
    "torch.clamp(x, min=0)": lambda x: torch.clamp(x, min=0),
    "torch.maximum(x, torch.zeros_like(x))": lambda x: torch.maximum(x, torch.zeros_like(x)),
    "torch.where(x > 0, x, 0.0)": lambda x: torch.where(x > 0, x, 0.0),
}
for name, relu in forms.items():
    x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
    y = relu(x)
    y.sum().backward()
    print(f"{name:40} values {y.tolist()}  gradient {x.grad.tolist()}")
