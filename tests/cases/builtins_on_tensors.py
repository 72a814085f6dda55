import torch
x = torch.tensor([3.0, -1.0, 2.0])
print(abs(x), -x, round(x[0].item()), round(2.567, 1))
print(min(x), max(x), sum(x), len(x), bool(torch.tensor(1)), int(torch.tensor(7)))
print(float(torch.tensor([2.5])), repr(torch.tensor(1)), max(x.tolist()), min(3, torch.tensor(2)))
print(torch.tensor(3).item(), 7 // torch.tensor(2), 2 ** torch.tensor([1, 2]))
