# nn.Parameter vs plain tensor attribute vs register_buffer: what parameters() and state_dict() contain.
import torch
from torch import nn


class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.gain = nn.Parameter(torch.ones(2))
        self.plain = torch.zeros(2)
        self.register_buffer("steps", torch.tensor(0))
        self.register_buffer("scratch", torch.zeros(1), persistent=False)

    def forward(self, x):
        self.steps += 1
        return x * self.gain


m = Scale()
print("parameters:", [n for n, _ in m.named_parameters()])
print("buffers:", [n for n, _ in m.named_buffers()])
print("state_dict keys:", list(m.state_dict().keys()))
y = m(torch.tensor([1.0, 2.0]))
m(y.detach())
print("steps buffer after two calls:", m.steps.item(), m.steps.requires_grad)
y.sum().backward()
print("gain.grad:", m.gain.grad)
m.double()
print("dtypes after .double():", m.gain.dtype, m.plain.dtype, m.steps.dtype)
