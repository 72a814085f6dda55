# A recursive derivative helper whose stopping test misses negative n never stops: RecursionError.
def derivative(coeffs, k=1):
    if not coeffs[k:]:
        return []
    return [k * coeffs[k]] + derivative(coeffs, k + 1)


def nth_derivative(coeffs, n):
    if n == 0:
        return coeffs
    return nth_derivative(derivative(coeffs), n - 1)


print("p(x) = 1 + 2x + 3x^2 + 4x^3")
print("p'' coefficients:", nth_derivative([1, 2, 3, 4], 2))
print("asking for the -1st derivative...")
nth_derivative([1, 2, 3, 4], -1)
