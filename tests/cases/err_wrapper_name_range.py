# expect-error: TypeError
import torch
for i in range ** 2:
    print(i)
