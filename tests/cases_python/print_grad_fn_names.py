# Inspect the autograd graph by name: grad_fn.name(), type(grad_fn).__name__ and next_functions.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
y = (x * w).sum().exp()
print("y:", y)
print("grad_fn name:", y.grad_fn.name(), "| class:", type(y.grad_fn).__name__)


def walk(fn, depth=0):
    if fn is None:
        return
    label = fn.name()
    if hasattr(fn, "variable"):
        label += f" (leaf with shape {tuple(fn.variable.shape)})"
    print("  " * depth + label)
    for child, _ in fn.next_functions:
        walk(child, depth + 1)


walk(y.grad_fn)
ops = [x + 1, x - 1, x * 2, x / 2, x ** 2, x @ w, x.mean(), x.view(2, 1), x[0], x.relu(), torch.cat([x, w])]
print([t.grad_fn.name() for t in ops])
print("leaf grad_fn:", x.grad_fn)
