"""The forward timeline: after each top-level statement, the tensors and graph nodes that
real PyTorch has at that point (built here by running the statements one by one)."""

from __future__ import annotations

import ast
import json
import subprocess
import textwrap
import warnings

import torch

from playground.kernel.python_mode import run_python
from playground.kernel.timeline import Timeline
from playground.protocol import codec
from playground.protocol.views import timeline_from_wire

LESSON3 = textwrap.dedent(
    """\
    import torch
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    out.backward()
    print(x.grad)
    for step in range(2):
        w = x * step
    out2 = x.sum()
    out2.backward()
    x.grad.data.zero_()
    """
)


def _functions(tensors: dict[str, torch.Tensor]) -> list[str]:
    """Class names of every backward node reachable from ``tensors`` (each node once)."""
    seen: dict[int, str] = {}
    stack = [t.grad_fn for t in tensors.values() if t.grad_fn is not None]
    while stack:
        fn = stack.pop()
        if id(fn) in seen:
            continue
        seen[id(fn)] = type(fn).__name__
        stack.extend(child for child, _ in fn.next_functions if child is not None)
    return sorted(seen.values())


def _expected_steps(source: str) -> list[dict]:
    """Real PyTorch, statement by statement: what exists after each one."""
    tree = ast.parse(source)
    globals_: dict = {"__name__": "__main__"}
    steps = []
    torch.manual_seed(0)
    for stmt in tree.body:
        exec(compile(ast.Module([stmt], []), "<lesson>", "exec"), globals_)  # noqa: S102
        tensors = {k: v for k, v in globals_.items() if isinstance(v, torch.Tensor)}
        steps.append(
            {
                "line": stmt.lineno,
                "tensors": {
                    name: {
                        "shape": tuple(t.shape),
                        "dtype": str(t.dtype).removeprefix("torch."),
                        "requires_grad": t.requires_grad,
                        "is_leaf": t.is_leaf,
                        "grad_fn": None if t.grad_fn is None else type(t.grad_fn).__name__,
                        "values": t.detach().clone().numpy(),
                        "grad": None if not t.is_leaf or t.grad is None else t.grad.clone().numpy(),
                    }
                    for name, t in tensors.items()
                },
                "functions": _functions(tensors),
            }
        )
    return steps


def _record(source: str, **caps) -> tuple:
    recorder = Timeline(source, **caps)
    result, _ = run_python(source, on_statement=recorder.record)
    return result, timeline_from_wire(codec.roundtrip(recorder.message()))


#: Values changed without a version bump (``.data``) or in place: never a stale view.
DATA_EDITS = textwrap.dedent(
    """\
    import torch
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    x.data *= 100
    with torch.no_grad():
        x.add_(1)
    y.sum().backward()
    x.grad.data.add_(5)
    x.grad = None
    """
)


def _assert_matches_real_pytorch(source: str) -> list:
    expected = _expected_steps(source)
    result, timeline = _record(source)
    assert result.error is None
    assert timeline.limit is None
    assert timeline.executed == len(expected) == len(timeline.entries)
    for entry, want in zip(timeline.entries, expected, strict=True):
        assert entry.line == want["line"]
        assert list(entry.tensors) == list(want["tensors"])
        for name, view in entry.tensors.items():
            real = want["tensors"][name]
            assert view.shape == real["shape"] and view.dtype == real["dtype"]
            assert (view.requires_grad, view.is_leaf) == (real["requires_grad"], real["is_leaf"])
            assert view.grad_fn == real["grad_fn"]
            assert (view.values == real["values"]).all()
            if real["grad"] is None:
                assert view.grad is None
            else:
                assert (view.grad.values == real["grad"]).all()
        functions = sorted(n.op for n in entry.graph.nodes if n.kind in ("backward", "accumulate"))
        assert functions == want["functions"], entry.text
        tensor_nodes = {n.names[0] for n in entry.graph.nodes if n.kind in ("leaf", "nonleaf")}
        assert tensor_nodes == {n for n, t in want["tensors"].items() if t["requires_grad"]}
    return timeline.entries


def test_values_edited_in_place_or_through_data_are_seen() -> None:
    _assert_matches_real_pytorch(DATA_EDITS)


def test_each_statement_matches_real_pytorch() -> None:
    entries = _assert_matches_real_pytorch(LESSON3)
    # The graph grows during the forward pass, statement by statement.
    sizes = [len(e.graph.nodes) for e in entries[:5]]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    loop = entries[7]
    assert (loop.line, loop.end_line, loop.text) == (8, 9, "for step in range(2):")


def test_statement_cap_stops_the_timeline() -> None:
    result, timeline = _record(LESSON3, max_statements=3)
    assert result.error is None
    assert [e.line for e in timeline.entries] == [1, 2, 3]
    assert timeline.executed == len(ast.parse(LESSON3).body)
    assert timeline.limit == "statements"


def test_byte_cap_stops_the_timeline() -> None:
    source = "import torch\na = torch.zeros(1000)\nb = torch.zeros(1000)\nc = torch.zeros(1000)\n"
    _result, timeline = _record(source, max_bytes=9000)  # a 4 kB tensor each, then 2, then 3
    assert timeline.limit == "bytes"
    assert 1 <= len(timeline.entries) < 4 and timeline.executed == 4
    _result, whole = _record(source)
    assert whole.limit is None and len(whole.entries) == 4


def test_an_error_ends_the_timeline_at_its_statement() -> None:
    source = "import torch\na = torch.ones(2, requires_grad=True)\nb = a @ torch.ones(3)\nc = 1\n"
    result, timeline = _record(source)
    assert result.error is not None and result.error.line == 3
    assert [e.line for e in timeline.entries] == [1, 2, 3]
    assert timeline.entries[-1].raised and list(timeline.entries[-1].tensors) == ["a"]


def test_saved_tensor_hooks_are_not_run_by_the_snapshots() -> None:
    source = textwrap.dedent(
        """\
        import torch
        calls = []
        def unpack(t):
            calls.append(1)
            return t
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, unpack):
            x = torch.ones(3, requires_grad=True)
            y = x * x
        n = len(calls)
        """
    )
    _result, globals_ = run_python(source, on_statement=Timeline(source).record)
    assert globals_["n"] == 0


#: Constructs where running statement by statement could differ from the whole module.
TRICKY = textwrap.dedent(
    '''\
    """The module's docstring."""
    from __future__ import annotations
    import sys
    import torch
    print(__doc__)
    print("__annotations__" in globals(), dict(globals().get("__annotations__", {})))
    "a string between statements, not a docstring"
    print(__doc__)
    x: int = 3
    def f(a: torch.Tensor) -> torch.Tensor:
        return a
    print(f.__annotations__, __annotations__)
    for i in range(2):
        y: float = i
    print(__annotations__, sys._getframe().f_code.co_name, sys._getframe().f_lineno)
    print(x is 3)
    def g(t):
        return t @ torch.ones(3)
    g(torch.ones(2))
    '''
)

DRIVER = r"""
import json, sys, traceback
path = sys.argv[1]
source = open(path).read()
glob = {"__name__": "__main__", "__file__": path}
try:
    exec(compile(source, path, "exec"), glob)
except BaseException as exc:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    print(json.dumps([[f.lineno, f.colno, f.name] for f in frames]))
    print(json.dumps(f"{type(exc).__name__}: {exc}"))
"""


def test_statement_by_statement_prints_what_python_prints(tmp_path, python_exe) -> None:
    script = tmp_path / "tricky.py"
    script.write_text(TRICKY)
    real = subprocess.run(
        [python_exe, "-c", DRIVER, str(script)], capture_output=True, text=True, check=True
    )
    *printed, frames, error = real.stdout.splitlines()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result, _ = run_python(TRICKY, filename=str(script), on_statement=Timeline(TRICKY).record)
    ours = result.stdout.splitlines()
    assert ours == printed
    innermost = json.loads(frames)[-1]
    assert (result.error.line, result.error.col) == (innermost[0], innermost[1] + 1)
    assert f"{result.error.exc_type}: {result.error.message}" == json.loads(error)
    assert [f.split(" in ")[0].rsplit(":", 1)[1] for f in result.error.frames] == [
        str(line) for line, _col, _name in json.loads(frames)
    ]
    # Python warns once about `x is 3` when it compiles the module; so do we.
    assert real.stderr.count("SyntaxWarning") == 1
    assert [w.category for w in caught].count(SyntaxWarning) == 1
