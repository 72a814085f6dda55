# Use sorted/max with key=lambda to rank parameters by the size of their gradients.
import torch

torch.manual_seed(1)
params = {name: torch.randn(3, requires_grad=True) for name in ["w1", "w2", "w3", "b"]}
scales = {"w1": 1.0, "w2": 5.0, "w3": 0.1, "b": 2.0}
loss = sum(scales[n] * (p ** 2).sum() for n, p in params.items())
loss.backward()
norms = {n: p.grad.norm().item() for n, p in params.items()}
for name, norm in sorted(norms.items(), key=lambda kv: kv[1], reverse=True):
    print(f"{name}: {norm:.4f}")
print("largest:", max(norms, key=lambda n: norms[n]))
print("smallest:", min(norms, key=norms.get))
