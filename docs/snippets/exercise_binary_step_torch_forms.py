# Three ways to write the binary step in torch, and what autograd makes of each.
import torch

forms = {
    "torch.clamp(torch.sign(x) + 1, max=1)": lambda x: torch.clamp(torch.sign(x) + 1, max=1),
    "(x >= 0).to(x.dtype)": lambda x: (x >= 0).to(x.dtype),
    "torch.heaviside(x, torch.tensor(1.0))": lambda x: torch.heaviside(x, torch.tensor(1.0)),
}
for name, step in forms.items():
    x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
    y = step(x)
    print(f"{name:38} values {y.tolist()}")
    try:
        y.sum().backward()
        print(f"{'':38} gradient {x.grad.tolist()}")
    except RuntimeError as err:
        print(f"{'':38} backward() fails: {str(err).splitlines()[0]}")
