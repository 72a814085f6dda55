# expect-warning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed
import torch
x = torch.tensor(1.0, requires_grad=True)
for i in range(3):
    y = x * (i + 1)
    y.backward()
    print(i, y.grad, x.grad)
