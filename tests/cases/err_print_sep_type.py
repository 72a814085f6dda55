# expect-error: TypeError
import torch
print("ok", sep=" ")
print(1, 2, sep=5)
