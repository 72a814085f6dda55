# A tiny two-layer net trained in numpy with manual backprop, then the same step checked with autograd.
import numpy as np
import torch

rng = np.random.default_rng(0)
N, D_in, H, D_out = 16, 5, 8, 2
x = rng.standard_normal((N, D_in))
y = rng.standard_normal((N, D_out))
w1 = rng.standard_normal((D_in, H)) * 0.5
w2 = rng.standard_normal((H, D_out)) * 0.5

h = x.dot(w1)
h_relu = np.maximum(h, 0)
y_pred = h_relu.dot(w2)
loss = np.square(y_pred - y).sum()
grad_y_pred = 2.0 * (y_pred - y)
grad_w2 = h_relu.T.dot(grad_y_pred)
grad_h = grad_y_pred.dot(w2.T)
grad_h[h < 0] = 0
grad_w1 = x.T.dot(grad_h)
print("numpy loss: %.6f" % loss)

tw1 = torch.tensor(w1, requires_grad=True)
tw2 = torch.tensor(w2, requires_grad=True)
tloss = (torch.tensor(x).mm(tw1).clamp(min=0).mm(tw2) - torch.tensor(y)).pow(2).sum()
tloss.backward()
print("torch loss: %.6f" % tloss.item())
print("w1 grads agree:", np.allclose(grad_w1, tw1.grad.numpy()))
print("w2 grads agree:", np.allclose(grad_w2, tw2.grad.numpy()))

lr = 1e-3
for step in range(100):
    h = x.dot(w1)
    h_relu = np.maximum(h, 0)
    y_pred = h_relu.dot(w2)
    loss = np.square(y_pred - y).sum()
    if step % 25 == 0:
        print(step, round(float(loss), 4))
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.T.dot(grad_y_pred)
    grad_h = grad_y_pred.dot(w2.T)
    grad_h[h < 0] = 0
    grad_w1 = x.T.dot(grad_h)
    w1 -= lr * grad_w1
    w2 -= lr * grad_w2
print("final loss: %.4f" % loss)
