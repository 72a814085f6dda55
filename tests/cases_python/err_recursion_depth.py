# A recursive derivative helper without a base case never stops: RecursionError.
def nth_derivative_of_polynomial(coeffs, n):
    if n == 0:
        return coeffs
    deriv = [i * c for i, c in enumerate(coeffs)][1:]
    return nth_derivative_of_polynomial(deriv, n - 1)


print(nth_derivative_of_polynomial([1, 2, 3, 4], 2))
print(nth_derivative_of_polynomial([1, 2, 3, 4], -1))
