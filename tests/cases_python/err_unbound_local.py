# UnboundLocalError: assigning to a name inside a function makes it local, even before the assignment.
import torch

total = torch.tensor(0.0)


def accumulate(values):
    for v in values:
        total = total + v
    return total


print("start total:", total)
accumulate([torch.tensor(1.0), torch.tensor(2.0)])
