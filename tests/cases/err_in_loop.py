# expect-error: RuntimeError
import torch
x = torch.tensor(1.0, requires_grad=True)
y = x * 3
for i in range(5):
    print("step", i)
    if i == 2:
        y.backward()
    else:
        print(i * 2)
    if i == 3:
        y.backward()
print("never")
