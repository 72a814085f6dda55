import torch
x = torch.tensor([1.5, -2.25, 3.0])
for dt in [torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.float, torch.double, torch.half, torch.int32, torch.int64, torch.long, torch.int, torch.bool]:
    y = x.to(dt)
    print(dt, y, y.dtype, y.is_floating_point())
print(x.float(), x.double(), x.long(), x.int())
print(x.type(torch.float64))
print(x.to(torch.int64).to(torch.float32))
print(torch.float == torch.float32, torch.double == torch.float64, torch.long is torch.int64)
print(torch.tensor([1, 2]).dtype, torch.tensor([1.0]).dtype, torch.tensor([True]).dtype)
print(x.device, x.to("cpu").device)
print(x.to(dtype=torch.float64))
