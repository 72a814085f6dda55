# nonlocal and global counters: count how many times a gradient hook fires.
import torch

total_calls = 0


def make_counter():
    count = 0

    def hook(grad):
        nonlocal count
        global total_calls
        count += 1
        total_calls += 1
        return grad

    def get():
        return count

    return hook, get


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
hx, count_x = make_counter()
hy, count_y = make_counter()
x.register_hook(hx)
y.register_hook(hy)
for k in range(3):
    (x * y).sum().backward()
    if k > 0:
        (y * 2).backward()
print("x hook ran", count_x(), "times; y hook ran", count_y(), "times; total", total_calls)
print("x.grad", x.grad, "y.grad", y.grad)
