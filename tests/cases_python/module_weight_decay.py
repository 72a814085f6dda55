# SGD weight_decay is the same as adding an L2 penalty lambda/2 * ||w||^2 to the loss.
import torch

X = torch.randn(20, 3)
y = torch.randn(20)
wd = 0.1

w1 = torch.ones(3, requires_grad=True)
opt1 = torch.optim.SGD([w1], lr=0.05, weight_decay=wd)
w2 = torch.ones(3, requires_grad=True)
opt2 = torch.optim.SGD([w2], lr=0.05)
for step in range(30):
    opt1.zero_grad()
    ((X @ w1 - y) ** 2).mean().backward()
    opt1.step()
    opt2.zero_grad()
    (((X @ w2 - y) ** 2).mean() + wd / 2 * (w2 ** 2).sum()).backward()
    opt2.step()
print("weight_decay :", w1.detach())
print("manual L2    :", w2.detach())
print("same result:", torch.allclose(w1, w2, atol=1e-6))
w3 = torch.ones(3, requires_grad=True)
opt3 = torch.optim.SGD([w3], lr=0.05)
for step in range(30):
    opt3.zero_grad()
    ((X @ w3 - y) ** 2).mean().backward()
    opt3.step()
print("norm with decay %.4f, without decay %.4f" % (w1.norm().item(), w3.norm().item()))
