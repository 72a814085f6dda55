# expect-error: TypeError
import torch
print("before")
x = print + 1
