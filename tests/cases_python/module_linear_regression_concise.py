# Concise linear regression (d2l style): TensorDataset + DataLoader + nn.Linear + SGD.
import torch
from torch import nn
from torch.utils import data

true_w = torch.tensor([2, -3.4])
true_b = 4.2
features = torch.normal(0, 1, (400, 2))
labels = (features @ true_w + true_b + torch.normal(0, 0.01, (400,))).reshape(-1, 1)
dataset = data.TensorDataset(features, labels)
data_iter = data.DataLoader(dataset, batch_size=10, shuffle=True)
print("first batch shapes:", [t.shape for t in next(iter(data_iter))])
net = nn.Sequential(nn.Linear(2, 1))
net[0].weight.data.normal_(0, 0.01)
net[0].bias.data.fill_(0)
loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.03)
for epoch in range(3):
    for i, (X, y) in enumerate(data_iter):
        if i >= 60:
            break
        l = loss(net(X), y)
        trainer.zero_grad()
        l.backward()
        trainer.step()
    l = loss(net(features), labels)
    print(f"epoch {epoch + 1}, loss {l:f}")
w = net[0].weight.data
print("error in w:", true_w - w.reshape(true_w.shape))
print("error in b:", true_b - net[0].bias.data)
