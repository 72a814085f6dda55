# expect-error: ZeroDivisionError
import torch
n = 0
print("dividing")
r = 1 / n
