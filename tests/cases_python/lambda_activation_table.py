# A dict of lambdas for activation functions, and their derivatives computed by autograd.
import torch

activations = {
    "relu": lambda t: torch.relu(t),
    "sigmoid": lambda t: torch.sigmoid(t),
    "tanh": lambda t: torch.tanh(t),
    "softplus": lambda t: torch.nn.functional.softplus(t),
    "square": lambda t: t * t,
}
x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
for name, fn in activations.items():
    x.grad = None
    fn(x).sum().backward()
    vals = ", ".join(f"{g:.4f}" for g in x.grad.tolist())
    print(f"{name:>8}: d/dx at (-1, 0, 2) = [{vals}]")
