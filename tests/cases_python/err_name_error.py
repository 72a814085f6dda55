# A typo in a variable name raises NameError (Python suggests the right name).
import torch
from torch import nn

model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss = model(torch.ones(1, 2)).sum()
loss.backward()
print("loss:", round(loss.item(), 4))
opimizer.step()
