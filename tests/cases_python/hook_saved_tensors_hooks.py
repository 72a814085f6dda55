# torch.autograd.graph.saved_tensors_hooks: see what autograd saves for backward, and when it is used.
import torch

packed = []


def pack(t):
    packed.append(tuple(t.shape))
    return t


def unpack(t):
    print("  unpacking a saved tensor of shape", tuple(t.shape))
    return t


a = torch.randn(3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    c = a * b
    d = c.exp()
print("saved during forward:", packed)
d.sum().backward()
print("a.grad equals b * exp(a*b):", torch.allclose(a.grad, b * (a * b).exp()))
print("outside the context nothing is recorded:", len(packed))
(a * 2).sum().backward()
print("still", len(packed), "entries")
