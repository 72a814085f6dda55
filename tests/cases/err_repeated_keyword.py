# expect-error: SyntaxError
import torch
print("Python refuses the whole file: this line never runs")
print(1, 2, sep="", sep="-")
