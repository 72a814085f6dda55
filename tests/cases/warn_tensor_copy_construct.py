# expect-warning: To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone()
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor(a)
print(b, b.requires_grad)
