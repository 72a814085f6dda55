# f-strings with format specs for printing losses, gradients and tensors during training.
import torch

x = torch.tensor([0.001234, 12.5, -3.0], requires_grad=True)
loss = (x ** 2).sum()
loss.backward()
v = loss.item()
print(f"{v}")
print(f"{v:.3f} | {v:10.2f} | {v:<10.1f}| {v:e} | {v:.2e} | {v:g}")
print(f"{0.5:%} {0.125:.1%}")
step = 7
print(f"step {step:04d} / {200:>5} | {step:x} {step:o} {step:b}")
print(f"{'loss':>8}={v:8.3f}")
print(f"{x.grad[0].item()=:.5f}")
print(f"{x!r}")
print(f"{str(x.dtype)!s:>15}")
name = "weight"
print(f"{name!r} {name.upper():*^12}")
print(f"{{literal braces}} {len(x)}")
print("%-6s|%6.2f|%+d" % ("old", 3.14159, 5))
print("{:.2f} and {}".format(2.71828, [1, 2]))
print(f"{torch.tensor(2.5).item():.1f}", f"{float(torch.tensor([3.25])):.2f}")
