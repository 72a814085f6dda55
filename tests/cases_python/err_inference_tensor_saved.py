# Tensors created under inference_mode cannot be saved for backward later: RuntimeError.
import torch

with torch.inference_mode():
    features = torch.randn(3, 2) * 2
print("inference tensor:", features.is_inference())
w = torch.ones(2, requires_grad=True)
out = (features * w).sum()
out.backward()
print("w.grad:", w.grad)
loss = (features @ w).pow(2).sum()
