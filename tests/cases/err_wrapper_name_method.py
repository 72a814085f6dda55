# expect-error: TypeError
import torch
x = torch.ones(2)
y = x.add * 2
