# Legacy constructors: torch.Tensor(2, 3) allocates uninitialised memory (only its shape is meaningful), torch.FloatTensor([...]) copies data.
import torch

u = torch.Tensor(2, 3)
print("uninitialised tensor shape:", u.shape, "dtype:", u.dtype)
print("torch.Tensor(size) numel:", torch.Tensor(4).numel())
f = torch.FloatTensor([1.5, 2.5, 3.5])
print(f, f.dtype, f.type())
l = torch.LongTensor([1, 2, 3])
print(l, l.type())
d = torch.DoubleTensor([[1, 2], [3, 4]])
print(d, d.type())
b = torch.ByteTensor([0, 1, 255])
print(b, b.dtype)
t = torch.Tensor([[1, 2], [3, 4]])
print(t, "from a list: dtype", t.dtype)
e = torch.Tensor()
print("empty:", e, e.shape)
print(torch.IntTensor(3).zero_())
