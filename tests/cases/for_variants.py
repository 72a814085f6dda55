import torch
for i, v in enumerate([10, 20, 30]):
    print(i, v)
for a, b in zip([1, 2], ["x", "y"]):
    print(a, b)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for row in torch.tensor([[1.0, 2.0], [3.0, 4.0]]):
    print(row, row.sum())
for d in torch.ones(2, 3, 4).shape:
    print(d, end=" ")
print()
for ch in "hey":
    print(ch)
for i in range(3):
    pass
print(i)
for i in range(0):
    print("never")
print(i)
