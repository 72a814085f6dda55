# register_forward_hook collects intermediate activations, e.g. to inspect dead ReLUs.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 6), nn.ReLU(), nn.Linear(6, 2))
activations = {}


def record(name):
    def hook(module, inputs, output):
        activations[name] = output.detach()

    return hook


handles = []
for name, module in model.named_children():
    if isinstance(module, nn.ReLU):
        handles.append(module.register_forward_hook(record(f"relu{name}")))
out = model(torch.randn(8, 4))
for name, act in activations.items():
    frac = (act == 0).float().mean().item()
    print(f"{name}: shape {tuple(act.shape)}, fraction zero {frac:.3f}, mean {act.mean().item():.4f}")
for h in handles:
    h.remove()
activations.clear()
model(torch.randn(2, 4))
print("after removal recorded:", len(activations), "| output shape", out.shape)
