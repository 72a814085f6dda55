# Three-class classification with nn.CrossEntropyLoss on raw logits, tracking loss and accuracy.
import torch
from torch import nn

centers = torch.tensor([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.5]])
labels = torch.arange(3).repeat_interleave(30)
X = centers[labels] + 0.7 * torch.randn(90, 2)
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(60):
    logits = model(X)
    loss = loss_fn(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 15 == 14:
        acc = (logits.argmax(dim=1) == labels).float().mean()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f} accuracy {acc.item():.3f}")
probs = torch.softmax(model(centers), dim=1)
print("predicted classes for the centers:", probs.argmax(dim=1).tolist())
print("logits dtype", logits.dtype, "labels dtype", labels.dtype)
