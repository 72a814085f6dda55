# register_forward_pre_hook can rewrite a module's input before forward runs.
import torch
from torch import nn

layer = nn.Linear(2, 1)
with torch.no_grad():
    layer.weight.fill_(1.0)
    layer.bias.zero_()


def normalise(module, args):
    (x,) = args
    print("  pre-hook on", type(module).__name__, "input mean", x.mean().item())
    return ((x - x.mean()) / x.std(),)


x = torch.tensor([[1.0, 3.0], [5.0, 7.0]])
print("without hook:", layer(x).squeeze().tolist())
handle = layer.register_forward_pre_hook(normalise)
y = layer(x)
print("with hook:", [round(v, 4) for v in y.squeeze().tolist()])
handle.remove()
print("hooks dict empty again:", len(layer._forward_pre_hooks) == 0)
