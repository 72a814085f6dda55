# expect-error: RuntimeError
import torch
w = torch.zeros(3, requires_grad=True)
print(w[0])
w[0] = 1.0
