# expect-error: RuntimeError
import torch
x = torch.ones(3)
print(
    "value:",
    x.view(
        2, 2
    ),
)
