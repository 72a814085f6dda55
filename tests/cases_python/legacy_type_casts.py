# .type(), .float(), .long(), .double(), .to(dtype): casting tensors the old way and the new way.
import torch

x = torch.tensor([1.7, -2.3, 3.9])
print(x.type())
print(x.type(torch.LongTensor), x.long())
print(x.type(torch.DoubleTensor).type(), x.double().dtype, x.to(torch.float64).dtype)
print(x.int(), x.short().dtype, x.half(), x.bool())
y = torch.tensor([1, 2, 3])
print(y.float() / 2, y / 2, y // 2)
print("type_as:", y.type_as(x))
w = torch.tensor([1.0, 2.0], requires_grad=True)
(w.double() ** 2).sum().backward()
print("grad flows through a cast, back in float32:", w.grad, w.grad.dtype)
