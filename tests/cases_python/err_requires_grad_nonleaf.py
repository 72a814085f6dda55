# requires_grad can only be switched off on leaf tensors; on a computed tensor RuntimeError (use detach()).
import torch

w = torch.randn(3, requires_grad=True)
h = w * 2
print("h.is_leaf:", h.is_leaf, "detached copy requires_grad:", h.detach().requires_grad)
h.requires_grad = False
