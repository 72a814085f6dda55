"""The way forward of every restricted-mode refusal. No torch, no Qt.

A refusal says what is refused *and* what to do instead, in one or two sentences:
``1:1: 'lambda' is not available in the playground. Write the expression inline where
you use it; to run the file as full Python, click 'Trust and run as Python' above the
editor (or `gradient-playground run FILE` without `--restricted`).``

The second sentence comes from here: :func:`way_forward` builds it from what to write
instead within the subset (when there is a good equivalent) and/or Python mode (when the
construct has none, or as the alternative). The lookups below are keyed by the refused
construct (node type, name, attribute, module); each falls back to Python mode, so every
refusal has a way forward. :mod:`playground.core.checker` passes one to every refusal.
"""

from __future__ import annotations

import keyword

from playground.core.names_table import (
    F_FUNCTIONS,
    TENSOR_METHODS,
    TORCH_FUNCTIONS,
    is_refused_name,
)

#: How to leave restricted mode: the trust bar's button, or the CLI without the flag.
PYTHON_MODE = (
    "click 'Trust and run as Python' above the editor "
    "(or `gradient-playground run FILE` without `--restricted`)"
)

#: The manual parameter update that replaces an optimizer.
MANUAL_STEP = (
    "update the parameters by hand: `with torch.no_grad(): w -= lr * w.grad`, then `w.grad.zero_()`"
)


def way_forward(instead: str | None = None, *, python: bool = True) -> str:
    """The hint sentence: ``instead`` (what to write within the subset) and/or Python mode."""
    if instead:
        instead = instead[0].upper() + instead[1:]
        if python:
            return f"{instead}; to run the file as full Python, {PYTHON_MODE}."
        return f"{instead}."
    return f"To run the file as full Python, {PYTHON_MODE}."


def with_hint(message: str, hint: str) -> str:
    """``message`` (what is refused) followed by its way forward (as :class:`ScriptRefused`
    joins them)."""
    return f"{message}. {hint}"


#: Python mode only: the subset has no equivalent.
GENERIC = way_forward()

# --------------------------------------------------------------------------- syntax
#: Refused node types (``type(node).__name__``): every key of the checker's
#: ``_CONSTRUCT_NAMES`` has an entry (a test checks it).
NODE_HINTS: dict[str, str] = {
    "FunctionDef": way_forward("write the function's body inline where you call it"),
    "AsyncFunctionDef": GENERIC,
    "Lambda": way_forward("write the expression inline where you use it"),
    "ClassDef": way_forward(
        "keep the parameters as plain tensors (`w = torch.randn(2, 3, requires_grad=True)`) "
        "and use the functions of `F`"
    ),
    "ListComp": way_forward(
        "build the list with a loop: `ys = []`, then `for x in xs: ys.append(x * 2)`"
    ),
    "GeneratorExp": way_forward(
        "build a list with a loop (`ys = []`, then `for x in xs: ys.append(x * 2)`) "
        "and pass it, e.g. `sum(ys)`"
    ),
    "SetComp": way_forward("build a list with a loop and `.append`"),
    "DictComp": way_forward("build a list with a loop and `.append`, or use separate variables"),
    "While": way_forward("loop with `for i in range(n):` and leave it with `break`"),
    "Global": way_forward(
        "assign the variable directly: `x = ...` (every name of a script is global)"
    ),
    "Nonlocal": way_forward(
        "assign the variable directly: `x = ...` (every name of a script is global)", python=False
    ),
    "NamedExpr": way_forward("assign the value on its own line first (`y = ...`), then use `y`"),
    "Starred": way_forward(
        "write the items one by one (`f(xs[0], xs[1])`) or join lists with `+` (`a + b`)"
    ),
    "Dict": way_forward("use a list or tuple, or one variable per entry"),
    "Set": way_forward("use a list or tuple (`x in [1, 2]`)"),
    "Try": way_forward(
        "remove the `try`: the run stops at the failing line and shows PyTorch's error"
    ),
    "TryStar": way_forward(
        "remove the `try`: the run stops at the failing line and shows PyTorch's error"
    ),
    "Raise": way_forward("report the problem with `print(...)` (an error stops the run anyway)"),
    # Outside a function (a 'def' is refused before its body), Python refuses these too.
    "Return": way_forward("keep the value in a variable: `result = ...`", python=False),
    "Yield": way_forward("collect the values in a list with `.append`", python=False),
    "YieldFrom": way_forward("collect the values in a list with `.append`", python=False),
    "Await": way_forward("call it without `await`", python=False),
    "Delete": way_forward("assign `x = None` instead (`xs.pop(i)` removes a list item)"),
    "Del": way_forward("assign `x = None` instead (`xs.pop(i)` removes a list item)"),
    "Assert": way_forward("print the condition instead: `print(torch.allclose(a, b))`"),
    "AnnAssign": way_forward("drop the annotation: `x = 1` instead of `x: int = 1`", python=False),
    "Match": way_forward("use `if` / `elif` / `else`"),
    "AsyncWith": way_forward("use a plain `with`", python=False),
    "AsyncFor": way_forward("use a plain `for`", python=False),
}


def node_hint(kind: str) -> str:
    """Way forward for a refused node type (``'Lambda'``, ``'While'``, ...)."""
    return NODE_HINTS.get(kind, GENERIC)


def loop_jump_hint(word: str) -> str:
    """``break``/``continue`` outside a loop (Python refuses it too)."""
    return way_forward(f"use `{word}` only inside a `for` loop", python=False)


NESTING = way_forward(
    "split the expression into several statements with intermediate variables", python=False
)
UNPARSABLE = way_forward("save the script as plain UTF-8 Python text", python=False)
BYTES = way_forward("use a str literal (`'abc'`)")
BIG_INT = way_forward("use a float (`1e30`) or a smaller number")
KWARGS = way_forward("pass the keywords one by one: `f(a=1, b=2)`")
PRIVATE_KEYWORD = way_forward(
    "pass the function's documented keywords (they never start with '_')", python=False
)
PRINT_FILE = way_forward("drop `file=`: `print(x)` writes to the output")
WITH_AS = way_forward(
    "write `with ... as name:` with one plain name and unpack inside the block", python=False
)


def source_size_hint(limit: int) -> str:
    return way_forward(f"shorten the script to at most {limit:,} bytes")


def long_string_hint(limit: int) -> str:
    return way_forward(f"shorten it to at most {limit:,} characters")


def target_hint(starred: bool, loop: bool) -> str:
    """A refused assignment (``loop=False``) or ``for`` (``loop=True``) target."""
    if starred:
        return way_forward("index instead of unpacking: `first, rest = xs[0], xs[1:]`")
    if loop:
        return way_forward(
            "loop over a plain name and assign inside: `for v in values:` then `x[0] = v`",
            python=False,
        )
    return way_forward("assign to names, subscripts or `.data` / `.grad` / `.requires_grad`")


# --------------------------------------------------------------------------- names
def _plain(name: str) -> str | None:
    """``name`` without its leading underscores, if that is a usable name."""
    plain = name.lstrip("_")
    if plain and plain.isidentifier() and not keyword.iskeyword(plain):
        if not is_refused_name(plain):
            return plain
    return None


#: Refused built-in names (read, assigned or called).
BUILTIN_HINTS: dict[str, str] = {
    "getattr": way_forward("write the attribute directly: `x.grad`"),
    "setattr": way_forward("assign the attribute directly: `x.grad = None`"),
    "hasattr": GENERIC,
    "delattr": GENERIC,
    "eval": way_forward("write the expression directly in the script"),
    "exec": way_forward("write the code directly in the script"),
    "compile": way_forward("write the code directly in the script"),
    "open": way_forward(
        "write the data in the script (`x = torch.tensor([1.0, 2.0])`) and `print` results"
    ),
    "input": way_forward("write the value in the script (`n = 3`)"),
    "type": way_forward("use `x.dtype` or `x.type()` for a tensor"),
    "isinstance": way_forward("use `torch.is_tensor(x)` or `x.is_floating_point()`"),
    "issubclass": GENERIC,
    "callable": GENERIC,
    "globals": way_forward("print the variables you need by name: `print(x)`"),
    "locals": way_forward("print the variables you need by name: `print(x)`"),
    "vars": way_forward("print the variables you need by name: `print(x)`"),
    "dir": way_forward("see Help > Language reference for the names a restricted script may use"),
    "help": way_forward("see Help > Language reference for the names a restricted script may use"),
    "breakpoint": way_forward("print the values you want to inspect: `print(x)`"),
    "exit": way_forward("remove it: the run ends after the last line (skip code with `if`)"),
    "quit": way_forward("remove it: the run ends after the last line (skip code with `if`)"),
    "format": way_forward('use an f-string: `f"{x:.3f}"`', python=False),
    "pow": way_forward("use `**` (`x ** 2`) or `torch.pow(x, 2)`", python=False),
    "dict": way_forward("use a list or tuple, or one variable per entry"),
    "set": way_forward("use a list or tuple"),
    "frozenset": way_forward("use a tuple"),
    "map": way_forward("loop and collect: `ys = []`, then `for x in xs: ys.append(f(x))`"),
    "filter": way_forward("loop and collect: `for x in xs:` then `if x > 0: ys.append(x)`"),
    "reversed": way_forward("slice backwards: `xs[::-1]` for a list or tuple"),
    "sorted": GENERIC,
    "all": way_forward("use `x.all()` on a tensor, or `a and b`"),
    "any": way_forward("use `x.any()` on a tensor, or `a or b`"),
    "divmod": way_forward("write `a // b, a % b`", python=False),
    "id": way_forward("compare with `is` / `is not`"),
    "iter": way_forward("loop with `for`"),
    "next": way_forward("loop with `for` and `break`, or index: `xs[0]`"),
    "slice": way_forward("slice directly: `xs[1:3]`"),
    "complex": way_forward("write a complex literal: `1 + 2j`"),
    "ascii": way_forward("use `repr(x)`"),
    "hex": way_forward('use an f-string: `f"{n:x}"`'),
    "oct": way_forward('use an f-string: `f"{n:o}"`'),
    "bin": way_forward('use an f-string: `f"{n:b}"`'),
}


def name_hint(name: str) -> str:
    """Way forward for a refused name (``_x``, ``getattr``) or built-in call (``eval(...)``)."""
    if name in BUILTIN_HINTS:
        return BUILTIN_HINTS[name]
    if name.startswith("_"):
        plain = _plain(name)
        if plain is not None and not (name.startswith("__") and name.endswith("__")):
            return way_forward(f"rename it without the leading underscore: `{plain}`")
        return GENERIC
    return GENERIC


def alias_hint(asname: str) -> str:
    """``import torch as _t``."""
    plain = _plain(asname) or "t"
    return way_forward(f"choose a name without the leading underscore: `{plain}`", python=False)


# --------------------------------------------------------------------------- attributes
#: ``torch.nn`` layers and losses, and the ``F`` function that replaces each.
NN_TO_F: dict[str, str] = {
    "ReLU": "relu",
    "Sigmoid": "sigmoid",
    "Tanh": "tanh",
    "GELU": "gelu",
    "SiLU": "silu",
    "LeakyReLU": "leaky_relu",
    "ELU": "elu",
    "Softplus": "softplus",
    "ReLU6": "relu6",
    "Hardtanh": "hardtanh",
    "Softmax": "softmax",
    "LogSoftmax": "log_softmax",
    "MSELoss": "mse_loss",
    "L1Loss": "l1_loss",
    "SmoothL1Loss": "smooth_l1_loss",
    "CrossEntropyLoss": "cross_entropy",
    "NLLLoss": "nll_loss",
    "BCELoss": "binary_cross_entropy",
    "BCEWithLogitsLoss": "binary_cross_entropy_with_logits",
}

_PLAIN_TENSORS = (
    "use plain tensors with `requires_grad=True` "
    "(`w = torch.randn(2, 3, requires_grad=True)`) and the functions of `F`"
)
_NO_FILES = "write the values in the script (`torch.tensor([...])`) and `print` results"

#: Refused attributes (and ``from X import <name>`` members) with their own way forward.
ATTRIBUTE_HINTS: dict[str, str] = {
    "optim": way_forward(MANUAL_STEP),
    "step": way_forward(MANUAL_STEP),
    "zero_grad": way_forward("clear each gradient by hand: `w.grad.zero_()` or `w.grad = None`"),
    "parameters": way_forward("list your tensors yourself: `params = [w, b]`"),
    "named_parameters": way_forward("list your tensors yourself: `params = [w, b]`"),
    "lr_scheduler": way_forward("change `lr` yourself in the loop: `lr = lr * 0.9`"),
    "Linear": way_forward(
        "use `F.linear(x, w, b)` with `w = torch.randn(out_features, in_features, "
        "requires_grad=True)`"
    ),
    "Module": way_forward(_PLAIN_TENSORS),
    "Sequential": way_forward(_PLAIN_TENSORS),
    "Parameter": way_forward("use a tensor with `requires_grad=True`"),
    "init": way_forward("make the tensor directly: `(torch.randn(3, 4) * 0.1).requires_grad_()`"),
    "Variable": way_forward("use `torch.tensor([1.0, 2.0], requires_grad=True)`"),
    "Tensor": way_forward("make tensors with `torch.tensor([1.0, 2.0])` (lower case)"),
    "FloatTensor": way_forward("make tensors with `torch.tensor([1.0, 2.0])`"),
    "numpy": way_forward("use `.tolist()` or `.item()`"),
    "register_hook": way_forward(
        "call `y.retain_grad()` before `backward()` and read `y.grad` after it"
    ),
    "load": way_forward(_NO_FILES),
    "save": way_forward(_NO_FILES),
    "from_file": way_forward(_NO_FILES),
    "format": way_forward('use an f-string: `f"{x:.3f}"`', python=False),
    "format_map": way_forward('use an f-string: `f"{x:.3f}"`', python=False),
    "join": way_forward('use an f-string or `+`: `f"{a} {b}"`'),
    "pi": way_forward("write the number: `3.141592653589793`", python=False),
    "e": way_forward("write the number: `2.718281828459045`", python=False),
    "inf": way_forward("write `float('inf')`", python=False),
    "nan": way_forward("write `float('nan')`", python=False),
    "cuda": way_forward("drop it: restricted mode runs on the CPU"),
    "new_ones": way_forward("use `torch.ones(..., dtype=x.dtype)`"),
    "new_zeros": way_forward("use `torch.zeros(..., dtype=x.dtype)`"),
    "new_full": way_forward("use `torch.full(..., dtype=x.dtype)`"),
    "new_tensor": way_forward("use `torch.tensor(..., dtype=x.dtype)`"),
    "extend": way_forward("concatenate with `+=`: `xs += ys`"),
    "__class__": way_forward("use `x.dtype` or `x.type()` for a tensor"),
    "__len__": way_forward("call `len(x)`", python=False),
    "__getitem__": way_forward("index: `x[i]`", python=False),
    "__str__": way_forward("call `str(x)`", python=False),
    "__repr__": way_forward("call `repr(x)`", python=False),
    "__add__": way_forward("use the operator: `a + b`", python=False),
    "__mul__": way_forward("use the operator: `a * b`", python=False),
    "__matmul__": way_forward("use the operator: `a @ b`", python=False),
}
for _optimizer in "SGD Adam AdamW RMSprop Adagrad Adadelta Adamax NAdam RAdam LBFGS".split():
    ATTRIBUTE_HINTS[_optimizer] = ATTRIBUTE_HINTS["optim"]
for _layer, _function in NN_TO_F.items():
    ATTRIBUTE_HINTS[_layer] = way_forward(f"call `F.{_function}(...)` instead of the layer object")

#: Attributes of tensors that cannot be assigned, and the new variable to make instead.
_REASSIGN = {
    "shape": "x = x.reshape(2, 3)",
    "dtype": "x = x.to(torch.float64)",
    "device": "x = x.to('cpu')",
    "T": "x = x.t()",
}


def attribute_hint(attr: str, *, store: bool = False, path: str | None = None) -> str:
    """Way forward for a refused attribute ``x.<attr>`` (``store``: it is assigned;
    ``path``: the dotted name it ends, e.g. ``torch.optim.SGD``, when it is one)."""
    if attr in ATTRIBUTE_HINTS:
        return ATTRIBUTE_HINTS[attr]
    if path is not None:
        hint = module_hint(path)
        if hint is not GENERIC:
            return hint
    if store:
        plain = _plain(attr) or "value"
        return way_forward(f"keep the value in a variable of its own: `{plain} = ...`")
    return GENERIC


def assign_attribute_hint(attr: str) -> str:
    """Way forward for assigning a readable but read-only attribute (``x.shape = ...``)."""
    new = _REASSIGN.get(attr)
    only = "only `.data`, `.grad` and `.requires_grad` can be assigned"
    if new is not None:
        return way_forward(f"{only}; make a new tensor instead: `{new}`", python=False)
    return way_forward(f"{only}; keep the value in a variable of its own", python=False)


# --------------------------------------------------------------------------- imports
_F_IMPORT = "write `import torch.nn.functional as F` and use `F.relu`, `F.linear`, `F.mse_loss`"

#: Refused modules (``import X``, ``from X import ...``) with their own way forward.
MODULE_HINTS: dict[str, str] = {
    "torch.nn": way_forward(_F_IMPORT),
    "torch.optim": way_forward(MANUAL_STEP),
    "torch.optim.lr_scheduler": way_forward("change `lr` yourself in the loop: `lr = lr * 0.9`"),
    # Allowed modules: a refused member of theirs has no hint of its module.
    "torch.nn.functional": GENERIC,
    "torch.autograd": GENERIC,
    "math": way_forward(
        "use the functions of `torch` (`torch.exp(x)`, `torch.sqrt(x)`) and write constants "
        "as numbers (`3.141592653589793`)"
    ),
    "numpy": way_forward(
        "build tensors with `torch.tensor([...])`, `torch.arange`, `torch.linspace`"
    ),
    "random": way_forward("use `torch.rand`, `torch.randn` or `torch.randint`"),
    "copy": way_forward("use `x.clone()` for a tensor, `list(xs)` for a list"),
    "__future__": way_forward("remove the `from __future__ import` line", python=False),
    "typing": way_forward("remove the import and the annotations (`x = 1`, not `x: int = 1`)"),
}


def module_hint(module: str) -> str:
    """Way forward for a refused ``import <module>`` (also ``torch.optim.lr_scheduler``...)."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        hint = MODULE_HINTS.get(".".join(parts[:end]))
        if hint is not None:
            return hint
    return GENERIC


def member_hint(module: str, name: str) -> str:
    """Way forward for a refused ``from <module> import <name>`` (the module is allowed)."""
    if name in ATTRIBUTE_HINTS:
        return ATTRIBUTE_HINTS[name]
    return module_hint(f"{module}.{name}")


# --------------------------------------------------------------------------- while running
def module_member_hint(module: str, attr: str) -> str:
    """Way forward for ``'torch.permute' is not available`` (a name the subset has elsewhere)."""
    if module == "torch" and attr in TENSOR_METHODS:
        return way_forward(f"call it as a tensor method: `x.{attr}(...)`", python=False)
    if module == "torch" and attr in F_FUNCTIONS:
        return way_forward(f"use `F.{attr}(...)` (`import torch.nn.functional as F`)", python=False)
    if module == "torch.nn.functional" and attr in TORCH_FUNCTIONS:
        return way_forward(f"use `torch.{attr}(...)`", python=False)
    return attribute_hint(attr)


STAR_WIDTH = way_forward(
    "write the width into the format (`'%5d' % n`) or use an f-string (`f'{n:{w}d}'`)",
    python=False,
)
MIN_MAX_KEY = way_forward("find the smallest or largest item with a `for` loop")
