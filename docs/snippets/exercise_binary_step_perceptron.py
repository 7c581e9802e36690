# One step unit y = step(w·x + b) on AND. Gradient descent on the squared error
# gets a zero gradient; the perceptron rule w += (t - y) x, b += (t - y) learns.
# The inputs are (0, 0), (0, 1), (1, 0) and (1, 1), in that order.
import torch

def step(z):
    return torch.clamp(torch.sign(z) + 1, max=1)

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
targets = {"AND": torch.tensor([0.0, 0.0, 0.0, 1.0]), "XOR": torch.tensor([0.0, 1.0, 1.0, 0.0])}

w = torch.tensor([0.3, -0.2], requires_grad=True)
b = torch.tensor(-0.1, requires_grad=True)
loss = ((step(X @ w + b) - targets["AND"]) ** 2).mean()
loss.backward()
print(f"AND, squared error {loss.item()}: w.grad = {w.grad.tolist()}, b.grad = {b.grad.item()}")

for name, t in targets.items():
    w, b = torch.zeros(2), torch.tensor(0.0)
    for epoch in range(1, 21):
        mistakes = 0
        for x_i, t_i in zip(X, t):
            error = t_i - step(x_i @ w + b)  # 0 when right, +1 or -1 when wrong
            w, b = w + error * x_i, b + error
            mistakes += int(error != 0)
        if mistakes == 0:
            break
    print(f"{name}: after {epoch} passes, {mistakes} mistakes in the last pass;"
          f" w = {w.tolist()}, b = {b.item()}")
    print(f"     w·x + b = {(X @ w + b).tolist()}, outputs {step(X @ w + b).tolist()}")
