# no_grad, enable_grad, set_grad_enabled and inference_mode: when results get a grad_fn.
import torch

x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    y = x * 2
    with torch.enable_grad():
        z = x * 3
print("no_grad:", y.requires_grad, "| enable_grad inside:", z.requires_grad)
for flag in (True, False):
    with torch.set_grad_enabled(flag):
        w = x * 4
    print(f"set_grad_enabled({flag}):", w.requires_grad)
torch.set_grad_enabled(False)
print("globally off:", (x * 1).requires_grad, torch.is_grad_enabled())
torch.set_grad_enabled(True)
with torch.inference_mode():
    t = x * 5
    print("inside inference_mode:", torch.is_inference_mode_enabled())
print("inference tensor:", t.is_inference(), t.requires_grad, "| normal tensor:", x.is_inference())
with torch.inference_mode(mode=False):
    print("inference_mode(False) keeps grads:", (x * 6).requires_grad)


@torch.inference_mode()
def predict(v):
    return v * 10


print("decorated:", predict(x), predict(x).is_inference())
