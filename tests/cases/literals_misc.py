import torch
print(1_000_000, 0b101, 0o17, 0xff, 1e-3, 2.5e3, .5, 5., -2 ** 2, (-2) ** 2, 2 ** -2)
print(True + 1.5, 3 / 2, 3 // 2, -3 // 2, 3 % -2, 7.0 // 2)
print("abc"[1], "abc"[::-1], "ab" + "cd", "ab" * 3, len("hello"), "x" < "y", "é")
print(str(torch.ones(2)), str(1.5), str([1, 2]), str(None), str(True))
print(list(torch.ones(2, 3).shape), tuple([1, 2]), list(range(3)), list("ab"))
