import torch
x = torch.tensor([1.0, -2.0, 3.0])
for i in range(3):
    v = x[i].item()
    if v > 2:
        print(i, "large")
    elif v > 0:
        print(i, "positive")
    else:
        print(i, "negative")
if x.requires_grad:
    print("requires grad")
else:
    pass
if x.sum() > 1:
    print("sum above one")
if x.min() > 0:
    print("never")
elif x.max() > 0:
    print("some positive")
if not x.is_leaf:
    print("never")
else:
    print("leaf")
