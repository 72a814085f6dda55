# expect-error: TypeError
import torch
n = 3.0
print("n =", n)
for i in range(n):
    print(i)
