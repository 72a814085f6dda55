import torch
w = torch.tensor(0.0, requires_grad=True)
for step in range(300):
    loss = (w - 3) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
    w.grad.zero_()
    print(f"{step:3d} {loss.item():10.6f} {w.item():+.5f}")
