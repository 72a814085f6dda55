# expect-warning: Implicit dimension choice for softmax has been deprecated
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(F.softmax(x))
print("after")
