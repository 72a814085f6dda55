# try/except/else/finally around gradient-mode switches: the mode is restored even after an error.
import torch

print("grad enabled at start:", torch.is_grad_enabled())


def risky(flag):
    prev = torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    try:
        if flag:
            raise ValueError("something went wrong inside")
        return "finished"
    finally:
        torch.set_grad_enabled(prev)
        print("  finally: grad mode restored to", torch.is_grad_enabled())


for flag in (False, True):
    try:
        result = risky(flag)
    except ValueError as err:
        print("except:", err)
    else:
        print("else:", result)

with torch.no_grad():
    try:
        1 / 0
    except ZeroDivisionError as err:
        print("inside no_grad, caught:", err, "| enabled:", torch.is_grad_enabled())
print("after the with block:", torch.is_grad_enabled())
