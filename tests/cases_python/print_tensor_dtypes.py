# How tensors of different dtypes print: float32, float64, float16, bfloat16, ints, bool, complex.
import torch

vals = [1.0, 2.5, -3.0]
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool]:
    print(f"{str(dt):15s}", torch.tensor(vals, dtype=dt) if dt != torch.uint8 else torch.tensor([1, 2, 250], dtype=dt))
print(torch.tensor([1 + 2j, -0.5j]))
print(torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True))
print(torch.tensor(3), torch.tensor(3.0), torch.tensor(True))
print(torch.tensor([0.1, 100000.0]), torch.tensor([1e-10, 1.0]))
print(torch.arange(5).dtype, torch.arange(5.0).dtype, torch.tensor([1, 2.0]).dtype)
