# The reprs of torch.Size, dtypes, devices, named-tuple results (max, sort, topk) and finfo.
import torch

t = torch.tensor([[3.0, 1.0, 2.0], [0.5, 4.0, -1.0]])
print(t.shape, type(t.shape).__name__, t.shape == (2, 3), tuple(t.shape))
print(t.dtype, repr(t.dtype), t.device, torch.device("cpu"))
r = t.max(dim=1)
print(r)
print(r.values, r.indices, type(r).__name__)
print(t.sort(dim=1, descending=True))
print(torch.topk(t.flatten(), 2))
print(torch.finfo(torch.float32).eps, torch.iinfo(torch.int8).max)
print(torch.get_default_dtype(), t.is_contiguous(), t.t().is_contiguous())
print(t.stride(), t.t().stride(), t.element_size(), t.nelement())
