# Printing Python containers holding tensors and numbers: lists, tuples, dicts, sets of ints, nested structures.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (x ** 2).sum()
loss.backward()
history = {"loss": [round(loss.item(), 3)], "grad": x.grad, "step": 1}
print(history)
print([x.grad, torch.tensor(3)])
print((1, 2.5, "three", None, True))
print({3, 1, 2, 10, 5}, set(), {0})
print(sorted({"b": 1, "a": 2}.items()))
print([[1, 2], [3, [4, 5]]], [()], [[]])
print({"weights": [torch.ones(2)], "nested": {"lr": 0.1}})
print(list(range(5)), tuple("ab"), frozenset([2, 1]))
print(repr("text"), str("text"), repr(None))
print(dict(zip("abc", range(3))), len(history))
print(x.grad.tolist(), x.detach().numpy().tolist(), [round(v, 2) for v in torch.rand(3).tolist()])
