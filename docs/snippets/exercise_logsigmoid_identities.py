# Two identities of LogSigmoid, checked on a grid: f(x) - f(-x) = x and f'(x) = 1 - exp(f(x)).
import torch
import torch.nn.functional as F

x = torch.linspace(-20, 20, 4001, dtype=torch.float64, requires_grad=True)
f = F.logsigmoid(x)
(df,) = torch.autograd.grad(f.sum(), x)
x, f = x.detach(), f.detach()
print("max |f(x) - f(-x) - x|:   ", (f - F.logsigmoid(-x) - x).abs().max().item())
print("max |f'(x) - (1 - e^f(x))|:", (df - (1 - f.exp())).abs().max().item())
