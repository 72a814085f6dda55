# expect-error: AttributeError
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x.grad)
x.grad.zero_()
