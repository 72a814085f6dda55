# Freeze the first layer (requires_grad_(False)) and give the optimizer only trainable parameters.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
model[0].requires_grad_(False)
before = model[0].weight.clone()
trainable = [p for p in model.parameters() if p.requires_grad]
print("trainable tensors:", len(trainable), "of", len(list(model.parameters())))
opt = torch.optim.SGD(trainable, lr=0.1)
X, y = torch.randn(8, 3), torch.randn(8, 1)
for _ in range(5):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    opt.step()
print("frozen layer unchanged:", torch.equal(before, model[0].weight))
print("frozen grad:", model[0].weight.grad)
print("last layer grad shape:", model[2].weight.grad.shape)
print("loss:", round(loss.item(), 4))
