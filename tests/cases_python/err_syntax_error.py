# A missing colon after the for header is a SyntaxError: nothing runs, not even the first print.
import torch

print("this line never runs")
x = torch.ones(3, requires_grad=True)
for i in range(3)
    y = (x * i).sum()
    y.backward()
print(x.grad)
