# Hardsigmoid from Hardtanh, as sigmoid from tanh; and the symmetry f(x) + f(-x) = 1.
import torch
import torch.nn.functional as F

x = torch.linspace(-8, 8, 16001, dtype=torch.float64)
hs = F.hardsigmoid(x)
print("max |Hardsigmoid(x) - (Hardtanh(x/3) + 1)/2|:", (hs - (F.hardtanh(x / 3) + 1) / 2).abs().max().item())
print("max |sigmoid(x) - (tanh(x/2) + 1)/2|:        ", (torch.sigmoid(x) - (torch.tanh(x / 2) + 1) / 2).abs().max().item())
print("max |Hardsigmoid(x) + Hardsigmoid(-x) - 1|:  ", (hs + F.hardsigmoid(-x) - 1).abs().max().item())
