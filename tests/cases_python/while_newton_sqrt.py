# A while loop running Newton's method; autograd differentiates the unrolled iterations.
import torch


def newton_sqrt(a, tol=1e-10):
    x = a.clone()
    it = 0
    while True:
        nxt = 0.5 * (x + a / x)
        it += 1
        if (nxt - x).abs() < tol or it >= 50:
            return nxt, it
        x = nxt


a = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
r, iters = newton_sqrt(a)
r.backward()
print("sqrt(2) ~", f"{r.item():.12f}", "after", iters, "iterations")
print("d sqrt(a)/da =", f"{a.grad.item():.10f}")
print("1/(2*sqrt(2)) =", f"{1 / (2 * 2 ** 0.5):.10f}")
