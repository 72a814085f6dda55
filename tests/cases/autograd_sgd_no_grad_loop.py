import torch
import torch.nn.functional as F
torch.manual_seed(0)
X = torch.randn(16, 3)
true_w = torch.tensor([[1.0], [-2.0], [0.5]])
Y = X @ true_w
W = torch.zeros(3, 1, requires_grad=True)
for it in range(30):
    loss = F.mse_loss(X @ W, Y)
    loss.backward()
    with torch.no_grad():
        W -= 0.1 * W.grad
        W.grad.zero_()
    if it % 10 == 9:
        print(it, round(loss.item(), 5))
print(W)
print(W.requires_grad, W.is_leaf, W._version)
