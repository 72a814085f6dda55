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
Every sentence is a :class:`~playground.core.refusal_templates.Said` (its English with
its template key and arguments), so that the window can word it in its language.
"""

from __future__ import annotations

import keyword
from typing import Any

from playground.core.names_table import (
    F_FUNCTIONS,
    TENSOR_METHODS,
    TORCH_FUNCTIONS,
    is_refused_name,
)
from playground.core.refusal_templates import (  # noqa: F401 (PYTHON_MODE re-exported)
    PYTHON_MODE,
    TEMPLATES,
    Said,
    said,
)

#: The manual parameter update that replaces an optimizer.
MANUAL_STEP = TEMPLATES["manual_step"]


def way_forward(instead: str | None = None, *, python: bool = True, **params: Any) -> Said:
    """The hint sentence: what to write within the subset (the :data:`TEMPLATES` key
    ``instead`` with ``params``) and/or Python mode."""
    if instead:
        return said("forward_python" if python else "forward", instead=said(instead, **params))
    return said("python_mode")


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
    "FunctionDef": way_forward("inline_body"),
    "AsyncFunctionDef": GENERIC,
    "Lambda": way_forward("inline_expression"),
    "ClassDef": way_forward("plain_parameters"),
    "ListComp": way_forward("list_loop"),
    "GeneratorExp": way_forward("generator_loop"),
    "SetComp": way_forward("append_loop"),
    "DictComp": way_forward("append_or_variables"),
    "While": way_forward("for_break"),
    "Global": way_forward("assign_global"),
    "Nonlocal": way_forward("assign_global", python=False),
    "NamedExpr": way_forward("walrus"),
    "Starred": way_forward("starred"),
    "Dict": way_forward("list_or_variables"),
    "Set": way_forward("list_membership"),
    "Try": way_forward("remove_try"),
    "TryStar": way_forward("remove_try"),
    "Raise": way_forward("print_problem"),
    # Outside a function (a 'def' is refused before its body), Python refuses these too.
    "Return": way_forward("keep_result", python=False),
    "Yield": way_forward("collect_values", python=False),
    "YieldFrom": way_forward("collect_values", python=False),
    "Await": way_forward("no_await", python=False),
    "Delete": way_forward("assign_none"),
    "Del": way_forward("assign_none"),
    "Assert": way_forward("print_condition"),
    "AnnAssign": way_forward("drop_annotation", python=False),
    "Match": way_forward("use_if"),
    "AsyncWith": way_forward("plain_with", python=False),
    "AsyncFor": way_forward("plain_for", python=False),
}


def node_hint(kind: str) -> str:
    """Way forward for a refused node type (``'Lambda'``, ``'While'``, ...)."""
    return NODE_HINTS.get(kind, GENERIC)


def loop_jump_hint(word: str) -> str:
    """``break``/``continue`` outside a loop (Python refuses it too)."""
    return way_forward("loop_jump", python=False, word=word)


NESTING = way_forward("split_expression", python=False)
UNPARSABLE = way_forward("save_utf8", python=False)
BYTES = way_forward("str_literal")
BIG_INT = way_forward("smaller_number")
KWARGS = way_forward("keywords_one_by_one")
PRIVATE_KEYWORD = way_forward("documented_keywords", python=False)
PRINT_FILE = way_forward("drop_file")
WITH_AS = way_forward("with_one_name", python=False)


def source_size_hint(limit: int) -> str:
    return way_forward("shorten_script", limit=limit)


def long_string_hint(limit: int) -> str:
    return way_forward("shorten_string", limit=limit)


def target_hint(starred: bool, loop: bool) -> str:
    """A refused assignment (``loop=False``) or ``for`` (``loop=True``) target."""
    if starred:
        return way_forward("index_not_unpack")
    if loop:
        return way_forward("loop_plain_name", python=False)
    return way_forward("assign_targets")


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
    "getattr": way_forward("write_attribute"),
    "setattr": way_forward("assign_attribute_directly"),
    "hasattr": GENERIC,
    "delattr": GENERIC,
    "eval": way_forward("write_expression"),
    "exec": way_forward("write_code"),
    "compile": way_forward("write_code"),
    "open": way_forward("write_data"),
    "input": way_forward("write_value"),
    "type": way_forward("tensor_type"),
    "isinstance": way_forward("is_tensor"),
    "issubclass": GENERIC,
    "callable": GENERIC,
    "globals": way_forward("print_by_name"),
    "locals": way_forward("print_by_name"),
    "vars": way_forward("print_by_name"),
    "dir": way_forward("language_reference"),
    "help": way_forward("language_reference"),
    "breakpoint": way_forward("print_values"),
    "exit": way_forward("remove_exit"),
    "quit": way_forward("remove_exit"),
    "format": way_forward("f_string", python=False, code='f"{x:.3f}"'),
    "pow": way_forward("power", python=False),
    "dict": way_forward("list_or_variables"),
    "set": way_forward("list_or_tuple"),
    "frozenset": way_forward("use_tuple"),
    "map": way_forward("map_loop"),
    "filter": way_forward("filter_loop"),
    "reversed": way_forward("slice_backwards"),
    "sorted": GENERIC,
    "all": way_forward("tensor_all"),
    "any": way_forward("tensor_any"),
    "divmod": way_forward("write", python=False, code="a // b, a % b"),
    "id": way_forward("compare_is"),
    "iter": way_forward("loop_for"),
    "next": way_forward("loop_or_index"),
    "slice": way_forward("slice_directly"),
    "complex": way_forward("complex_literal"),
    "ascii": way_forward("use", code="repr(x)"),
    "hex": way_forward("f_string", code='f"{n:x}"'),
    "oct": way_forward("f_string", code='f"{n:o}"'),
    "bin": way_forward("f_string", code='f"{n:b}"'),
}


def name_hint(name: str) -> str:
    """Way forward for a refused name (``_x``, ``getattr``) or built-in call (``eval(...)``)."""
    if name in BUILTIN_HINTS:
        return BUILTIN_HINTS[name]
    if name.startswith("_"):
        plain = _plain(name)
        if plain is not None and not (name.startswith("__") and name.endswith("__")):
            return way_forward("rename_plain", plain=plain)
        return GENERIC
    return GENERIC


def alias_hint(asname: str) -> str:
    """``import torch as _t``."""
    plain = _plain(asname) or "t"
    return way_forward("alias_plain", python=False, plain=plain)


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

#: Refused attributes (and ``from X import <name>`` members) with their own way forward.
ATTRIBUTE_HINTS: dict[str, str] = {
    "optim": way_forward("manual_step"),
    "step": way_forward("manual_step"),
    "zero_grad": way_forward("clear_grads"),
    "parameters": way_forward("list_tensors"),
    "named_parameters": way_forward("list_tensors"),
    "lr_scheduler": way_forward("change_lr"),
    "Linear": way_forward("f_linear"),
    "Module": way_forward("plain_tensors"),
    "Sequential": way_forward("plain_tensors"),
    "Parameter": way_forward("requires_grad_tensor"),
    "init": way_forward("make_directly"),
    "Variable": way_forward("use", code="torch.tensor([1.0, 2.0], requires_grad=True)"),
    "Tensor": way_forward("make_tensors_lower"),
    "FloatTensor": way_forward("make_tensors"),
    "numpy": way_forward("tolist_item"),
    "register_hook": way_forward("retain_grad"),
    "load": way_forward("no_files"),
    "save": way_forward("no_files"),
    "from_file": way_forward("no_files"),
    "format": way_forward("f_string", python=False, code='f"{x:.3f}"'),
    "format_map": way_forward("f_string", python=False, code='f"{x:.3f}"'),
    "join": way_forward("f_string_or_plus", code='f"{a} {b}"'),
    "pi": way_forward("write_number", python=False, number="3.141592653589793"),
    "e": way_forward("write_number", python=False, number="2.718281828459045"),
    "inf": way_forward("write", python=False, code="float('inf')"),
    "nan": way_forward("write", python=False, code="float('nan')"),
    "cuda": way_forward("on_cpu"),
    "new_ones": way_forward("same_dtype", factory="ones"),
    "new_zeros": way_forward("same_dtype", factory="zeros"),
    "new_full": way_forward("same_dtype", factory="full"),
    "new_tensor": way_forward("same_dtype", factory="tensor"),
    "extend": way_forward("concatenate"),
    "__class__": way_forward("tensor_type"),
    "__len__": way_forward("call", python=False, code="len(x)"),
    "__getitem__": way_forward("index", python=False),
    "__str__": way_forward("call", python=False, code="str(x)"),
    "__repr__": way_forward("call", python=False, code="repr(x)"),
    "__add__": way_forward("operator", python=False, code="a + b"),
    "__mul__": way_forward("operator", python=False, code="a * b"),
    "__matmul__": way_forward("operator", python=False, code="a @ b"),
}
for _optimizer in "SGD Adam AdamW RMSprop Adagrad Adadelta Adamax NAdam RAdam LBFGS".split():
    ATTRIBUTE_HINTS[_optimizer] = ATTRIBUTE_HINTS["optim"]
for _layer, _function in NN_TO_F.items():
    ATTRIBUTE_HINTS[_layer] = way_forward("layer_function", function=_function)

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
        return way_forward("own_variable", plain=plain)
    return GENERIC


def assign_attribute_hint(attr: str) -> str:
    """Way forward for assigning a readable but read-only attribute (``x.shape = ...``)."""
    new = _REASSIGN.get(attr)
    if new is not None:
        return way_forward("read_only_new", python=False, code=new)
    return way_forward("read_only", python=False)


# --------------------------------------------------------------------------- imports
#: Refused modules (``import X``, ``from X import ...``) with their own way forward.
MODULE_HINTS: dict[str, str] = {
    "torch.nn": way_forward("import_f"),
    "torch.optim": way_forward("manual_step"),
    "torch.optim.lr_scheduler": way_forward("change_lr"),
    # Allowed modules: a refused member of theirs has no hint of its module.
    "torch.nn.functional": GENERIC,
    "torch.autograd": GENERIC,
    "math": way_forward("torch_math"),
    "numpy": way_forward("torch_arrays"),
    "random": way_forward("torch_random"),
    "copy": way_forward("clone"),
    "__future__": way_forward("remove_future", python=False),
    "typing": way_forward("remove_typing"),
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
        return way_forward("tensor_method", python=False, attr=attr)
    if module == "torch" and attr in F_FUNCTIONS:
        return way_forward("f_function", python=False, attr=attr)
    if module == "torch.nn.functional" and attr in TORCH_FUNCTIONS:
        return way_forward("torch_function", python=False, attr=attr)
    return attribute_hint(attr)


STAR_WIDTH = way_forward("star_width", python=False, code="f'{n:{w}d}'")
MIN_MAX_KEY = way_forward("min_max_loop")
