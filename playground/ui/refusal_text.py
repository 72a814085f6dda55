"""A restricted-mode refusal in the interface's language.

:mod:`playground.core.checker` words what it refuses, and
:mod:`playground.core.refusal_hints` the way forward, from the English templates of
:data:`playground.core.refusal_templates.TEMPLATES`, and the refusal carries the key and
arguments (``ScriptRefused.key``/``params``) over the wire; the command line prints the
English. This table repeats each template inside ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` puts it in the catalogue, and the window (console, editor tooltip,
status bar) words the refusal from the translated templates. A test keeps both tables the
same; a refusal without a known key, or whose English here differs, shows in English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from playground.core.errors import PlaygroundError
from playground.ui.keyed_text import translated_sentence

#: Translation context of the sentences.
CONTEXT = "Refusal"

#: Key -> English template, exactly as :data:`playground.core.refusal_templates.TEMPLATES`.
SOURCES: dict[str, str] = {
    "refusal": QT_TRANSLATE_NOOP(
        "Refusal",
        "{refused}. {hint}",
    ),
    "script_size": QT_TRANSLATE_NOOP(
        "Refusal",
        "the script is {size:,} bytes, over the playground's limit of {limit:,} bytes",
    ),
    "too_deep_to_parse": QT_TRANSLATE_NOOP(
        "Refusal",
        "the script is nested too deeply to be parsed",
    ),
    "unparsable": QT_TRANSLATE_NOOP(
        "Refusal",
        "the script cannot be parsed: {error}",
    ),
    "nested": QT_TRANSLATE_NOOP(
        "Refusal",
        "the script is nested more than {depth} levels deep",
    ),
    "construct": QT_TRANSLATE_NOOP(
        "Refusal",
        "{construct} is not available in the playground",
    ),
    "outside_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "'{word}' outside loop",
    ),
    "name": QT_TRANSLATE_NOOP(
        "Refusal",
        "name '{name}' is not available in the playground",
    ),
    "attribute": QT_TRANSLATE_NOOP(
        "Refusal",
        "attribute '{attr}' is not available in the playground",
    ),
    "assign_attribute": QT_TRANSLATE_NOOP(
        "Refusal",
        "assigning attribute '{attr}' is not available in the playground",
    ),
    "big_int": QT_TRANSLATE_NOOP(
        "Refusal",
        "integer literal is too large for the playground",
    ),
    "long_string": QT_TRANSLATE_NOOP(
        "Refusal",
        "string literal is too long for the playground",
    ),
    "keyword": QT_TRANSLATE_NOOP(
        "Refusal",
        "keyword '{name}' is not available in the playground",
    ),
    "print_file": QT_TRANSLATE_NOOP(
        "Refusal",
        "print's 'file' argument is not available in the playground",
    ),
    "import_module": QT_TRANSLATE_NOOP(
        "Refusal",
        "import of module '{module}' is not available in the playground",
    ),
    "import_member": QT_TRANSLATE_NOOP(
        "Refusal",
        "import of '{name}' from '{module}' is not available in the playground",
    ),
    "target": QT_TRANSLATE_NOOP(
        "Refusal",
        "this assignment target is not available in the playground",
    ),
    "with_as": QT_TRANSLATE_NOOP(
        "Refusal",
        "'with ... as' needs a plain name in the playground",
    ),
    "construct_FunctionDef": QT_TRANSLATE_NOOP(
        "Refusal",
        "function definition ('def')",
    ),
    "construct_AsyncFunctionDef": QT_TRANSLATE_NOOP(
        "Refusal",
        "function definition ('async def')",
    ),
    "construct_Lambda": QT_TRANSLATE_NOOP(
        "Refusal",
        "'lambda'",
    ),
    "construct_ClassDef": QT_TRANSLATE_NOOP(
        "Refusal",
        "class definition",
    ),
    "construct_ListComp": QT_TRANSLATE_NOOP(
        "Refusal",
        "list comprehension",
    ),
    "construct_SetComp": QT_TRANSLATE_NOOP(
        "Refusal",
        "set comprehension",
    ),
    "construct_DictComp": QT_TRANSLATE_NOOP(
        "Refusal",
        "dict comprehension",
    ),
    "construct_GeneratorExp": QT_TRANSLATE_NOOP(
        "Refusal",
        "generator expression",
    ),
    "construct_While": QT_TRANSLATE_NOOP(
        "Refusal",
        "'while' loop",
    ),
    "construct_Global": QT_TRANSLATE_NOOP(
        "Refusal",
        "'global'",
    ),
    "construct_Nonlocal": QT_TRANSLATE_NOOP(
        "Refusal",
        "'nonlocal'",
    ),
    "construct_NamedExpr": QT_TRANSLATE_NOOP(
        "Refusal",
        "the walrus operator ':='",
    ),
    "construct_Starred": QT_TRANSLATE_NOOP(
        "Refusal",
        "'*' unpacking",
    ),
    "construct_Dict": QT_TRANSLATE_NOOP(
        "Refusal",
        "dict literal",
    ),
    "construct_Set": QT_TRANSLATE_NOOP(
        "Refusal",
        "set literal",
    ),
    "construct_Try": QT_TRANSLATE_NOOP(
        "Refusal",
        "'try'",
    ),
    "construct_TryStar": QT_TRANSLATE_NOOP(
        "Refusal",
        "'try'",
    ),
    "construct_Raise": QT_TRANSLATE_NOOP(
        "Refusal",
        "'raise'",
    ),
    "construct_Return": QT_TRANSLATE_NOOP(
        "Refusal",
        "'return'",
    ),
    "construct_Yield": QT_TRANSLATE_NOOP(
        "Refusal",
        "'yield'",
    ),
    "construct_YieldFrom": QT_TRANSLATE_NOOP(
        "Refusal",
        "'yield from'",
    ),
    "construct_Await": QT_TRANSLATE_NOOP(
        "Refusal",
        "'await'",
    ),
    "construct_Delete": QT_TRANSLATE_NOOP(
        "Refusal",
        "'del'",
    ),
    "construct_Assert": QT_TRANSLATE_NOOP(
        "Refusal",
        "'assert'",
    ),
    "construct_AnnAssign": QT_TRANSLATE_NOOP(
        "Refusal",
        "annotated assignment",
    ),
    "construct_Match": QT_TRANSLATE_NOOP(
        "Refusal",
        "'match'",
    ),
    "construct_AsyncWith": QT_TRANSLATE_NOOP(
        "Refusal",
        "'async with'",
    ),
    "construct_AsyncFor": QT_TRANSLATE_NOOP(
        "Refusal",
        "'async for'",
    ),
    "construct_Del": QT_TRANSLATE_NOOP(
        "Refusal",
        "'del'",
    ),
    "construct_bytes": QT_TRANSLATE_NOOP(
        "Refusal",
        "bytes literal",
    ),
    "construct_kwargs": QT_TRANSLATE_NOOP(
        "Refusal",
        "'**' unpacking",
    ),
    "forward_python": QT_TRANSLATE_NOOP(
        "Refusal",
        "{instead}; to run the file as full Python, click 'Trust and run as Python' above "
        "the editor (or `gradient-playground run FILE` without `--restricted`).",
    ),
    "forward": QT_TRANSLATE_NOOP(
        "Refusal",
        "{instead}.",
    ),
    "python_mode": QT_TRANSLATE_NOOP(
        "Refusal",
        "To run the file as full Python, click 'Trust and run as Python' above the editor "
        "(or `gradient-playground run FILE` without `--restricted`).",
    ),
    "inline_body": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the function's body inline where you call it",
    ),
    "inline_expression": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the expression inline where you use it",
    ),
    "plain_parameters": QT_TRANSLATE_NOOP(
        "Refusal",
        "Keep the parameters as plain tensors (`w = torch.randn(2, 3, "
        "requires_grad=True)`) and use the functions of `F`",
    ),
    "list_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "Build the list with a loop: `ys = []`, then `for x in xs: ys.append(x * 2)`",
    ),
    "generator_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "Build a list with a loop (`ys = []`, then `for x in xs: ys.append(x * 2)`) and "
        "pass it, e.g. `sum(ys)`",
    ),
    "append_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "Build a list with a loop and `.append`",
    ),
    "append_or_variables": QT_TRANSLATE_NOOP(
        "Refusal",
        "Build a list with a loop and `.append`, or use separate variables",
    ),
    "for_break": QT_TRANSLATE_NOOP(
        "Refusal",
        "Loop with `for i in range(n):` and leave it with `break`",
    ),
    "assign_global": QT_TRANSLATE_NOOP(
        "Refusal",
        "Assign the variable directly: `x = ...` (every name of a script is global)",
    ),
    "walrus": QT_TRANSLATE_NOOP(
        "Refusal",
        "Assign the value on its own line first (`y = ...`), then use `y`",
    ),
    "starred": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the items one by one (`f(xs[0], xs[1])`) or join lists with `+` (`a + b`)",
    ),
    "list_or_variables": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a list or tuple, or one variable per entry",
    ),
    "list_membership": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a list or tuple (`x in [1, 2]`)",
    ),
    "remove_try": QT_TRANSLATE_NOOP(
        "Refusal",
        "Remove the `try`: the run stops at the failing line and shows PyTorch's error",
    ),
    "print_problem": QT_TRANSLATE_NOOP(
        "Refusal",
        "Report the problem with `print(...)` (an error stops the run anyway)",
    ),
    "keep_result": QT_TRANSLATE_NOOP(
        "Refusal",
        "Keep the value in a variable: `result = ...`",
    ),
    "collect_values": QT_TRANSLATE_NOOP(
        "Refusal",
        "Collect the values in a list with `.append`",
    ),
    "no_await": QT_TRANSLATE_NOOP(
        "Refusal",
        "Call it without `await`",
    ),
    "assign_none": QT_TRANSLATE_NOOP(
        "Refusal",
        "Assign `x = None` instead (`xs.pop(i)` removes a list item)",
    ),
    "print_condition": QT_TRANSLATE_NOOP(
        "Refusal",
        "Print the condition instead: `print(torch.allclose(a, b))`",
    ),
    "drop_annotation": QT_TRANSLATE_NOOP(
        "Refusal",
        "Drop the annotation: `x = 1` instead of `x: int = 1`",
    ),
    "use_if": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `if` / `elif` / `else`",
    ),
    "plain_with": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a plain `with`",
    ),
    "plain_for": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a plain `for`",
    ),
    "loop_jump": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `{word}` only inside a `for` loop",
    ),
    "split_expression": QT_TRANSLATE_NOOP(
        "Refusal",
        "Split the expression into several statements with intermediate variables",
    ),
    "save_utf8": QT_TRANSLATE_NOOP(
        "Refusal",
        "Save the script as plain UTF-8 Python text",
    ),
    "str_literal": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a str literal (`'abc'`)",
    ),
    "smaller_number": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a float (`1e30`) or a smaller number",
    ),
    "keywords_one_by_one": QT_TRANSLATE_NOOP(
        "Refusal",
        "Pass the keywords one by one: `f(a=1, b=2)`",
    ),
    "documented_keywords": QT_TRANSLATE_NOOP(
        "Refusal",
        "Pass the function's documented keywords (they never start with '_')",
    ),
    "drop_file": QT_TRANSLATE_NOOP(
        "Refusal",
        "Drop `file=`: `print(x)` writes to the output",
    ),
    "with_one_name": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write `with ... as name:` with one plain name and unpack inside the block",
    ),
    "shorten_script": QT_TRANSLATE_NOOP(
        "Refusal",
        "Shorten the script to at most {limit:,} bytes",
    ),
    "shorten_string": QT_TRANSLATE_NOOP(
        "Refusal",
        "Shorten it to at most {limit:,} characters",
    ),
    "index_not_unpack": QT_TRANSLATE_NOOP(
        "Refusal",
        "Index instead of unpacking: `first, rest = xs[0], xs[1:]`",
    ),
    "loop_plain_name": QT_TRANSLATE_NOOP(
        "Refusal",
        "Loop over a plain name and assign inside: `for v in values:` then `x[0] = v`",
    ),
    "assign_targets": QT_TRANSLATE_NOOP(
        "Refusal",
        "Assign to names, subscripts or `.data` / `.grad` / `.requires_grad`",
    ),
    "write_attribute": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the attribute directly: `x.grad`",
    ),
    "assign_attribute_directly": QT_TRANSLATE_NOOP(
        "Refusal",
        "Assign the attribute directly: `x.grad = None`",
    ),
    "write_expression": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the expression directly in the script",
    ),
    "write_code": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the code directly in the script",
    ),
    "write_data": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the data in the script (`x = torch.tensor([1.0, 2.0])`) and `print` results",
    ),
    "write_value": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the value in the script (`n = 3`)",
    ),
    "tensor_type": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `x.dtype` or `x.type()` for a tensor",
    ),
    "is_tensor": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `torch.is_tensor(x)` or `x.is_floating_point()`",
    ),
    "print_by_name": QT_TRANSLATE_NOOP(
        "Refusal",
        "Print the variables you need by name: `print(x)`",
    ),
    "language_reference": QT_TRANSLATE_NOOP(
        "Refusal",
        "See Help > Language reference for the names a restricted script may use",
    ),
    "print_values": QT_TRANSLATE_NOOP(
        "Refusal",
        "Print the values you want to inspect: `print(x)`",
    ),
    "remove_exit": QT_TRANSLATE_NOOP(
        "Refusal",
        "Remove it: the run ends after the last line (skip code with `if`)",
    ),
    "f_string": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use an f-string: `{code}`",
    ),
    "power": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `**` (`x ** 2`) or `torch.pow(x, 2)`",
    ),
    "list_or_tuple": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a list or tuple",
    ),
    "use_tuple": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a tuple",
    ),
    "map_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "Loop and collect: `ys = []`, then `for x in xs: ys.append(f(x))`",
    ),
    "filter_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "Loop and collect: `for x in xs:` then `if x > 0: ys.append(x)`",
    ),
    "slice_backwards": QT_TRANSLATE_NOOP(
        "Refusal",
        "Slice backwards: `xs[::-1]` for a list or tuple",
    ),
    "tensor_all": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `x.all()` on a tensor, or `a and b`",
    ),
    "tensor_any": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `x.any()` on a tensor, or `a or b`",
    ),
    "write": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write `{code}`",
    ),
    "compare_is": QT_TRANSLATE_NOOP(
        "Refusal",
        "Compare with `is` / `is not`",
    ),
    "loop_for": QT_TRANSLATE_NOOP(
        "Refusal",
        "Loop with `for`",
    ),
    "loop_or_index": QT_TRANSLATE_NOOP(
        "Refusal",
        "Loop with `for` and `break`, or index: `xs[0]`",
    ),
    "slice_directly": QT_TRANSLATE_NOOP(
        "Refusal",
        "Slice directly: `xs[1:3]`",
    ),
    "complex_literal": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write a complex literal: `1 + 2j`",
    ),
    "use": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `{code}`",
    ),
    "rename_plain": QT_TRANSLATE_NOOP(
        "Refusal",
        "Rename it without the leading underscore: `{plain}`",
    ),
    "alias_plain": QT_TRANSLATE_NOOP(
        "Refusal",
        "Choose a name without the leading underscore: `{plain}`",
    ),
    "manual_step": QT_TRANSLATE_NOOP(
        "Refusal",
        "Update the parameters by hand: `with torch.no_grad(): w -= lr * w.grad`, then "
        "`w.grad.zero_()`",
    ),
    "clear_grads": QT_TRANSLATE_NOOP(
        "Refusal",
        "Clear each gradient by hand: `w.grad.zero_()` or `w.grad = None`",
    ),
    "list_tensors": QT_TRANSLATE_NOOP(
        "Refusal",
        "List your tensors yourself: `params = [w, b]`",
    ),
    "change_lr": QT_TRANSLATE_NOOP(
        "Refusal",
        "Change `lr` yourself in the loop: `lr = lr * 0.9`",
    ),
    "f_linear": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `F.linear(x, w, b)` with `w = torch.randn(out_features, in_features, "
        "requires_grad=True)`",
    ),
    "plain_tensors": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use plain tensors with `requires_grad=True` (`w = torch.randn(2, 3, "
        "requires_grad=True)`) and the functions of `F`",
    ),
    "requires_grad_tensor": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use a tensor with `requires_grad=True`",
    ),
    "make_directly": QT_TRANSLATE_NOOP(
        "Refusal",
        "Make the tensor directly: `(torch.randn(3, 4) * 0.1).requires_grad_()`",
    ),
    "make_tensors_lower": QT_TRANSLATE_NOOP(
        "Refusal",
        "Make tensors with `torch.tensor([1.0, 2.0])` (lower case)",
    ),
    "make_tensors": QT_TRANSLATE_NOOP(
        "Refusal",
        "Make tensors with `torch.tensor([1.0, 2.0])`",
    ),
    "tolist_item": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `.tolist()` or `.item()`",
    ),
    "retain_grad": QT_TRANSLATE_NOOP(
        "Refusal",
        "Call `y.retain_grad()` before `backward()` and read `y.grad` after it",
    ),
    "no_files": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the values in the script (`torch.tensor([...])`) and `print` results",
    ),
    "f_string_or_plus": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use an f-string or `+`: `{code}`",
    ),
    "write_number": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the number: `{number}`",
    ),
    "on_cpu": QT_TRANSLATE_NOOP(
        "Refusal",
        "Drop it: restricted mode runs on the CPU",
    ),
    "same_dtype": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `torch.{factory}(..., dtype=x.dtype)`",
    ),
    "concatenate": QT_TRANSLATE_NOOP(
        "Refusal",
        "Concatenate with `+=`: `xs += ys`",
    ),
    "call": QT_TRANSLATE_NOOP(
        "Refusal",
        "Call `{code}`",
    ),
    "index": QT_TRANSLATE_NOOP(
        "Refusal",
        "Index: `x[i]`",
    ),
    "operator": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use the operator: `{code}`",
    ),
    "layer_function": QT_TRANSLATE_NOOP(
        "Refusal",
        "Call `F.{function}(...)` instead of the layer object",
    ),
    "own_variable": QT_TRANSLATE_NOOP(
        "Refusal",
        "Keep the value in a variable of its own: `{plain} = ...`",
    ),
    "read_only_new": QT_TRANSLATE_NOOP(
        "Refusal",
        "Only `.data`, `.grad` and `.requires_grad` can be assigned; make a new tensor "
        "instead: `{code}`",
    ),
    "read_only": QT_TRANSLATE_NOOP(
        "Refusal",
        "Only `.data`, `.grad` and `.requires_grad` can be assigned; keep the value in a "
        "variable of its own",
    ),
    "import_f": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write `import torch.nn.functional as F` and use `F.relu`, `F.linear`, `F.mse_loss`",
    ),
    "torch_math": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use the functions of `torch` (`torch.exp(x)`, `torch.sqrt(x)`) and write "
        "constants as numbers (`3.141592653589793`)",
    ),
    "torch_arrays": QT_TRANSLATE_NOOP(
        "Refusal",
        "Build tensors with `torch.tensor([...])`, `torch.arange`, `torch.linspace`",
    ),
    "torch_random": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `torch.rand`, `torch.randn` or `torch.randint`",
    ),
    "clone": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `x.clone()` for a tensor, `list(xs)` for a list",
    ),
    "remove_future": QT_TRANSLATE_NOOP(
        "Refusal",
        "Remove the `from __future__ import` line",
    ),
    "remove_typing": QT_TRANSLATE_NOOP(
        "Refusal",
        "Remove the import and the annotations (`x = 1`, not `x: int = 1`)",
    ),
    "tensor_method": QT_TRANSLATE_NOOP(
        "Refusal",
        "Call it as a tensor method: `x.{attr}(...)`",
    ),
    "f_function": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `F.{attr}(...)` (`import torch.nn.functional as F`)",
    ),
    "torch_function": QT_TRANSLATE_NOOP(
        "Refusal",
        "Use `torch.{attr}(...)`",
    ),
    "star_width": QT_TRANSLATE_NOOP(
        "Refusal",
        "Write the width into the format (`'%5d' % n`) or use an f-string (`{code}`)",
    ),
    "min_max_loop": QT_TRANSLATE_NOOP(
        "Refusal",
        "Find the smallest or largest item with a `for` loop",
    ),
}


def message(error: PlaygroundError) -> str:
    """The message of *error* in the interface's language: a refusal's translated
    template with its arguments, else the error's own (English) message."""
    key, params = getattr(error, "key", ""), getattr(error, "params", {})
    return translated_sentence(CONTEXT, SOURCES, key, params, error.message)


def formatted(error: PlaygroundError) -> str:
    """*error* as ``line:col: message`` (:meth:`PlaygroundError.format`), the message in
    the interface's language."""
    if not getattr(error, "key", ""):
        return error.format()
    said = message(error)
    said = f"{error.exc_type}: {said}" if error.exc_type else said
    where = error.location()
    return f"{where}: {said}" if where else said
