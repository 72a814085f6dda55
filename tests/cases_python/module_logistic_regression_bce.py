# Logistic regression with BCEWithLogitsLoss on a linearly separable toy problem.
import torch
from torch import nn

X = torch.randn(100, 2)
y = (X[:, 0] + 2 * X[:, 1] > 0).float()
model = nn.Linear(2, 1)
loss_fn = nn.BCEWithLogitsLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(100):
    logits = model(X).squeeze(1)
    loss = loss_fn(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 25 == 0:
        print(f"epoch {epoch:3d} loss {loss.item():.4f}")
with torch.no_grad():
    acc = ((model(X).squeeze(1) > 0).float() == y).float().mean().item()
w = model.weight.squeeze()
print(f"accuracy {acc:.2f}; weight ratio w2/w1 = {(w[1] / w[0]).item():.2f} (true boundary has 2)")
print(nn.BCELoss()(torch.sigmoid(torch.tensor([0.0, 2.0])), torch.tensor([0.0, 1.0])))
