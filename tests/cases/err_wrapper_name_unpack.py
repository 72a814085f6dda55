# expect-error: TypeError
import torch
p, q = torch
