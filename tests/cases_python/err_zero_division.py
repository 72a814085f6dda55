# ZeroDivisionError: averaging the losses of an epoch that had no batches.
import torch

data = torch.arange(6.0)
for batch_size in (2, 4, 8):
    batches = [data[i : i + batch_size] for i in range(0, len(data) - batch_size + 1, batch_size)]
    losses = [b.pow(2).mean().item() for b in batches]
    print(f"batch_size={batch_size}: {len(batches)} full batches, mean loss {sum(losses) / len(losses):.3f}")
