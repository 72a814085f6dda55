import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = a * b
print(c.grad_fn._saved_self, c.grad_fn._saved_other)
print(c.grad_fn._saved_self is a, c.grad_fn._saved_other is b)
e = a.exp()
print(e.grad_fn._saved_result, e.grad_fn._saved_result == e, e.grad_fn._saved_result is e)
p = a ** 3
print(p.grad_fn._saved_self, p.grad_fn._saved_exponent)
s = c.sum(dim=0)
print(s.grad_fn.name(), s.grad_fn._saved_dim, s.grad_fn._saved_keepdim, s.grad_fn._saved_self_sym_sizes)
sq = a * a
print(sq.grad_fn._saved_self, sq.grad_fn._saved_other)
k = a * 2.0
print(k.grad_fn._saved_other, k.grad_fn._saved_self)
