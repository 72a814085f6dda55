# A TypeError inside a training loop: one learning rate was typed as a string, and str * tensor fails.
import torch

learning_rates = [0.1, 0.05, "0.01"]
w = torch.tensor(5.0, requires_grad=True)
for epoch, lr in enumerate(learning_rates):
    loss = (w - 1) ** 2
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
    w.grad.zero_()
    print(f"epoch {epoch}: w = {w.item():.4f}")
