# isinstance/type on tensors, parameters, modules and dtypes.
import torch
from torch import nn

t = torch.ones(2)
p = nn.Parameter(torch.zeros(3))
lin = nn.Linear(2, 2)
print(type(t).__name__, type(p).__name__, type(lin).__name__)
print("Parameter is a Tensor:", isinstance(p, torch.Tensor))
print("Tensor is a Parameter:", isinstance(t, nn.Parameter))
print("type(p) is torch.Tensor:", type(p) is torch.Tensor)
print("Linear is a Module:", isinstance(lin, nn.Module))
print("torch.is_tensor(3.0):", torch.is_tensor(3.0), "torch.is_tensor(t):", torch.is_tensor(t))
print("p.requires_grad by default:", p.requires_grad)
for d in (torch.float32, torch.int64, torch.bool, torch.complex64):
    print(d, "floating:", d.is_floating_point, "complex:", d.is_complex)
print(isinstance(t.sum().item(), float), isinstance(torch.tensor(3).item(), int))
print([type(m).__name__ for m in nn.Sequential(nn.Linear(1, 1), nn.ReLU())])
print(issubclass(nn.Parameter, torch.Tensor), issubclass(nn.ReLU, nn.Module))
