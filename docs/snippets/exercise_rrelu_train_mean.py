# RReLU on one fixed negative input: many training-mode passes against eval mode.
import torch

torch.manual_seed(0)
m = torch.nn.RReLU()  # default lower and upper
x = torch.full((1_000_000,), -2.0, dtype=torch.float64)
train = m.train()(x)
evaluated = m.eval()(x[:1])
print("mean of training-mode outputs:    ", round(train.mean().item(), 5))
print("eval-mode output:                 ", round(evaluated.item(), 5))
print("variance of training-mode outputs:", round(train.var().item(), 6))
print("x² (upper − lower)² / 12:         ", round(x[0].item() ** 2 * (m.upper - m.lower) ** 2 / 12, 6))
