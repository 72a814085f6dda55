import torch
import torch.nn.functional as F
x = torch.ones(2, requires_grad=True)
print(torch.float32, torch.int64, torch.bool, x.dtype, x.device)
print(torch.Size([2, 3]), x.shape, x.size())
print(print, len, range, abs)
print(torch.ones, torch.autograd.grad, F.relu)
print(torch, F)
print(x.add, x.backward)
print(torch.no_grad())
print(torch.manual_seed(0))
print((x * 2).grad_fn, (x * 2).grad_fn.next_functions[0][0])
print(repr(x.sum()), repr(torch.float64))
