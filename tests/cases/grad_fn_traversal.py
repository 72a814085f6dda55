import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
y = (x * w).sum() + x.exp().mean()
for fn, idx in y.grad_fn.next_functions:
    print(fn.name() if fn is not None else None, idx)
print(y.grad_fn is y.grad_fn, y.grad_fn == y.grad_fn)
node = y.grad_fn
depth = 0
for step in range(10):
    if len(node.next_functions) == 0:
        break
    node = node.next_functions[0][0]
    depth += 1
    print(depth, node.name())
print(node.variable is x)
c = x * 2
print(c.grad_fn.next_functions[1], c.grad_fn.next_functions[0][0].variable is x)
