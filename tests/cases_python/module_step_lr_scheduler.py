# StepLR: the learning rate is multiplied by gamma every step_size epochs; scheduler.step() after optimizer.step().
import torch
from torch import nn

model = nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)
X = torch.randn(16, 3)
y = X.sum(dim=1, keepdim=True)
for epoch in range(10):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    optimizer.step()
    lr = scheduler.get_last_lr()[0]
    scheduler.step()
    print(f"epoch {epoch}: lr={lr:.4f} loss={loss.item():.4f}")
print("lr in param group now:", optimizer.param_groups[0]["lr"])
state = scheduler.state_dict()
print({k: state[k] for k in ["step_size", "gamma", "base_lrs", "last_epoch"]})
