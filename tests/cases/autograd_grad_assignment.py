import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x.grad)
x.grad = torch.tensor([0.5, 0.5])
(x * 2).sum().backward()
print(x.grad)
x.grad = None
(x * 3).sum().backward()
print(x.grad)
x.grad.data.zero_()
print(x.grad)
x.grad += 1
print(x.grad)
x.grad[0] = 7
print(x.grad)
