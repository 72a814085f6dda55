# Old-style training loop (pytorch-book era): update w.data in place and zero w.grad.data by hand.
import torch
from torch.autograd import Variable

torch.manual_seed(1000)


def get_fake_data(batch_size=8):
    x = torch.rand(batch_size, 1) * 20
    y = x * 2 + (1 + torch.randn(batch_size, 1)) * 3
    return x, y


w = Variable(torch.rand(1, 1), requires_grad=True)
b = Variable(torch.zeros(1, 1), requires_grad=True)
lr = 0.001
for ii in range(200):
    x, y = get_fake_data()
    y_pred = x.mm(w) + b.expand_as(y)
    loss = 0.5 * (y_pred - y) ** 2
    loss = loss.sum()
    loss.backward()
    w.data.sub_(lr * w.grad.data)
    b.data.sub_(lr * b.grad.data)
    w.grad.data.zero_()
    b.grad.data.zero_()
    if ii % 50 == 0:
        print(ii, round(loss.item(), 3))
print("w:", round(w.item(), 4), "b:", round(b.item(), 4))
