# Tensors created under inference_mode cannot be saved for backward later: RuntimeError.
import torch

with torch.inference_mode():
    features = torch.randn(3, 2) * 2
print("inference tensor:", features.is_inference())
w = torch.ones(2, requires_grad=True)
shifted = (features + w).sum()
shifted.backward()
print("addition saves nothing, so it works; w.grad:", w.grad)
print("clone() gives a normal tensor:", features.clone().is_inference())
loss = (features @ w).pow(2).sum()
