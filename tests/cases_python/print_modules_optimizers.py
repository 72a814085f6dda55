# print() of modules, losses, optimizers and schedulers: their reprs contain no addresses.
import torch
from torch import nn

model = nn.Sequential(
    nn.Conv2d(1, 4, kernel_size=3, padding=1),
    nn.BatchNorm2d(4),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Dropout(0.25),
    nn.Linear(4 * 4 * 4, 10),
)
print(model)
print(nn.CrossEntropyLoss(), nn.MSELoss(reduction="sum"), nn.LeakyReLU(0.1))
print(nn.Embedding(10, 3), nn.LSTM(4, 8, batch_first=True), nn.LayerNorm(5))
out = model(torch.randn(2, 1, 8, 8))
print("output:", out.shape)
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
print(opt.__class__.__name__, opt.defaults["lr"], opt.defaults["weight_decay"])
print(model[6].extra_repr())
