# A contextlib.contextmanager that temporarily freezes a module's parameters.
from contextlib import contextmanager

import torch
from torch import nn


@contextmanager
def frozen(module):
    saved = [p.requires_grad for p in module.parameters()]
    for p in module.parameters():
        p.requires_grad_(False)
    try:
        yield module
    finally:
        for p, flag in zip(module.parameters(), saved):
            p.requires_grad_(flag)


net = nn.Linear(2, 1)
x = torch.ones(1, 2, requires_grad=True)
with frozen(net):
    print("inside:", [p.requires_grad for p in net.parameters()])
    net(x).sum().backward()
    print("weight grad:", net.weight.grad, "| input grad:", x.grad)
print("after:", [p.requires_grad for p in net.parameters()])
net(x).sum().backward()
print("weight grad now:", net.weight.grad is not None, "| input grad doubled:", x.grad)
