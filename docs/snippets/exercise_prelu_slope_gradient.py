# Gradient of the loss with respect to PReLU's slope a: autograd against the formula.
import torch

x = torch.tensor([-2.0, -0.5, 0.0, 1.0, 3.0], requires_grad=True)
a = torch.tensor([0.25], requires_grad=True)
g = torch.tensor([1.0, 2.0, 3.0, -1.0, 0.5])  # gradients arriving from above
y = torch.nn.functional.prelu(x, a)
y.backward(g)
formula = (g * x.detach() * (x.detach() <= 0)).sum()
print("autograd dL/da:          ", a.grad.item())
print("sum of g * x over x <= 0:", formula.item())
print("autograd dL/dx:          ", x.grad.tolist())
