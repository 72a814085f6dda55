# An error raised two functions deep: the traceback shows every frame; here a matmul shape error.
import torch


def layer(x, w):
    return x @ w


def model(x, weights):
    for w in weights:
        x = torch.relu(layer(x, w))
    return x


x = torch.randn(2, 3)
weights = [torch.randn(3, 4), torch.randn(4, 5)]
print("two layers:", model(x, weights).shape)
weights.append(torch.randn(4, 2))
print("adding a layer with the wrong input size...")
model(x, weights)
