# A recursive recurrence with memoisation: the gradient counts how often each seed is used.
import torch

a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
memo = {}


def fib(n):
    if n == 0:
        return a
    if n == 1:
        return b
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


f10 = fib(10)
f10.backward()
print("fib(10) =", f10.item())
print("d fib(10)/da =", a.grad.item(), " d fib(10)/db =", b.grad.item())
print("cached entries:", sorted(memo))
