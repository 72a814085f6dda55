# expect-warning: The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated
import torch
x = torch.tensor([1.0, 2.0])
print(x.T)
