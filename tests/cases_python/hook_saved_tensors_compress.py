# Pack hooks can store a different representation: here saved tensors are kept in float16 and restored.
import torch

sizes = []


def pack_half(t):
    sizes.append(t.element_size())
    return t.to(torch.float16), t.dtype


def unpack_half(packed):
    t, dtype = packed
    return t.to(dtype)


x = torch.tensor([1.001, 2.002, 3.003], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack_half, unpack_half):
    y = (x * x).sum()
y.backward()
print("bytes per element before packing:", sizes)
print("grad with float16 storage:", x.grad)
x2 = x.detach().clone().requires_grad_()
(x2 * x2).sum().backward()
print("exact grad               :", x2.grad)
print("max difference: %.5f" % (x.grad - x2.grad).abs().max().item())
with torch.autograd.graph.save_on_cpu():
    z = (x2.sin() * 3).sum()
z.backward()
print("save_on_cpu also works:", x2.grad)
