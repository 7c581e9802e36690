# GELU (tanh) written as x * sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3), against torch.
import math
import torch
import torch.nn.functional as F

x = torch.linspace(-6, 6, 12001, dtype=torch.float64)
u = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
torch_form = F.gelu(x, approximate="tanh")
print("largest |torch - x (1 + tanh u) / 2|:", (torch_form - x * (1 + torch.tanh(u)) / 2).abs().max().item())
print("largest |torch - x sigmoid(2u)|:     ", (torch_form - x * torch.sigmoid(2 * u)).abs().max().item())
