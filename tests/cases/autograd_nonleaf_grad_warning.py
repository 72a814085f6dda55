# expect-warning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = y.sum()
z.backward()
print(x.grad)
print(y.grad)
print("after")
