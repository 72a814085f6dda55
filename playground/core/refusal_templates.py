"""The English of every restricted-mode refusal, as template keys and arguments. No torch,
no Qt.

:mod:`playground.core.checker` words what it refuses and
:mod:`playground.core.refusal_hints` the way forward from :data:`TEMPLATES`
(:mod:`playground.core.phrase`); each part is a :class:`Said`, a ``str`` that keeps its
key and arguments, so the command line prints the English as it is while the refusal
carries ``key``/``params`` to the window, which words it in its own language
(:mod:`playground.ui.refusal_text`, a translatable copy of this table that a test keeps
the same). Arguments are code, names and numbers, which stay as they are.
"""

from __future__ import annotations

from typing import Any

from playground.core.phrase import phrase, render

__all__ = ["PYTHON_MODE", "REFUSAL", "TEMPLATES", "Said", "refusal", "said"]

#: How to leave restricted mode: the trust bar's button, or the CLI without the flag.
PYTHON_MODE = (
    "click 'Trust and run as Python' above the editor "
    "(or `gradient-playground run FILE` without `--restricted`)"
)

#: The key of a whole refusal: what is refused, then its way forward.
REFUSAL = "refusal"

_F_STRING = "Use an f-string: `{code}`"

#: Template key -> English (:func:`playground.core.phrase.render`).
TEMPLATES: dict[str, str] = {
    REFUSAL: "{refused}. {hint}",
    # ------------------------------------------------------------------ what is refused
    "script_size": "the script is {size:,} bytes, over the playground's limit of {limit:,} bytes",
    "too_deep_to_parse": "the script is nested too deeply to be parsed",
    "unparsable": "the script cannot be parsed: {error}",
    "nested": "the script is nested more than {depth} levels deep",
    "construct": "{construct} is not available in the playground",
    "outside_loop": "'{word}' outside loop",
    "name": "name '{name}' is not available in the playground",
    "attribute": "attribute '{attr}' is not available in the playground",
    "assign_attribute": "assigning attribute '{attr}' is not available in the playground",
    "big_int": "integer literal is too large for the playground",
    "long_string": "string literal is too long for the playground",
    "keyword": "keyword '{name}' is not available in the playground",
    "print_file": "print's 'file' argument is not available in the playground",
    "import_module": "import of module '{module}' is not available in the playground",
    "import_member": "import of '{name}' from '{module}' is not available in the playground",
    "target": "this assignment target is not available in the playground",
    "with_as": "'with ... as' needs a plain name in the playground",
    # the constructs ("{construct} is not available ..."), by node type
    "construct_FunctionDef": "function definition ('def')",
    "construct_AsyncFunctionDef": "function definition ('async def')",
    "construct_Lambda": "'lambda'",
    "construct_ClassDef": "class definition",
    "construct_ListComp": "list comprehension",
    "construct_SetComp": "set comprehension",
    "construct_DictComp": "dict comprehension",
    "construct_GeneratorExp": "generator expression",
    "construct_While": "'while' loop",
    "construct_Global": "'global'",
    "construct_Nonlocal": "'nonlocal'",
    "construct_NamedExpr": "the walrus operator ':='",
    "construct_Starred": "'*' unpacking",
    "construct_Dict": "dict literal",
    "construct_Set": "set literal",
    "construct_Try": "'try'",
    "construct_TryStar": "'try'",
    "construct_Raise": "'raise'",
    "construct_Return": "'return'",
    "construct_Yield": "'yield'",
    "construct_YieldFrom": "'yield from'",
    "construct_Await": "'await'",
    "construct_Delete": "'del'",
    "construct_Assert": "'assert'",
    "construct_AnnAssign": "annotated assignment",
    "construct_Match": "'match'",
    "construct_AsyncWith": "'async with'",
    "construct_AsyncFor": "'async for'",
    "construct_Del": "'del'",
    "construct_bytes": "bytes literal",
    "construct_kwargs": "'**' unpacking",
    # ------------------------------------------------------------------ the way forward
    "forward_python": "{instead}; to run the file as full Python, " + PYTHON_MODE + ".",
    "forward": "{instead}.",
    "python_mode": "To run the file as full Python, " + PYTHON_MODE + ".",
    # what to write instead: syntax
    "inline_body": "Write the function's body inline where you call it",
    "inline_expression": "Write the expression inline where you use it",
    "plain_parameters": "Keep the parameters as plain tensors "
    "(`w = torch.randn(2, 3, requires_grad=True)`) and use the functions of `F`",
    "list_loop": "Build the list with a loop: `ys = []`, then `for x in xs: ys.append(x * 2)`",
    "generator_loop": "Build a list with a loop (`ys = []`, then "
    "`for x in xs: ys.append(x * 2)`) and pass it, e.g. `sum(ys)`",
    "append_loop": "Build a list with a loop and `.append`",
    "append_or_variables": "Build a list with a loop and `.append`, or use separate variables",
    "for_break": "Loop with `for i in range(n):` and leave it with `break`",
    "assign_global": "Assign the variable directly: `x = ...` (every name of a script is global)",
    "walrus": "Assign the value on its own line first (`y = ...`), then use `y`",
    "starred": "Write the items one by one (`f(xs[0], xs[1])`) or join lists with `+` (`a + b`)",
    "list_or_variables": "Use a list or tuple, or one variable per entry",
    "list_membership": "Use a list or tuple (`x in [1, 2]`)",
    "remove_try": "Remove the `try`: the run stops at the failing line and shows PyTorch's error",
    "print_problem": "Report the problem with `print(...)` (an error stops the run anyway)",
    "keep_result": "Keep the value in a variable: `result = ...`",
    "collect_values": "Collect the values in a list with `.append`",
    "no_await": "Call it without `await`",
    "assign_none": "Assign `x = None` instead (`xs.pop(i)` removes a list item)",
    "print_condition": "Print the condition instead: `print(torch.allclose(a, b))`",
    "drop_annotation": "Drop the annotation: `x = 1` instead of `x: int = 1`",
    "use_if": "Use `if` / `elif` / `else`",
    "plain_with": "Use a plain `with`",
    "plain_for": "Use a plain `for`",
    "loop_jump": "Use `{word}` only inside a `for` loop",
    "split_expression": "Split the expression into several statements with intermediate variables",
    "save_utf8": "Save the script as plain UTF-8 Python text",
    "str_literal": "Use a str literal (`'abc'`)",
    "smaller_number": "Use a float (`1e30`) or a smaller number",
    "keywords_one_by_one": "Pass the keywords one by one: `f(a=1, b=2)`",
    "documented_keywords": "Pass the function's documented keywords (they never start with '_')",
    "drop_file": "Drop `file=`: `print(x)` writes to the output",
    "with_one_name": "Write `with ... as name:` with one plain name and unpack inside the block",
    "shorten_script": "Shorten the script to at most {limit:,} bytes",
    "shorten_string": "Shorten it to at most {limit:,} characters",
    "index_not_unpack": "Index instead of unpacking: `first, rest = xs[0], xs[1:]`",
    "loop_plain_name": "Loop over a plain name and assign inside: "
    "`for v in values:` then `x[0] = v`",
    "assign_targets": "Assign to names, subscripts or `.data` / `.grad` / `.requires_grad`",
    # names and built-ins
    "write_attribute": "Write the attribute directly: `x.grad`",
    "assign_attribute_directly": "Assign the attribute directly: `x.grad = None`",
    "write_expression": "Write the expression directly in the script",
    "write_code": "Write the code directly in the script",
    "write_data": "Write the data in the script (`x = torch.tensor([1.0, 2.0])`) and `print` "
    "results",
    "write_value": "Write the value in the script (`n = 3`)",
    "tensor_type": "Use `x.dtype` or `x.type()` for a tensor",
    "is_tensor": "Use `torch.is_tensor(x)` or `x.is_floating_point()`",
    "print_by_name": "Print the variables you need by name: `print(x)`",
    "language_reference": "See Help > Language reference for the names a restricted script may use",
    "print_values": "Print the values you want to inspect: `print(x)`",
    "remove_exit": "Remove it: the run ends after the last line (skip code with `if`)",
    "f_string": _F_STRING,
    "power": "Use `**` (`x ** 2`) or `torch.pow(x, 2)`",
    "list_or_tuple": "Use a list or tuple",
    "use_tuple": "Use a tuple",
    "map_loop": "Loop and collect: `ys = []`, then `for x in xs: ys.append(f(x))`",
    "filter_loop": "Loop and collect: `for x in xs:` then `if x > 0: ys.append(x)`",
    "slice_backwards": "Slice backwards: `xs[::-1]` for a list or tuple",
    "tensor_all": "Use `x.all()` on a tensor, or `a and b`",
    "tensor_any": "Use `x.any()` on a tensor, or `a or b`",
    "write": "Write `{code}`",
    "compare_is": "Compare with `is` / `is not`",
    "loop_for": "Loop with `for`",
    "loop_or_index": "Loop with `for` and `break`, or index: `xs[0]`",
    "slice_directly": "Slice directly: `xs[1:3]`",
    "complex_literal": "Write a complex literal: `1 + 2j`",
    "use": "Use `{code}`",
    "rename_plain": "Rename it without the leading underscore: `{plain}`",
    "alias_plain": "Choose a name without the leading underscore: `{plain}`",
    # attributes
    "manual_step": "Update the parameters by hand: `with torch.no_grad(): w -= lr * w.grad`, "
    "then `w.grad.zero_()`",
    "clear_grads": "Clear each gradient by hand: `w.grad.zero_()` or `w.grad = None`",
    "list_tensors": "List your tensors yourself: `params = [w, b]`",
    "change_lr": "Change `lr` yourself in the loop: `lr = lr * 0.9`",
    "f_linear": "Use `F.linear(x, w, b)` with "
    "`w = torch.randn(out_features, in_features, requires_grad=True)`",
    "plain_tensors": "Use plain tensors with `requires_grad=True` "
    "(`w = torch.randn(2, 3, requires_grad=True)`) and the functions of `F`",
    "requires_grad_tensor": "Use a tensor with `requires_grad=True`",
    "make_directly": "Make the tensor directly: `(torch.randn(3, 4) * 0.1).requires_grad_()`",
    "make_tensors_lower": "Make tensors with `torch.tensor([1.0, 2.0])` (lower case)",
    "make_tensors": "Make tensors with `torch.tensor([1.0, 2.0])`",
    "tolist_item": "Use `.tolist()` or `.item()`",
    "retain_grad": "Call `y.retain_grad()` before `backward()` and read `y.grad` after it",
    "no_files": "Write the values in the script (`torch.tensor([...])`) and `print` results",
    "f_string_or_plus": "Use an f-string or `+`: `{code}`",
    "write_number": "Write the number: `{number}`",
    "on_cpu": "Drop it: restricted mode runs on the CPU",
    "same_dtype": "Use `torch.{factory}(..., dtype=x.dtype)`",
    "concatenate": "Concatenate with `+=`: `xs += ys`",
    "call": "Call `{code}`",
    "index": "Index: `x[i]`",
    "operator": "Use the operator: `{code}`",
    "layer_function": "Call `F.{function}(...)` instead of the layer object",
    "own_variable": "Keep the value in a variable of its own: `{plain} = ...`",
    "read_only_new": "Only `.data`, `.grad` and `.requires_grad` can be assigned; make a new "
    "tensor instead: `{code}`",
    "read_only": "Only `.data`, `.grad` and `.requires_grad` can be assigned; keep the value in "
    "a variable of its own",
    # modules
    "import_f": "Write `import torch.nn.functional as F` and use `F.relu`, `F.linear`, "
    "`F.mse_loss`",
    "torch_math": "Use the functions of `torch` (`torch.exp(x)`, `torch.sqrt(x)`) and write "
    "constants as numbers (`3.141592653589793`)",
    "torch_arrays": "Build tensors with `torch.tensor([...])`, `torch.arange`, `torch.linspace`",
    "torch_random": "Use `torch.rand`, `torch.randn` or `torch.randint`",
    "clone": "Use `x.clone()` for a tensor, `list(xs)` for a list",
    "remove_future": "Remove the `from __future__ import` line",
    "remove_typing": "Remove the import and the annotations (`x = 1`, not `x: int = 1`)",
    # while running
    "tensor_method": "Call it as a tensor method: `x.{attr}(...)`",
    "f_function": "Use `F.{attr}(...)` (`import torch.nn.functional as F`)",
    "torch_function": "Use `torch.{attr}(...)`",
    "star_width": "Write the width into the format (`'%5d' % n`) or use an f-string (`{code}`)",
    "min_max_loop": "Find the smallest or largest item with a `for` loop",
}


class Said(str):
    """The English of a :data:`TEMPLATES` entry (a ``str``) with its ``key`` and ``params``
    (plain phrase arguments: a :class:`Said` argument is kept as a nested phrase)."""

    key: str
    params: dict[str, Any]

    def phrase(self) -> dict[str, Any]:
        """This text as a nested phrase argument (``{"key": ..., "args": ...}``)."""
        return phrase(self.key, **self.params)


def said(key: str, **params: Any) -> Said:
    """The English of ``TEMPLATES[key]`` with ``params``, keeping both."""
    plain = {name: v.phrase() if isinstance(v, Said) else v for name, v in params.items()}
    text = Said(render(key, plain, TEMPLATES.__getitem__))
    text.key, text.params = key, plain
    return text


def refusal(refused: str, hint: str) -> dict[str, Any]:
    """``key``/``params`` of a whole refusal message (``"{refused}. {hint}"``), as
    :class:`~playground.core.errors.ScriptRefused` takes them; ``{}`` when a part is
    plain English with no key (it then stays English everywhere)."""
    if not (isinstance(refused, Said) and isinstance(hint, Said)):
        return {}
    whole = said(REFUSAL, refused=refused, hint=hint)
    return {"key": whole.key, "params": whole.params}
