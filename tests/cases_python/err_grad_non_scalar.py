# torch.autograd.grad on a vector output without grad_outputs raises RuntimeError (non-scalar output).
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
(g,) = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y), retain_graph=True)
print("with grad_outputs=ones:", g)
(g,) = torch.autograd.grad(y.sum(), x, retain_graph=True)
print("or differentiate y.sum():", g)
torch.autograd.grad(y, x)
