# Hooks on intermediate (non-leaf) tensors record their gradients without retain_grad().
import torch

grads = {}


def save_grad(name):
    def hook(grad):
        grads[name] = grad

    return hook


x = torch.tensor([0.5, -1.0], requires_grad=True)
h = x * 3
h.register_hook(save_grad("h"))
a = torch.tanh(h)
a.register_hook(save_grad("a"))
loss = (a ** 2).sum()
loss.backward()
for name in ["a", "h"]:
    print(f"dloss/d{name} =", grads[name])
print("dloss/dx =", x.grad)
print("check: dloss/dx == 3 * dloss/dh:", torch.allclose(x.grad, 3 * grads["h"]))
print("order the hooks fired:", list(grads))
