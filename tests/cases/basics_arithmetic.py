import torch
a = 7
b = 2
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, 7.5 // 2, 7.5 % 2, 2 ** -1, (-8) ** 2)
print(not a, not 0, -a, +b, ~a, ~-1)
print(a > b, a >= 7, a < b, a <= 7, a == 7, a != 7)
print(1 < a < 10, 1 < a > 10)
print(a is None, a is not None, None is None)
print(True and 3, 0 and 3, 0 or "x", "" or 0.5, None or [])
print(a if a > b else b, "big" if a > 100 else "small")
print(True + True, 3 * True, 1e3, 1.5e-7, 10 / 4, 0.1 + 0.2)
print(2 ** 10, 2 ** 0.5, 5 // 0.5, round(2.675, 2), round(7.5), round(8.5))
