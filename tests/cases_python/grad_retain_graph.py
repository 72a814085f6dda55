# retain_graph=True keeps the saved tensors so backward can run again (e.g. two losses on one graph).
import torch

w = torch.tensor([1.0, -2.0], requires_grad=True)
h = torch.exp(w)
loss1 = h.sum()
loss2 = (h ** 2).sum()
loss1.backward(retain_graph=True)
print("after loss1:", w.grad)
loss2.backward()
print("after loss2 (accumulated):", w.grad)
w.grad = None
(loss1_again := torch.exp(w).sum()).backward()
print("recomputed graph:", w.grad, loss1_again.item() == loss1.item())

x = torch.tensor(3.0, requires_grad=True)
y = x * x
g1 = torch.autograd.grad(y, x, retain_graph=True)
g2 = torch.autograd.grad(y, x)
print("autograd.grad twice:", g1, g2)
