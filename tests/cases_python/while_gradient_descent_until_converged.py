# Gradient descent with a while loop that stops when the gradient is small enough.
import torch

x = torch.tensor([4.0, -3.0], requires_grad=True)
target = torch.tensor([1.0, 2.0])
lr = 0.2
step = 0
while True:
    loss = ((x - target) ** 2).sum()
    x.grad = None
    loss.backward()
    if x.grad.norm() < 1e-3:
        break
    with torch.no_grad():
        x -= lr * x.grad
    step += 1
    if step % 5 == 0:
        print(f"step {step:2d}  loss {loss.item():.6f}")
print("converged after", step, "steps")
print("x =", [round(v, 4) for v in x.tolist()])
