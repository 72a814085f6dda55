# expect-error: ValueError
import torch
print(list(range(0, 10, 3)))
r = range(0, 10, 0)
