"""A second, independent attack review of the interpreter: attacks that are handled today.

Each script below is written the way an attacker who knows Python and PyTorch internals
would try it (NFKC-normalised identifiers, callables reached through tensors and autograd
nodes, dtype/device/Size/str methods, format-spec tricks, integer and shape tricks, ...).
Every test asserts the refusal or the bounded behaviour with small custom ``Limits`` so
the file stays fast. Holes found by the same review are in ``test_pending_review.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from playground.core.errors import (
    LimitExceeded,
    PlaygroundError,
    ScriptFailed,
    ScriptRefused,
)
from playground.core.limits import Limits
from playground.core.runner import run_script

#: Every script starts with this; ``ran`` on stdout means the first statement ran.
PRELUDE = 'import torch\nimport torch.nn.functional as F\nprint("ran")\n'
#: Small limits so that bounded attacks end in milliseconds.
SMALL = Limits(
    max_elements=10**4,
    max_bytes=10**5,
    max_str_len=1000,
    max_seq_len=1000,
    max_builtin_items=1000,
    max_seconds=5.0,
)


def _run(body: str, limits: Limits = SMALL):
    return run_script(PRELUDE + body, limits=limits)


# --- refused before the first statement runs ---------------------------------------------

#: name -> (attack body, a word the refusal must contain)
REFUSED: dict[str, tuple[str, str]] = {
    # identifiers are NFKC-normalised by the parser: the checker must see the real name
    "nfkc_math_bold_dunder": (
        "x = torch.ones(1)\ny = x.__\U0001d41c\U0001d425\U0001d41a\U0001d42c\U0001d42c__",
        "__class__",
    ),
    "nfkc_fullwidth_getattr": (
        'f = \uff47\uff45\uff54\uff41\uff54\uff54\uff52(torch, "load")',
        "getattr",
    ),
    "nfkc_fullwidth_low_line": ("x = torch.ones(1)\ny = x.\uff3f\uff3fclass\uff3f\uff3f", "U+FF3F"),
    "nfkc_dunder_import": ('m = __\U0001d422mport__("os")', "__import__"),
    "nfkc_italic_eval": ('y = \U0001d452val("1")', "eval"),
    "match_statement": ("match 1:\n    case 1:\n        pass", "match"),
    "match_class_pattern": ("match torch.ones(1):\n    case object(x=y):\n        pass", "match"),
    "decorator": ("@torch.no_grad()\ndef f():\n    pass", "def"),
    "async_def": ("async def f():\n    pass", "async"),
    "await": ("await torch.ones(1)", "await"),
    "async_with": ("async with torch.no_grad():\n    pass", "async"),
    "try_star": ("try:\n    pass\nexcept* Exception:\n    pass", "try"),
    "global": ("global torch", "global"),
    "nonlocal": ("nonlocal torch", "nonlocal"),
    "del": ("x = 1\ndel x", "del"),
    "assert": ("assert torch.ones(1).__class__", "assert"),
    "annotated_assign": ("x: int = 1", "annotated"),
    "annotated_huge_annotation": ("x: " + "[" * 50 + "]" * 50 + " = 1", "annotated"),
    "annotated_dunder_annotation": ("x: torch.__class__ = 1", "annotated"),
    "starred_assign": ("a, *b = [1, 2, 3]", "target"),
    "starred_for": ("for *a, b in [[1, 2]]:\n    pass", "target"),
    "starred_call": ("print(*range(10**9))", "*"),
    "type_alias_stmt": ("type X = int", "invalid syntax"),
    "print_file_sys": ('print("x", file=torch)', "file"),
    "getattr_like_str_format": ('s = "{0.__class__}"\nt = s.format(torch)', "format"),
    "fstring_spec_dunder": ('w = 5\nprint(f"{1:{w.__class__}}")', "__class__"),
    "fstring_conversion_dunder": ('print(f"{torch.__spec__!r}")', "__spec__"),
    "fstring_debug_dunder": ('print(f"{torch.__file__=}")', "__file__"),
    "grad_fn_metadata": (
        "x = torch.ones(1, requires_grad=True)\nm = (x * 2).grad_fn.metadata",
        "metadata",
    ),
    "grad_fn_register_hook_via_next": (
        "x = torch.ones(1, requires_grad=True)\n"
        "n = (x * 2).grad_fn.next_functions[0][0]\nn.register_hook(print)",
        "register_hook",
    ),
    "grad_fn_register_prehook": (
        "x = torch.ones(1, requires_grad=True)\n(x * 2).grad_fn.register_prehook(print)",
        "register_prehook",
    ),
    "grad_fn_raw_saved": (
        "x = torch.ones(1, requires_grad=True)\n(x * x).grad_fn._raw_saved_self",
        "_raw_saved",
    ),
    "grad_fn_apply": ("x = torch.ones(1, requires_grad=True)\n(x * 2).grad_fn.apply(x)", "apply"),
    "dtype_to_complex": ("d = torch.float32.to_complex()", "to_complex"),
    "dtype_to_real": ("d = torch.complex64.to_real()", "to_real"),
    "size_index_method": ("i = torch.ones(2).shape.index(2)", "index"),
    "size_count_method": ("i = torch.ones(2).shape.count(2)", "count"),
    "str_upper_method": ('s = f"{1}".upper()', "upper"),
    "str_join_method": ('s = ",".join(["a"] * 10)', "join"),
    "list_extend": ("xs = []\nxs.extend(range(10**9))", "extend"),
    "list_sort_key": ("xs = [1]\nxs.sort(key=print)", "sort"),
    "tensor_resize": ("x = torch.ones(2)\nx.resize_(10**5, 10**5)", "resize_"),
    "tensor_set": ("x = torch.ones(2)\nx.set_(torch.ones(3))", "set_"),
    "tensor_index_put": (
        "x = torch.ones(2)\nx.index_put_((torch.tensor([0]),), torch.ones(1))",
        "index_put_",
    ),
    "tensor_as_strided": ("x = torch.ones(1).as_strided((10**5, 10**5), (0, 0))", "as_strided"),
    "tensor_new_empty": ("x = torch.ones(1).new_empty(10**9)", "new_empty"),
    "tensor_storage_offset": ("x = torch.ones(1).storage_offset()", "storage_offset"),
    "tensor_untyped_storage": ("s = torch.ones(1).untyped_storage()", "untyped_storage"),
    "tensor_register_post_accumulate": (
        "torch.ones(1, requires_grad=True).register_post_accumulate_grad_hook(print)",
        "register_post_accumulate_grad_hook",
    ),
    "tensor_map": ("torch.ones(1).map_(torch.ones(1), print)", "map_"),
    "tensor_grad_fn_assign": ("x = torch.ones(1)\nx.grad_fn = None", "grad_fn"),
    "device_attribute_assign": ("x = torch.ones(1)\nx.device = 1", "device"),
    "torch_empty": ("x = torch.empty(10**9)", "empty"),
    "torch_from_numpy": ("x = torch.from_numpy(1)", "from_numpy"),
    "torch_frombuffer": ("x = torch.frombuffer(1)", "frombuffer"),
    "torch_compile": ("f = torch.compile(print)", "compile"),
    "torch_classes": ("c = torch.classes", "classes"),
    "torch_library": ("c = torch.library", "library"),
    "torch_set_printoptions": ("torch.set_printoptions(threshold=10**9)", "set_printoptions"),
    "torch_set_default_dtype": ("torch.set_default_dtype(torch.float64)", "set_default_dtype"),
    "torch_autograd_functional": ("torch.autograd.functional.jacobian(print, 1)", "jacobian"),
    "F_unfold": ("y = F.unfold(torch.ones(1, 1, 4, 4), 2)", "unfold"),
    "F_interpolate": ("y = F.interpolate(torch.ones(1, 1, 2), scale_factor=10**6)", "interpolate"),
    "F_pad": ("y = F.pad(torch.ones(1), (10**9, 10**9))", "pad"),
    "from_torch_nn_import_module": ("from torch.nn import Module", "Module"),
    "from_torch_import_serialization": ("from torch import serialization", "serialization"),
    "import_torch_autograd_graph": ("import torch.autograd.graph", "torch.autograd.graph"),
    "relative_import": ("from . import torch", "."),
    "chr_built_name": ("n = chr(95) + chr(95)", "chr"),
    "ord_call": ("n = ord('_')", "ord"),
    "hash_call": ("n = hash(torch)", "hash"),
    "id_call": ("n = id(torch)", "id"),
    "iter_next": ("n = next(iter(range(3)))", "next"),
    "slice_builtin": ("s = slice(1)", "slice"),
    "keyword_dunder_value": ("print(1, end=torch.__name__)", "__name__"),
    "call_kwarg_underscore": ("y = torch.ones(2, _internal=1)", "_internal"),
    "dict_literal_for_percent": ('s = "%(a)999999999d" % {"a": 1}', "dict"),
    "set_literal": ("s = {1, 2}", "set"),
    "bytes_literal": ('b = b"\\x00" * 10**9', "bytes"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_before_running(name):
    body, word = REFUSED[name]
    result = _run(body)
    assert isinstance(result.error, ScriptRefused), result.error
    assert result.stdout == "", "something ran before the refusal"
    assert word in result.error.message, result.error.message
    assert result.error.line is not None and result.error.line >= 4


# --- refused when they run (the name is allowed, the owner's type is not) ----------------

#: name -> (attack body, exception type name, words of the message)
RUNTIME_REFUSED: dict[str, tuple[str, str, str]] = {
    "function_wrapper_slot_name": ("f = torch.ones\nprint(f.name)", "AttributeError", "name"),
    "builtin_wrapper_slot_name": ("print(print.name)", "AttributeError", "name"),
    "method_wrapper_slot_name": ("m = torch.ones(1).add\nprint(m.name)", "AttributeError", "name"),
    "module_proxy_unknown_member": ("x = torch.grad", "AttributeError", "grad"),
    "module_proxy_device": ("x = torch.device", "AttributeError", "device"),
    "F_grad_module": ("x = F.grad", "AttributeError", "grad"),
    "nn_member": ("from torch import nn\nx = nn.functional.relu\ny = nn.T", "AttributeError", "T"),
    "autograd_node_called": (
        "x = torch.ones(1, requires_grad=True)\ny = (x * 2).grad_fn(torch.ones(1))",
        "TypeError",
        "not callable",
    ),
    "no_grad_as_decorator": (
        "ng = torch.no_grad()\nf = ng(torch.ones)",
        "TypeError",
        "not callable",
    ),
    "generator_manual_seed": (
        "g = torch.manual_seed(1)\ng.manual_seed(2)",
        "AttributeError",
        "Generator",
    ),
    "device_type": ("t = torch.ones(1).device.type", "AttributeError", "device"),
    "str_split_of_fstring": ('s = f"{1},{2}".split(",")', "AttributeError", "str"),
    "size_numel": ("n = torch.ones(2, 3).shape.numel()", "AttributeError", "Size"),
    "return_types_values_method": (
        "v = torch.ones(2, 2).max(0).values.view(2)\nw = torch.ones(2).max(0).size",
        "AttributeError",
        "size",
    ),
    "dtype_unknown_allowed_name": ("d = torch.float32.grad", "AttributeError", "grad"),
    "list_pop_on_tuple": ("t = (1, 2)\nt.pop()", "AttributeError", "pop"),
    "call_a_string": ('s = "print"\ns(1)', "TypeError", "not callable"),
    "call_a_tensor": ("x = torch.ones(1)\nx(1)", "TypeError", "not callable"),
    "subscript_module": ('m = torch["load"]', "TypeError", "subscriptable"),
    "iterate_module": ("for m in torch:\n    pass", "TypeError", "iterable"),
    "list_of_module": ("xs = list(torch)", "TypeError", "iterable"),
    "with_non_grad_mode": ("with torch.ones(1):\n    pass", "TypeError", "context manager"),
    "print_end_object": ("print(1, end=torch.ones(1))", "TypeError", "end must be"),
    "print_sep_object": ("print(1, 2, sep=torch)", "TypeError", "sep must be"),
    "print_unknown_keyword": ("print(1, fil=2)", "TypeError", "invalid keyword"),
    "min_key_function": ("m = min([1, 2], key=abs)", "TypeError", "key"),
    "type_string_other_module": (
        'y = torch.ones(1).type("torch.cuda.FloatTensor")',
        "TypeError",
        "invalid type",
    ),
    "type_string_dotted": ('y = torch.ones(1).type("os.system")', "TypeError", "invalid type"),
    "len_of_huge_range": ("n = len(range(10**20))", "OverflowError", "C ssize_t"),
    "expand_numel_overflow": (
        "y = torch.ones(1, 1).expand(2**40, 2**40)",
        "RuntimeError",
        "overflow",
    ),
    "expanded_view_written": (
        "y = torch.ones(1).expand(10).add_(1)",
        "RuntimeError",
        "memory location",
    ),
    "negative_shape": ("y = torch.ones(-10**5, -10**5)", "RuntimeError", "negative dimension"),
    "tensor_shape_argument": (
        "y = torch.ones(torch.tensor([10**5, 10**5]))",
        "TypeError",
        "tuple of ints",
    ),
    "tensor_repeat_argument": (
        "y = torch.ones(2).repeat(torch.tensor([10**5, 10**5]))",
        "TypeError",
        "tuple of ints",
    ),
    "many_dims_repr": (
        "x = torch.ones(1)\nfor i in range(1000):\n    x = x.unsqueeze(0)\ns = repr(x)",
        "RecursionError",
        "recursion",
    ),
}


@pytest.mark.parametrize("name", sorted(RUNTIME_REFUSED))
def test_refused_at_run_time(name):
    body, exc_type, words = RUNTIME_REFUSED[name]
    result = _run(body)
    assert isinstance(result.error, ScriptFailed), result.error
    assert result.error.exc_type == exc_type, result.error
    assert words in result.error.message, result.error.message
    assert result.stdout.startswith("ran\n")


# --- bounded: a limit stops them, quickly -----------------------------------------------

#: name -> attack body; each must end in ``LimitExceeded`` under ``SMALL`` in < 2 s.
BOUNDED: dict[str, str] = {
    "fstring_width_literal": 'print(f"{1:>1000000000}")',
    "fstring_str_width": "print(f\"{'a':>1000000000}\")",
    "fstring_width_10_digits": 'x = 1\nprint(f"{x:10000000000}")',
    "fstring_unicode_digit_width": 'print(f"{1:\u0661\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660}")',
    "fstring_nested_built_width": 'w = "9" * 10\nprint(f"{1:{w}}")',
    "fstring_precision_from_tensor": 'p = int(torch.tensor(10**9))\nprint(f"{1.5:.{p}f}")',
    "percent_width": 's = "%1000000000s" % "a"',
    "percent_star": 's = "%*d" % (10, 1)',
    "str_times_item": 's = "a" * torch.tensor(10**9).item()',
    "str_times_bool_tensor": 's = "ab" * int(torch.tensor(10**6))',
    "list_times_tensor": "xs = [0] * torch.tensor(10**9)",
    "tuple_times_size": "t = torch.ones(2, 3).shape * 10**6",
    "size_plus_size_loop": "s = torch.ones(2).shape\nfor i in range(20):\n    s = s + s",
    "list_iadd_list_loop": "xs = [0]\nfor i in range(20):\n    xs += xs",
    "list_imul": "xs = [0]\nxs *= 10**9",
    "append_loop": "xs = []\nfor i in range(10**6):\n    xs.append(i)",
    "int_pow_item": "n = 10 ** torch.tensor(2**62).item()",
    "int_pow_int_of_tensor": "n = int(torch.tensor(2**40)) ** 10**4",
    "int_negative_base_pow": "n = (-2) ** 10**6",
    "int_shift_item": "n = 1 << torch.tensor(2**40).item()",
    "int_shift_augassign": "n = 1\nn <<= 10**9",
    "int_pow_augassign": "n = 10\nn **= 10**9",
    "int_mul_near_limit": "n = 2**60000 * 2**60000",
    "int_add_doubling_loop": "n = 2**99000\nfor i in range(5000):\n    n = n + n",
    "sum_big_range": "n = sum(range(10**7))",
    "min_big_range": "n = min(range(10**12))",
    "tuple_of_zip": "t = tuple(zip(range(10**9), range(10**9)))",
    "list_of_tensor_rows": "xs = list(torch.ones(10**4))",
    "tolist_big": "xs = torch.ones(5000).tolist()",
    "repr_of_nested_shared": "row = [0] * 1000\ns = repr([row] * 1000)",
    "print_many_long_strings": 's = "a" * 1000\nprint(s, s, s, s, s, s, s, s, s, s, s, s)',
    "factory_size_object": "y = torch.zeros(torch.Size([10**3, 10**3]))",
    "factory_complex128_bytes": "y = torch.ones(9000)\nz = torch.ones(9000, dtype=torch.complex128)",
    "factory_full_string_fill": 'y = torch.full((10**5, 10**5), "a")',
    "repeat_zero_dim_tensor_count": "y = torch.ones(100).repeat(torch.tensor(10**5))",
    "repeat_size_object": "y = torch.ones(100).repeat(torch.Size([1000]))",
    "expand_then_contiguous": "y = torch.ones(1).expand(10**5).contiguous()",
    "expand_size_view_held": "y = torch.ones(1).expand(10**6)",
    "cat_of_expanded_views": "v = torch.ones(1).expand(5000)\ny = torch.cat([v, v, v])",
    "linspace_tensor_steps": "y = torch.linspace(0, 1, torch.tensor(10**9))",
    "arange_float_step": "y = torch.arange(0, 1e10, 0.5)",
    "randint_size_tuple": "y = torch.randint(0, 10, (10**5, 10**5))",
    "eye_two_args": "y = torch.eye(10**3, 10**3)",
    "einsum_string_outer": 'a = torch.ones(1000)\ny = torch.einsum("i,j->ij", a, a)',
    "einsum_implicit_output": 'a = torch.ones(1000)\ny = torch.einsum("i,j", a, a)',
    "cumsum_on_expanded_view": "y = torch.ones(1).expand(10**6).cumsum(0)",
    "tensor_of_nested_list": "y = torch.tensor([[0.0] * 1000] * 1000)",
    "indexed_assign_blowup": "y = torch.ones(10)\ny[torch.zeros(10**5, dtype=torch.long)] = 1.0",
    "sum_of_tensors_work": "y = sum([torch.ones(10**4)] * 1000)",
}


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_bounded(name):
    started = time.perf_counter()
    result = _run(BOUNDED[name])
    elapsed = time.perf_counter() - started
    assert isinstance(result.error, LimitExceeded), result.error
    assert elapsed < 2.0, f"{name} took {elapsed:.2f} s"


# --- allowed, and harmless: what Python would do --------------------------------------------

#: name -> (body, expected stdout after "ran\n")
HARMLESS: dict[str, tuple[str, str]] = {
    "nfkc_fullwidth_variable": ("\uff58 = 2\nprint(x)", "2\n"),
    "type_comment_ignored": ("x = 1  # type: ignore[misc]\nprint(x)", "1\n"),
    "dtype_attributes": (
        "print(torch.float32.is_floating_point, torch.complex64.is_complex, torch.int8.itemsize)",
        "True True 1\n",
    ),
    "with_as_is_none": ("with torch.no_grad() as g:\n    print(g)", "None\n"),
    "accumulate_grad_variable": (
        "x = torch.ones(1, requires_grad=True)\n"
        "print((x * 2).grad_fn.next_functions[0][0].variable is x)",
        "True\n",
    ),
    "node_name_is_a_string": (
        "x = torch.ones(1, requires_grad=True)\nn = (x * 2).grad_fn.name()\nprint(n + '!')",
        "MulBackward0!\n",
    ),
    "saved_tensor_read": (
        "x = torch.ones(1, requires_grad=True)\nprint((x * x).grad_fn._saved_self is x)",
        "True\n",
    ),
    "autograd_grad_tuple": (
        "x = torch.ones(2, requires_grad=True)\ng = torch.autograd.grad((x * x).sum(), x)\n"
        "print(len(g), g[0])",
        "1 tensor([2., 2.])\n",
    ),
    "huge_slice_steps": (
        'xs = [1, 2, 3]\nprint(xs[::10**18], "abc"[::-10**18], len(range(10**18)[::10**17]))',
        "[1] c 10\n",
    ),
    "huge_range_contains": ("print(10**17 in range(10**18))", "True\n"),
    "integer_division_edge_cases": (
        "m = torch.tensor([-2**63])\n"
        'print(m // -1, m % -1, torch.fmod(m, -1), m.div(-1, rounding_mode="floor"))',
        "tensor([-9223372036854775808]) tensor([0]) tensor([0]) tensor([-9223372036854775808])\n",
    ),
    "self_list_print": ("xs = [1]\nxs.append(xs)\nprint(xs)", "[1, [...]]\n"),
}


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_harmless_as_python(name):
    body, expected = HARMLESS[name]
    result = _run(body)
    assert result.error is None, result.error
    assert result.stdout == "ran\n" + expected


def test_wrappers_print_like_python_and_hide_the_object():
    """``repr`` of the stand-ins is Python's text; nothing in the namespace is a module."""
    import torch
    import torch.nn.functional as torch_f

    result = _run(
        "f = torch.ones\nm = torch.ones(1).add\nprint(repr(f)[:28], str(F)[:30], repr(m)[:27])"
    )
    assert result.error is None, result.error
    expected = (repr(torch.ones)[:28], str(torch_f)[:30], repr(torch.ones(1).add)[:27])
    assert result.stdout == "ran\n" + " ".join(expected) + "\n"
    assert set(result.namespace) == set()  # the wrappers are not handed to the app either


def test_errors_carry_no_python_objects():
    """An error is a message: no traceback, cause or context that holds the run's frames."""
    result = _run("x = torch.ones(2)\ny = x @ torch.ones(3)")
    error = result.error
    assert isinstance(error, ScriptFailed) and error.exc_type == "RuntimeError"
    assert error.__traceback__ is None and error.__cause__ is None
    assert error.__context__ is None
    assert (error.line, error.col) == (5, 5)


def test_many_dimensions_do_not_crash():
    result = _run(
        "x = torch.ones(1)\nfor i in range(300):\n    x = x.unsqueeze(0)\n"
        "y = (x + 1).sum()\nprint(y, x.dim(), x.T.dim())",
        Limits(),
    )
    assert result.error is None, result.error
    assert result.stdout == "ran\ntensor(2.) 301 301\n"


# --- integer kernels that could raise SIGFPE: in a child process --------------------------

SIGFPE_SAFE = {
    "floor_divide_min_by_minus_one": "print(torch.tensor([-2**63]) // -1)",
    "remainder_min_by_minus_one": "print(torch.tensor([-2**63]) % -1)",
    "fmod_min_by_minus_one": "print(torch.fmod(torch.tensor([-2**31], dtype=torch.int32), -1))",
    "floor_rounding_min_by_minus_one": (
        'print(torch.tensor([-2**63]).div(torch.tensor([-1]), rounding_mode="floor"))'
    ),
    "int_div_by_zero": "print(torch.tensor([1]) // 0)",
}

_CHILD = textwrap.dedent(
    """
    import json, sys
    from playground.core.runner import run_script
    for name, body in json.loads(sys.argv[1]).items():
        print(json.dumps({"started": name}), flush=True)
        result = run_script("import torch\\n" + body)
        error = result.error
        print(json.dumps({"name": name, "error": type(error).__name__ if error else None}),
              flush=True)
    """
)


def test_integer_kernels_do_not_kill_the_process():
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(SIGFPE_SAFE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0, (proc.returncode, records[-1:], proc.stderr[-500:])
    done = {r["name"]: r["error"] for r in records if "name" in r}
    assert set(done) == set(SIGFPE_SAFE)
    assert done["int_div_by_zero"] == "ScriptFailed"
    assert all(done[n] is None for n in SIGFPE_SAFE if n != "int_div_by_zero"), done


def test_only_playground_errors_escape():
    """A mix of everything above, run back to back: ``run_script`` never raises."""
    for body in [*map(lambda v: v[0], REFUSED.values()), *BOUNDED.values()]:
        result = _run(body)
        assert result.error is None or isinstance(result.error, PlaygroundError)


# --- holes of the second review, now fixed (moved from test_pending_review.py) ----------

# --- a hostile script killed the process ----------------------------------------------------

SIGFPE_SCRIPTS = {
    # INT64_MIN / -1 with truncation: the CPU traps (SIGFPE) and the whole app dies.
    "div_trunc_int64": 'print(torch.div(torch.tensor([-2**63]), -1, rounding_mode="trunc"))',
    "div_trunc_int32_method": (
        "x = torch.tensor([-2**31], dtype=torch.int32)\n"
        'print(x.div(torch.tensor([-1], dtype=torch.int32), rounding_mode="trunc"))'
    ),
}


@pytest.mark.parametrize("name", sorted(SIGFPE_SCRIPTS))
def test_integer_overflow_division_does_not_kill_the_process(name, tmp_path):
    """Fix in safe_torch.guard_call: refuse (or pre-check) ``div``/``true_divide`` with
    ``rounding_mode="trunc"`` on int32/int64 operands where the dividend holds the type's
    minimum and the divisor -1 (``floor`` mode, ``//``, ``%`` and ``fmod`` are guarded by
    PyTorch itself)."""
    script = tmp_path / "fpe.py"
    script.write_text("import torch\n" + SIGFPE_SCRIPTS[name] + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "playground", "run", str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode in (1, 2), f"exit {proc.returncode} (-8 is SIGFPE): {proc.stderr}"
    assert "Traceback" not in proc.stderr
