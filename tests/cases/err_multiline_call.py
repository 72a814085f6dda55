# expect-error: RuntimeError
import torch
x = torch.ones(2, requires_grad=True)
y = x * 2
print("before")
y.backward(
    retain_graph=True,
)
