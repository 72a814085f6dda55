# state_dict(): its keys, copying weights into a second model through an in-memory buffer.
import io

import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.bn = nn.BatchNorm1d(4)
        self.fc2 = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.bn(self.fc1(x))))


net = Net()
sd = net.state_dict()
print(type(sd).__name__)
for key, value in sd.items():
    print(f"{key:22s} {tuple(value.shape)}")
buffer = io.BytesIO()
torch.save(sd, buffer)
buffer.seek(0)
clone = Net()
result = clone.load_state_dict(torch.load(buffer))
print(result)
x = torch.randn(5, 3)
net.eval()
clone.eval()
print("same outputs:", torch.equal(net(x), clone(x)))
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
print(sorted(opt.state_dict().keys()), opt.state_dict()["param_groups"][0]["params"])
