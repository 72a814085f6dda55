# expect-error: TypeError
import torch
x = torch.ones(2)
print(x.sum(0))
y = x.sum("a", "b", "c")
