# expect: PermissionError
# Writing a training log to /tmp with open(..., "w") (the sandbox forbids writing outside its scratch folder).
import os

import torch

w = torch.tensor(3.0, requires_grad=True)
lines = []
for step in range(3):
    loss = (w - 1) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.25 * w.grad
    w.grad = None
    lines.append(f"step {step} loss {loss.item():.4f}\n")
print("".join(lines), end="")
with open("/tmp/gradient_playground_train_log.txt", "w") as fh:
    fh.writelines(lines)
print("log written")
os.remove("/tmp/gradient_playground_train_log.txt")
