# ReduceLROnPlateau lowers the learning rate when the monitored metric stops improving.
import torch

w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=1.0)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1)
val_losses = [1.0, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.65]
for epoch, v in enumerate(val_losses):
    opt.step()
    sched.step(v)
    print(f"epoch {epoch}: val {v:.2f} -> lr {opt.param_groups[0]['lr']}")
print("best:", sched.best, "bad epochs:", sched.num_bad_epochs)
