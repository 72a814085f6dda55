# expect: PermissionError
# Opening a network socket, as a dataset downloader would (the sandbox forbids sockets).
import socket

import torch

print("tensor before networking:", torch.arange(3))
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print("socket bound to localhost")
s.close()
