# expect-error: RuntimeError
import torch
a = torch.ones(2); print("first"); b = a @ torch.ones(3)
