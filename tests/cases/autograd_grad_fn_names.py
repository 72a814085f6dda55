import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
y = (x * w + 1).exp().sum()
print(y.grad_fn)
print(y.grad_fn.name())
print(y.grad_fn.next_functions)
exp_node = y.grad_fn.next_functions[0][0]
print(exp_node.name(), len(exp_node.next_functions))
add_node = exp_node.next_functions[0][0]
print(add_node.name(), add_node.next_functions)
mul_node = add_node.next_functions[0][0]
print(mul_node.name())
acc = mul_node.next_functions[0][0]
print(acc.name(), acc.variable is x, acc.variable, acc.next_functions)
print(mul_node.next_functions[1][0].variable is w, mul_node.next_functions[1][1])
names = [x.grad_fn, (x + 1).grad_fn.name(), (x @ w).grad_fn.name(), x.sum().grad_fn.name(), x.mean().grad_fn.name()]
print(names)
print((x ** 2).grad_fn.name(), (x / w).grad_fn.name(), x.view(2, 1).grad_fn.name(), x[0].grad_fn.name())
print(torch.relu(x).grad_fn.name(), x.sigmoid().grad_fn.name(), x.t().grad_fn.name(), x.clone().grad_fn.name())
c = x * 2
print(c.grad_fn.next_functions[0][0].name(), c.grad_fn.next_functions[1])
