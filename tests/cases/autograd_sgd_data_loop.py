import torch
torch.manual_seed(0)
xs = torch.linspace(-1, 1, 20)
ys = 3 * xs + 0.5
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(25):
    pred = w * xs + b
    loss = ((pred - ys) ** 2).mean()
    loss.backward()
    w.data -= lr * w.grad
    b.data -= lr * b.grad
    w.grad.zero_()
    b.grad.data.zero_()
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d} loss {loss.item():.6f} w {w.item():.4f} b {b.item():.4f}")
print(w, b)
print(w._version, b._version)
