"""The interpreter: Python's semantics with real torch objects, opaque callables, guards."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest
import torch

from playground.core.errors import LimitExceeded, ScriptFailed
from playground.core.limits import Limits
from playground.core.opaque import Opaque
from playground.core.result import NODE_LINE_KEY
from playground.core.runner import run_script
from playground.core.safe_torch import memory_in_use
from playground.core.tagging import NODE_DEPTH_KEY

ADDRESS = re.compile(r"0x[0-9a-f]+")

#: Scripts whose stdout must equal real Python's (each seeds its own RNG).
SCRIPTS: dict[str, str] = {
    "arithmetic_and_printing": """
        a, b = 7, 2
        print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b, -a, +b, not a, ~a)
        print(a > b, a == 7 and b, None or 0, 1 if a else 2, a is None, a is not None)
        print(round(3.14159, 2), abs(-3), min(1, 2), max([3, 4]), sum([1, 2, 3]))
        print(int("7"), float("1.5"), bool(0), repr("x"), str(1.0), len("abc"))
        print(list(range(3)), tuple(range(2, 5)), 2 in [1, 2], 1 < 2 < 3, 3 < 2 < 1)
        print(f"{a:04d}|{3.14159:8.3f}|{'s':>4}|{a!r}|{b=}", sep="", end="!\\n")
        print("%5.2f|%s" % (1.0 / 3, [1, 2]))
    """,
    "tensors_and_autograd": """
        import torch
        import torch.nn.functional as F
        torch.manual_seed(0)
        x = torch.randn(3, 4, requires_grad=True)
        w = torch.randn(4, 2, requires_grad=True)
        y = x @ w
        y.retain_grad()
        loss = F.mse_loss(torch.sigmoid(y), torch.zeros(3, 2))
        loss.backward()
        print(loss, y.grad, x.grad, w.grad)
        print(x[0], x[:, 1], x[..., None].shape, x[x > 0].shape, x[[0, 2]].shape)
        a, b = x.shape
        print(a, b, len(x), x.ndim, x.dim(), x.numel(), x.size(1), x.T.shape)
        g, = torch.autograd.grad((w ** 2).sum(), [w])
        print(g)
        print(y.grad_fn, y.grad_fn.name(), y.grad_fn.next_functions)
        print(x.is_leaf, y.is_leaf, x.detach().requires_grad, x._version)
    """,
    "loops_and_grad_modes": """
        import torch
        w = torch.tensor([1.0, -2.0], requires_grad=True)
        for step in range(3):
            loss = (w ** 2).sum()
            loss.backward()
            with torch.no_grad():
                w -= 0.1 * w.grad
            w.grad.zero_()
            print(step, loss.item(), w)
        with torch.no_grad():
            q = w * 2
            with torch.enable_grad():
                r = w * 2
        print(q.requires_grad, r.requires_grad, torch.is_grad_enabled())
        torch.set_grad_enabled(False)
        s = w * 3
        torch.set_grad_enabled(True)
        print(s.requires_grad)
        total = 0
        for i, v in enumerate([5, 6, 7]):
            if i == 1:
                continue
            total += v
        else:
            print("done", total)
        for a, b in zip([1, 2], [3, 4]):
            print(a * b)
    """,
    "in_place_and_data": """
        import torch
        x = torch.ones(2, requires_grad=True)
        y = 2 * x
        x.data *= 100
        x.data[0] = 5.0
        y.sum().backward()
        print(x, x.grad)
        z = torch.zeros(2, 3)
        z[0] = 1.0
        z[:, 1] += 2
        z.add_(1).mul_(2)
        print(z, z.sum(dim=0), z.max(dim=1).values, z.max(dim=1).indices)
        lst = [1]
        lst.append(2)
        print(lst, lst.pop(), lst)
    """,
}


@pytest.fixture(scope="module")
def python_outputs(tmp_path_factory) -> dict[str, str]:
    """What real Python prints for every script in ``SCRIPTS`` (one child process)."""
    folder = tmp_path_factory.mktemp("scripts")
    for name, body in SCRIPTS.items():
        (folder / f"{name}.py").write_text(textwrap.dedent(body))
    driver = textwrap.dedent(
        """
        import contextlib, io, json, runpy, sys, pathlib
        out = {}
        for path in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                runpy.run_path(str(path), run_name="__main__")
            out[path.stem] = buffer.getvalue()
        sys.stdout.write(json.dumps(out))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", driver, str(folder)], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_prints_exactly_what_python_prints(name, python_outputs):
    result = run_script(textwrap.dedent(SCRIPTS[name]))
    assert result.error is None, result.error
    assert ADDRESS.sub("ADDR", result.stdout) == ADDRESS.sub("ADDR", python_outputs[name])


def test_gradients_match_torch_autograd():
    result = run_script(
        "import torch\nx = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)\n"
        "y = x * x + 2\nz = y.view(2, 2)\n"
        "w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])\nz.backward(w)\n"
    )
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    (expected,) = torch.autograd.grad(
        (x * x + 2).view(2, 2), x, torch.tensor([[1, 0.1], [1, 0.01]])
    )
    assert torch.equal(result.namespace["x"].grad, expected)


def test_pytorch_error_keeps_type_message_position_and_state():
    result = run_script(
        "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\nprint('before')\n"
        "y.backward()\nprint('after')\n"
    )
    error = result.error
    assert isinstance(error, ScriptFailed)
    with pytest.raises(RuntimeError) as direct:
        (torch.ones(2, requires_grad=True) * 2).backward()
    assert (error.exc_type, error.message) == ("RuntimeError", str(direct.value))
    assert (error.line, error.col) == (5, 1)
    assert result.stdout == "before\n"
    assert set(result.namespace) == {"x", "y"}


@pytest.mark.parametrize(
    ("source", "exc_type", "message"),
    [
        ("y = undefined_name", "NameError", "name 'undefined_name' is not defined"),
        ("a, b = 1, 2, 3", "ValueError", "too many values to unpack (expected 2)"),
        ("a, b, c = 1, 2", "ValueError", "not enough values to unpack (expected 3, got 2)"),
        ("a, b = 1", "TypeError", "cannot unpack non-iterable int object"),
        ("x = 1 / 0", "ZeroDivisionError", "division by zero"),
        ("x = (3).backward", "AttributeError", "'int' object has no attribute 'backward'"),
        ("x = [1][5]", "IndexError", "list index out of range"),
        (
            "with 3:\n    pass",
            "TypeError",
            "'int' object does not support the context manager protocol",
        ),
    ],
)
def test_python_errors_read_like_python(source, exc_type, message):
    error = run_script(source).error
    assert isinstance(error, ScriptFailed)
    assert (error.exc_type, error.message) == (exc_type, message)


def test_callables_and_modules_are_opaque():
    result = run_script(
        "import torch\nf = torch.ones\nm = torch\nprint(f, torch.ones(1).sum, print, torch.nn)\n"
        "y = f(2)\ng = f.sum\n"
    )
    assert isinstance(result.error, ScriptFailed)
    assert result.error.exc_type == "AttributeError"
    assert result.stdout.startswith("<built-in method ones of type object at 0x")
    assert "<built-in function print>" in result.stdout
    assert "f" not in result.namespace and "m" not in result.namespace
    assert torch.equal(result.namespace["y"], torch.ones(2))
    assert not any(isinstance(v, Opaque) for v in result.namespace.values())


def test_attribute_of_a_real_object_outside_its_whitelist_is_refused_at_runtime():
    # ``values`` is allowed on torch.return_types, not on tensors' shapes.
    error = run_script("import torch\ns = torch.ones(2).shape.values").error
    assert isinstance(error, ScriptFailed) and error.exc_type == "AttributeError"


def test_format_spec_never_reaches_attribute_lookup():
    result = run_script(
        "import torch\nx = torch.ones(1, requires_grad=True) * 2\nspec = '0.__class__'\n"
        "a = f'{x.grad_fn}'\nb = f'{x.grad_fn:{spec}}'\n"
    )
    assert result.namespace["a"].startswith("<MulBackward0 object at 0x")
    assert isinstance(result.error, ScriptFailed) and result.error.exc_type == "TypeError"
    error = run_script("x = 5\ns = '1' * 9\ny = f'{x:{s}}'").error
    assert isinstance(error, LimitExceeded)


def test_tensor_type_accepts_only_dtypes_and_tensor_type_names():
    ok = run_script("import torch\nx = torch.ones(1).type('torch.DoubleTensor')")
    assert ok.namespace["x"].dtype == torch.float64
    error = run_script("import torch\nx = torch.ones(1).type('os.system')").error
    assert isinstance(error, ScriptFailed) and error.exc_type == "TypeError"


def test_each_statement_tags_the_nodes_it_created():
    result = run_script(
        "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\nz = (y + 1).sum()\n"
    )
    z, y = result.namespace["z"], result.namespace["y"]
    assert z.grad_fn.metadata[NODE_LINE_KEY] == 4
    add = z.grad_fn.next_functions[0][0]
    assert add.metadata[NODE_LINE_KEY] == 4
    assert y.grad_fn.metadata[NODE_LINE_KEY] == 3
    assert add.next_functions[0][0] is not None
    assert y.grad_fn.metadata[NODE_DEPTH_KEY] == 2  # Mul -> AccumulateGrad


def test_graph_depth_limit():
    source = "import torch\ny = torch.ones(1, requires_grad=True)\nfor i in range(100):\n    y = y * 1.5\n"
    assert run_script(source).ok
    error = run_script(source, limits=Limits(max_graph_depth=50)).error
    assert isinstance(error, LimitExceeded) and error.line == 4


@pytest.mark.parametrize(
    "source",
    [
        "x = 9 ** (2 * 10**7)",
        "x = 2 ** 2 ** 2 ** 2 ** 2 ** 2",
        "x = 1 << 10**9",
        "s = 'a' * 10**9",
        "l = [0] * 10**9",
        "import torch\nx = torch.ones(10**6, 10**6)",
        "import torch\nx = torch.zeros(size=(10**5, 10**5))",
        "import torch\nx = torch.arange(end=10**9)",
        "import torch\nx = torch.linspace(0, 1, 10**9)",
        "import torch\nx = torch.ones(10**5, 1) + torch.ones(1, 10**5)",
        "import torch\nx = torch.ones(3000, 3000) @ torch.ones(3000, 3000)",
        "import torch\nx = torch.ones(1).expand(10**8)",
        "import torch\nx = torch.ones(2).repeat(10**8)",
        "import torch\nx = torch.cat([torch.ones(1).expand(10**7)] * 100)",
        "import torch\nx = torch.ones(10, 10**6)[torch.zeros(100, dtype=torch.long)]",
        "import torch\nrow = [0.0] * 10**5\ny = torch.tensor([row] * 10**4)",
        "import torch\nxs = [1]\nxs.append(xs)\ny = torch.tensor(xs)",
        "s = '%1000000000d' % 1",
        "x = sum(range(10**12))",
    ],
)
def test_bombs_are_refused_before_allocating(source):
    result = run_script(source)
    assert isinstance(result.error, LimitExceeded), result.error
    assert result.duration_s < 5


def test_statement_budget_and_deadline():
    loop = "for i in range(10**9):\n    pass"
    error = run_script(loop, limits=Limits(max_statements=1000)).error
    assert isinstance(error, LimitExceeded) and "1,000 statements" in error.message
    error = run_script(loop, limits=Limits(max_seconds=0.2)).error
    assert isinstance(error, LimitExceeded) and "0.2 seconds" in error.message


def test_output_cap_cuts_with_a_note():
    result = run_script(
        "for i in range(100):\n    print('x' * 99)", limits=Limits(max_output_bytes=1000)
    )
    assert result.ok
    assert result.stdout == ("x" * 99 + "\n") * 10
    assert result.chunks[-1].kind == "warning" and "output cut" in result.chunks[-1].text


def test_a_call_that_returns_a_function_is_refused():
    result = run_script("import torch\nf = torch.inference_mode(torch.ones)\n")
    assert isinstance(result.error, ScriptFailed) and result.error.exc_type == "TypeError"
    assert "f" not in result.namespace


@pytest.mark.skipif(memory_in_use() is None, reason="the OS does not report resident memory")
def test_memory_growth_of_a_whole_run_is_bounded():
    source = "import torch\nxs = []\nfor i in range(1000):\n    xs.append(torch.ones(10**6) + i)\n"
    result = run_script(source, limits=Limits(max_memory_growth=100 << 20))
    assert isinstance(result.error, LimitExceeded) and "memory" in result.error.message
    assert len(result.namespace["xs"]) < 1000  # stopped early (freed memory may be reused)


def test_views_and_in_place_writes_are_tagged_too():
    result = run_script(
        "import torch\nx = torch.ones(2, 2, requires_grad=True)\ny = x * 1\ny[0] = 5.0\nz = y.T\n"
    )
    y, z = result.namespace["y"], result.namespace["z"]
    assert type(y.grad_fn).__name__ == "CopySlices"
    assert y.grad_fn.metadata[NODE_LINE_KEY] == 4
    assert z.grad_fn.metadata[NODE_LINE_KEY] == 5


def test_self_referential_list_prints_like_python():
    result = run_script("xs = [1]\nxs.append(xs)\nprint(xs, str(xs), f'{xs}')")
    assert result.stdout == "[1, [...]] [1, [...]] [1, [...]]\n"


def test_printing_a_huge_shared_list_is_refused_not_built():
    result = run_script("row = [0.0] * 10**6\nrows = [row] * 10**6\nprint(rows)")
    assert isinstance(result.error, LimitExceeded) and result.error.line == 3


def test_a_deep_graph_built_in_one_statement_is_refused_and_can_be_dropped():
    """PyTorch crashes freeing a very deep graph whose nodes were all inspected; the
    tagger stops at the depth limit instead of walking (and touching) all of it."""
    child = (
        "import gc\nfrom playground.core.runner import run_script\n"
        "r = run_script('import torch\\nx = torch.ones(1, requires_grad=True)\\n"
        "y = sum([x * 1.0] * 100000)\\n')\n"
        "print(type(r.error).__name__, r.error.line, sorted(r.namespace))\n"
        "del r\ngc.collect()\nprint('survived')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=120
    )
    assert (proc.returncode, proc.stdout) == (0, "LimitExceeded 3 ['x']\nsurvived\n"), proc.stderr


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "import torch\ny = torch.permute",
            "'torch.permute' is not available in the playground. "
            "Call it as a tensor method: `x.permute(...)`.",
        ),
        ("import torch\ny = torch.backward", "module 'torch' has no attribute 'backward'"),
        ("x = None\ny = x.zero_", "'NoneType' object has no attribute 'zero_'"),
    ],
)
def test_attribute_errors_say_whether_python_has_it(source, message):
    error = run_script(source).error
    assert isinstance(error, ScriptFailed) and error.exc_type == "AttributeError"
    assert error.message == message
