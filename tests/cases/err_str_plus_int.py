# expect-error: TypeError
import torch
n = 3
print("n is", n)
print("n is " + n)
