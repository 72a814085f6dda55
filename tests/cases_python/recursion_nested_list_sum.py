# Recursively walk a nested list of tensors, summing them; each leaf gets gradient 1 times its weight.
import torch

p = torch.tensor(2.0, requires_grad=True)
q = torch.tensor([1.0, 2.0], requires_grad=True)
r = torch.tensor(-1.0, requires_grad=True)
tree = [p, [q, [r, p]], [[q * 3]]]


def deep_sum(node, depth=1):
    if isinstance(node, list):
        return sum(deep_sum(child, depth + 1) for child in node)
    return depth * node.sum()


total = deep_sum(tree)
total.backward()
print("total:", total.item())
print("p.grad:", p.grad.item())
print("q.grad:", q.grad)
print("r.grad:", r.grad.item())
