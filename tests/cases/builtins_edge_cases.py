import torch
print(1, 2, sep=None, end=None)
print(round(1234.5, -2), round(-2.5), round(0.5), round(1.25, 1))
print(int('ff', 16), int('0b101', 0), int(' 7 '))
print(float('nan') == float('nan'), float('-inf'))
print(min([], default=0), max(1, 2), max([3, 1], default=5))
print(sum([1, 2], 10), sum([[1], [2]], []))
print(abs(True), bool([]), bool(()), bool(''), bool(0.0))
print(repr(1e300 * 10), 1e300 * 1e300 - 1e300 * 1e300)
print(list(zip([1, 2], [3])), list(enumerate('ab', start=5)))
print(tuple(range(3)), list((1, 2)), str(1.0), str(-0.0))
print(int(1e20), int(-3.9), int(True))
print(max('abc'), min((3, 2)))
print(sum([0.1] * 10), sum([1e100, 1.0, -1e100]))
print(repr('a\nb'), repr("it's"))
print(f'{1e20:,.2f}', f'{-0.0:+.1f}', f'{12345:_}', f'{3.14159:.0f}', f'{255:#x}', f'{5:#b}')
x = torch.tensor(2.5)
print(f'{x:.2f}', f'{x!r}', round(x.item()), int(x), float(x))
print(7 // -2, -7 % 3, 2 ** 0.5 ** 2, 10 / 4 * 2)
y = [1, 2, 3]
y[1:2] = [9, 9]
print(y)
z = [1, 2, 3]
print(z.pop(), z.pop(0), z)
w = []
w.append(w)
print(w)
print(torch.tensor([1, 2]) == torch.tensor([1, 3]), [1, 2] == (1, 2), (1, 2) < (1, 3), [1] * 0)
