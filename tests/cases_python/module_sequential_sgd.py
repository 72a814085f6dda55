# nn.Sequential + MSELoss + SGD: fit y = 3x - 1 and print the loss every 20 steps.
import torch
from torch import nn

X = torch.linspace(-1, 1, 32).reshape(-1, 1)
y = 3 * X - 1 + 0.05 * torch.randn(X.shape)
model = nn.Sequential(nn.Linear(1, 1))
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(1, 101):
    optimizer.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    optimizer.step()
    if step % 20 == 0:
        print(f"step {step:3d}: loss = {loss.item():.6f}")
w, b = model[0].weight.item(), model[0].bias.item()
print(f"learned w = {w:.3f}, b = {b:.3f}")
