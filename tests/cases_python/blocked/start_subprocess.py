# expect: PermissionError
# Starting a child process with subprocess (the sandbox forbids creating processes).
import subprocess
import sys

import torch

print("grad mode:", torch.is_grad_enabled())
result = subprocess.run([sys.executable, "-c", "print(6 * 7)"], capture_output=True, text=True)
print("child printed:", result.stdout.strip())
