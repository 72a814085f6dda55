# expect-error: TypeError
import torch
import torch.nn.functional as F
print(F.relu(torch.tensor([-1.0, 1.0])))
if torch < F:
    print("never")
