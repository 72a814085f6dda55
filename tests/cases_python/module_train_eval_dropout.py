# model.train() vs model.eval(): dropout is active only in training mode; the .training flag.
import torch
from torch import nn

net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5))
with torch.no_grad():
    net[0].weight.copy_(torch.eye(4))
    net[0].bias.zero_()
x = torch.ones(2, 4)
print("training?", net.training, [m.training for m in net])
print("train mode:\n", net(x))
net.eval()
print("training?", net.training, [m.training for m in net])
print("eval mode:\n", net(x))
net.train()
out = net(x)
out.sum().backward()
print("grad is zero where dropped:", net[0].weight.grad)
