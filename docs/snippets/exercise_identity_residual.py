# The gradient reaching the input of 50 layers h -> W h whose weights are small,
# without and with an identity skip connection h -> h + W h; then the product of
# the 50 Jacobians of each stack, I + W or W, by its singular values.
import torch

torch.manual_seed(0)
width, depth = 16, 50
weights = [torch.randn(width, width, dtype=torch.float64) * 0.1 / width ** 0.5 for _ in range(depth)]

for name, block in (("no layers at all     ", lambda h, W: h),
                    ("plain    h -> W h    ", lambda h, W: h @ W.T),
                    ("residual h -> h + W h", lambda h, W: h + h @ W.T)):
    x = torch.randn(1, width, dtype=torch.float64, requires_grad=True)
    h = x
    for W in weights:
        h = block(h, W)
    h.sum().backward()  # the gradient along the all-ones direction
    print(f"{name}: |gradient at the input| = {x.grad.norm().item():.3e}")

I = torch.eye(width, dtype=torch.float64)
plain, residual = I, I
for W in weights:
    plain, residual = W @ plain, (I + W) @ residual
for name, J in (("plain   ", plain), ("residual", residual)):
    s = torch.linalg.svdvals(J)
    print(f"{name} product of the Jacobians: singular values from {s.min().item():.3g} to {s.max().item():.3g}")
print(f"residual: |product - I| = {torch.linalg.matrix_norm(residual - I, 2).item():.3g} (spectral norm)")
