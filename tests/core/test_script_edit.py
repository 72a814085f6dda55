"""Structured edits as code: every rewrite parses, keeps the rest of the file, and runs
in plain Python (a real interpreter in a subprocess) with the effect PyTorch gives."""

from __future__ import annotations

import ast
import json
import math
import subprocess
import sys
import textwrap

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground.core.runner import run_script
from playground.core.script_edit import (
    EditError,
    TextEdit,
    append_statement,
    apply_edits,
    format_number,
    is_created_by_factory,
    set_requires_grad,
    set_tensor_values,
    statement_lines,
    tensor_literal,
    toggle_no_grad,
)
from tests.conftest import seed_lesson

_DRIVER = textwrap.dedent(
    """
    import contextlib, io, json, sys
    for request in sys.stdin:
        out = []
        for src in json.loads(request):
            buf = io.StringIO()
            err = None
            with contextlib.redirect_stdout(buf):
                try:
                    exec(compile(src, "<script>", "exec"), {"__name__": "__main__"})
                except Exception as exc:
                    err = [type(exc).__name__, str(exc)]
            out.append({"stdout": buf.getvalue(), "error": err})
        print(json.dumps(out), flush=True)
    """
)


class RealPython:
    """One real Python process for the module (importing torch once), running scripts."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, sources: list[str]) -> list[dict]:
        """stdout and error (type name, message) of each script."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(sources) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        """End the process."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


_REAL: list[RealPython] = []


@pytest.fixture(scope="module", autouse=True)
def _real_python():
    real = RealPython()
    _REAL.append(real)
    yield
    _REAL.remove(real)
    real.close()


def run_python(*sources: str) -> list[dict]:
    """Run each script in real Python (a subprocess): stdout and error.

    Each script is also run through the playground's interpreter, which must print
    exactly the same and fail with the same PyTorch error.
    """
    results = _REAL[0].run(list(sources))
    for source, expected in zip(sources, results, strict=True):
        ours = run_script(source)
        assert ours.stdout == expected["stdout"], source
        if expected["error"] is None:
            assert ours.error is None, (source, ours.error)
        else:
            assert ours.error is not None, source
            assert [ours.error.exc_type, ours.error.message] == expected["error"], source
    return results


def edit(source: str, edits: list[TextEdit]) -> str:
    """Apply and check the result still parses."""
    out = apply_edits(source, edits)
    ast.parse(out)
    return out


# ----------------------------------------------------------------------------- apply_edits


def test_apply_edits_applies_in_offset_order_and_refuses_overlaps():
    assert apply_edits(
        "abcdef", [TextEdit(4, 5, "E"), TextEdit(0, 1, "A"), TextEdit(2, 2, "+")]
    ) == ("Ab+cdEf")
    with pytest.raises(EditError):
        apply_edits("abcdef", [TextEdit(0, 3, ""), TextEdit(2, 4, "")])
    with pytest.raises(EditError):
        apply_edits("abc", [TextEdit(2, 9, "")])


# ----------------------------------------------------------------------------- requires_grad


def test_requires_grad_on_factory_leaf_edits_the_keyword_and_round_trips():
    src = seed_lesson(3)
    off = edit(src, set_requires_grad(src, "x", False))
    assert "x = torch.ones(2, 2)\n" in off
    assert off.replace("x = torch.ones(2, 2)\n", "") == src.replace(
        "x = torch.ones(2, 2, requires_grad=True)\n", ""
    )
    assert edit(off, set_requires_grad(off, "x", True)) == src
    # Already in the requested state: nothing to do.
    assert set_requires_grad(src, "x", True) == []
    assert set_requires_grad(off, "x", False) == []

    original, unchecked = run_python(src, off)
    assert original["error"] is None
    assert original["stdout"].startswith("tensor([[4.5000, 4.5000],")
    # Without requires_grad the first backward fails exactly as PyTorch says.
    assert unchecked["error"] == [
        "RuntimeError",
        "element 0 of tensors does not require grad and does not have a grad_fn",
    ]


@pytest.mark.parametrize(
    ("line", "flag", "expected"),
    [
        ("x = torch.ones(2, requires_grad=False)", True, "x = torch.ones(2, requires_grad=True)"),
        ("x = torch.zeros(3,)", True, "x = torch.zeros(3, requires_grad=True,)"),
        ("x = torch.tensor(1.)", True, "x = torch.tensor(1., requires_grad=True)"),
        ("x = torch.rand_like(a)", True, "x = torch.rand_like(a, requires_grad=True)"),
        ("x = torch.empty()", True, "x = torch.empty(requires_grad=True)"),
        ("x = torch.ones(requires_grad=True, size=(2,))", False, "x = torch.ones(size=(2,))"),
        ("x = torch.ones(requires_grad=True,)", False, "x = torch.ones()"),
        (
            "x = torch.full((2,), 3.0, requires_grad=True, dtype=torch.float64)",
            False,
            "x = torch.full((2,), 3.0, dtype=torch.float64)",
        ),
    ],
)
def test_requires_grad_keyword_forms(line, flag, expected):
    src = f"import torch\na = torch.ones(2)\n{line}  # keep me\n"
    assert edit(src, set_requires_grad(src, "x", flag)) == (
        f"import torch\na = torch.ones(2)\n{expected}  # keep me\n"
    )


def test_requires_grad_on_lesson_2_flips_the_scripts_own_call_in_place():
    src = seed_lesson(2)
    # Lesson 2's x (x * x + 2 without grad) is a leaf; its x.requires_grad_(True) sits
    # after two prints: unticking flips that call where it stands, nothing moves.
    off = edit(src, set_requires_grad(src, "x", False))
    assert off == src.replace("x.requires_grad_(True)", "x.requires_grad_(False)")
    # Ticking again gives back the lesson exactly.
    assert edit(off, set_requires_grad(off, "x", True)) == src
    assert set_requires_grad(src, "x", True) == []

    r_src, r_off = run_python(src, off)
    assert r_src["stdout"] == "False\nNone\nTrue\nNone\n"  # the seed's own output
    assert r_off["stdout"] == "False\nNone\nFalse\nNone\n"


@pytest.mark.parametrize(
    ("call", "flag", "flipped"),
    [
        ("x.requires_grad_(True)", False, "x.requires_grad_(False)"),
        ("x.requires_grad_(False)", True, "x.requires_grad_(True)"),
        ("x.requires_grad_()", False, "x.requires_grad_(False)"),
        ("x.requires_grad_(requires_grad=True)", False, "x.requires_grad_(requires_grad=False)"),
        ("x.requires_grad = True", False, "x.requires_grad = False"),
    ],
)
def test_a_later_requires_grad_call_is_flipped_in_place(call, flag, flipped):
    src = f"import torch\nx = torch.ones(2) * 2\nprint(x.requires_grad)\n{call}\n"
    assert edit(src, set_requires_grad(src, "x", flag)) == src.replace(call, flipped)


def test_only_the_last_later_call_decides():
    src = "import torch\nx = torch.ones(2) * 2\nx.requires_grad_(True)\nx.requires_grad_(False)\n"
    on = edit(src, set_requires_grad(src, "x", True))
    assert on == src.replace("(False)", "(True)")
    assert edit(on, set_requires_grad(on, "x", False)) == src
    assert run_python(on)[0]["error"] is None


def test_requires_grad_inserted_inside_a_block_keeps_indentation_and_comments():
    src = textwrap.dedent(
        """\
        import torch  # the library
        a = torch.ones(2)
        for i in range(2):
            # the loop body
            x = a * (i + 1)  # a non-leaf
            print(x.requires_grad)
        """
    )
    on = edit(src, set_requires_grad(src, "x", True))
    assert on == src.replace(
        "    x = a * (i + 1)  # a non-leaf\n",
        "    x = a * (i + 1)  # a non-leaf\n    x.requires_grad_(True)\n",
    )
    assert edit(on, set_requires_grad(on, "x", False)) == src
    assert run_python(on)[0]["stdout"] == "True\nTrue\n"


def test_requires_grad_next_to_other_statements_on_the_same_line():
    src = "import torch\na = torch.ones(2); x = a * 2; print(x.requires_grad)\n"
    on = edit(src, set_requires_grad(src, "x", True))
    assert (
        on
        == "import torch\na = torch.ones(2); x = a * 2; x.requires_grad_(True); print(x.requires_grad)\n"
    )
    assert edit(on, set_requires_grad(on, "x", False)) == src
    assert run_python(on)[0]["stdout"] == "True\n"


def test_unchecking_a_computed_tensor_writes_pytorchs_own_call():
    src = "import torch\na = torch.ones(2, requires_grad=True)\nx = a * 2\n"
    off = edit(src, set_requires_grad(src, "x", False))
    assert off == src + "x.requires_grad_(False)\n"
    (res,) = run_python(off)
    assert res["error"][0] == "RuntimeError"
    assert res["error"][1].startswith("you can only change requires_grad flags of leaf variables.")
    # Checking it again removes the line.
    assert edit(off, set_requires_grad(off, "x", True)) == src


def test_requires_grad_on_factory_also_drops_a_contradicting_later_line():
    src = "import torch\nx = torch.ones(2)\nx.requires_grad_()\nprint(x.requires_grad)\n"
    off = edit(src, set_requires_grad(src, "x", False))
    assert off == "import torch\nx = torch.ones(2)\nprint(x.requires_grad)\n"


def test_requires_grad_uses_the_last_binding_and_unicode_columns():
    src = 'import torch\ns = "ünïcödé"; x = torch.ones(1)\nx = torch.zeros(2)  # é\n'
    on = edit(src, set_requires_grad(src, "x", True))
    assert (
        on
        == 'import torch\ns = "ünïcödé"; x = torch.ones(1)\nx = torch.zeros(2, requires_grad=True)  # é\n'
    )
    first = 'import torch\ns = "ünïcödé"; x = torch.ones(1)\n'
    assert edit(first, set_requires_grad(first, "x", True)) == (
        'import torch\ns = "ünïcödé"; x = torch.ones(1, requires_grad=True)\n'
    )


def test_requires_grad_errors():
    with pytest.raises(EditError, match="never assigns"):
        set_requires_grad("import torch\n", "x", True)
    with pytest.raises(EditError, match="does not parse"):
        set_requires_grad("x = (", "x", True)


def test_crlf_scripts_keep_their_newlines():
    src = "import torch\r\nx = torch.ones(2)\r\ny = x * 2\r\n"
    on = edit(src, set_requires_grad(src, "y", True))
    assert on == "import torch\r\nx = torch.ones(2)\r\ny = x * 2\r\ny.requires_grad_(True)\r\n"
    wrapped = edit(src, toggle_no_grad(src, 3))
    assert (
        wrapped == "import torch\r\nx = torch.ones(2)\r\nwith torch.no_grad():\r\n    y = x * 2\r\n"
    )
    assert edit(wrapped, toggle_no_grad(wrapped, 4)) == src


# ----------------------------------------------------------------------------- no_grad


def test_toggle_no_grad_seed_lesson_5_unwrap_and_wrap_back():
    src = seed_lesson(5)
    assert statement_lines(src) == [1, 2, 3, 5, 6, 8, 9, 10]
    plain = edit(src, toggle_no_grad(src, 5))
    assert "no_grad" not in plain
    assert "\ny2 = x ** 3\n" in plain
    # Wrapping y2 again (now on line 4) gives the lesson back byte for byte.
    assert edit(plain, toggle_no_grad(plain, 4)) == src
    # The with line itself is a toggle too.
    assert edit(src, toggle_no_grad(src, 4)) == plain

    r_src, r_plain = run_python(src, plain)
    assert r_src["stdout"] == "x.grad = 2.0\ny2.requires_grad = False\n"
    assert r_plain["stdout"] == "x.grad = 5.0\ny2.requires_grad = True\n"


def test_toggle_no_grad_removes_a_multi_statement_with_and_dedents_its_body():
    src = textwrap.dedent(
        """\
        import torch
        x = torch.ones(2, requires_grad=True)
        with torch.no_grad():  # not tracked
            a = x * 2
            # a comment
            b = (a +
                 1)
        print(a.requires_grad, b.requires_grad)
        """
    )
    out = edit(src, toggle_no_grad(src, 6))
    assert out == textwrap.dedent(
        """\
        import torch
        x = torch.ones(2, requires_grad=True)
        a = x * 2
        # a comment
        b = (a +
             1)
        print(a.requires_grad, b.requires_grad)
        """
    )
    r_src, r_out = run_python(src, out)
    assert r_src["stdout"] == "False False\n"
    assert r_out["stdout"] == "True True\n"


def test_toggle_no_grad_never_reindents_inside_multiline_strings():
    src = 'import torch\nx = torch.ones(1)\nprint("""a\nb""", x)\n'
    wrapped = edit(src, toggle_no_grad(src, 3))
    assert (
        wrapped
        == 'import torch\nx = torch.ones(1)\nwith torch.no_grad():\n    print("""a\nb""", x)\n'
    )
    assert edit(wrapped, toggle_no_grad(wrapped, 4)) == src
    assert run_python(src)[0]["stdout"] == run_python(wrapped)[0]["stdout"]


def test_toggle_no_grad_on_one_line_with_and_shared_lines():
    src = "import torch\nx = torch.ones(1)\nwith torch.no_grad(): y = x * 2\n"
    assert edit(src, toggle_no_grad(src, 3)) == "import torch\nx = torch.ones(1)\ny = x * 2\n"
    shared = "import torch\nx = torch.ones(1); y = x * 2\n"
    assert edit(shared, toggle_no_grad(shared, 2)) == (
        "import torch\nwith torch.no_grad():\n    x = torch.ones(1); y = x * 2\n"
    )
    nested = "if True:\n\tx = 1\n"
    assert (
        edit(nested, toggle_no_grad(nested, 2)) == "if True:\n\twith torch.no_grad():\n\t\tx = 1\n"
    )
    with pytest.raises(EditError, match="no statement"):
        toggle_no_grad(src, 99)
    with pytest.raises(EditError, match="its own line"):
        toggle_no_grad("if True: x = 1\nelse: x = 2\n", 2)


def test_statement_lines_lists_simple_statements_at_any_depth():
    src = "import torch\n\nfor i in range(2):\n    x = i\n    if x:\n        y = (x +\n  1)\n"
    assert statement_lines(src) == [1, 4, 6]


# ----------------------------------------------------------------------------- values


def test_set_tensor_values_writes_a_literal_of_the_same_shape_and_values():
    src = seed_lesson(3)
    t = torch.tensor([[0.1, -2.5], [1e-8, 3.0]])
    out = edit(src, set_tensor_values(src, "x", t.tolist(), dtype=None, requires_grad=True))
    assert "x = torch.tensor([[0.1, -2.5], [1e-08, 3.0]], requires_grad=True)\n" in out
    assert out.count("\n") == src.count("\n")
    probe = out.split("y = x + 2")[0] + "print(x.dtype, x.shape, x.requires_grad, x.tolist())\n"
    (res,) = run_python(probe)
    assert res["stdout"] == f"torch.float32 torch.Size([2, 2]) True {t.tolist()}\n"


def test_set_tensor_values_scalar_dtype_and_nonfinite():
    src = "import torch\nx = torch.tensor(1., requires_grad=True)  # scalar\n"
    out = edit(src, set_tensor_values(src, "x", 2.5, dtype="torch.float64", requires_grad=False))
    assert out == "import torch\nx = torch.tensor(2.5, dtype=torch.float64)  # scalar\n"
    vals = [float("nan"), float("inf"), -float("inf"), 0.1]
    out = edit(src, set_tensor_values(src, "x", vals, dtype="float64", requires_grad=False))
    (res,) = run_python(out + "print(x.dtype, x.tolist())\n")
    assert res["stdout"] == "torch.float64 [nan, inf, -inf, 0.1]\n"
    ints = edit(src, set_tensor_values(src, "x", [[1, 2]], dtype="int64", requires_grad=False))
    assert "torch.tensor([[1, 2]], dtype=torch.int64)" in ints
    with pytest.raises(EditError, match="unpacking"):
        set_tensor_values("a, x = 1, 2\n", "x", [1.0], dtype=None, requires_grad=False)


_F32 = st.floats(width=32, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(_F32, min_size=1, max_size=6), st.sampled_from([None, "float64", "float16"]))
def test_literals_round_trip_to_the_same_tensor(values, dtype):
    torch_dtype = getattr(torch, dtype) if dtype else torch.float32
    t = torch.tensor(values, dtype=torch_dtype)
    literal = tensor_literal(t.tolist(), dtype=dtype)
    # Evaluate the literal the way Python would (an expression over `torch` only).
    back = eval(compile(ast.parse(literal, mode="eval"), "<lit>", "eval"), {"torch": torch})  # noqa: S307
    assert back.dtype == t.dtype
    assert torch.equal(back, t)


def test_format_number_is_short_for_float32_and_exact_for_float64():
    assert format_number(float(torch.tensor(0.1))) == "0.1"
    assert format_number(0.1, "float64") == "0.1"
    assert format_number(float(torch.tensor(0.1)), "float64") == "0.10000000149011612"
    assert format_number(1.0) == "1.0"
    assert format_number(3e38) == "3e+38"
    assert format_number(True) == "True"
    assert math.isnan(eval(format_number(float("nan"))))  # noqa: S307


# ----------------------------------------------------------------------------- append


def test_append_statement():
    assert edit("import torch", append_statement("import torch", "y = x * 2")) == (
        "import torch\ny = x * 2\n"
    )
    assert edit("a = 1\n", append_statement("a = 1\n", "b = 2\n")) == "a = 1\nb = 2\n"
    assert edit("", append_statement("", "b = 2")) == "b = 2\n"
    assert edit("if a:\n    b = 1\n", append_statement("if a:\n    b = 1\n", "c = 3")) == (
        "if a:\n    b = 1\nc = 3\n"
    )
    with pytest.raises(EditError):
        append_statement("", "y = (")


# ----------------------------------------------------------------------------- round trips

_EXPR = st.sampled_from(["a * 2", "a + 1", "(a *\n    3)", "a.sum()", "a ** 2  # sq"])
_LINE = st.one_of(
    st.builds(lambda n, e: f"{n} = {e}", st.sampled_from(["b", "c", "d"]), _EXPR),
    st.just("# a comment"),
    st.just(""),
    st.just('print("""x\ny""")'),
    st.just("with torch.no_grad():\n    e = a * 5"),
    st.just("if True:\n    f = a - 1\n    g = f * 2"),
)


@st.composite
def scripts(draw):
    body = draw(st.lists(_LINE, min_size=1, max_size=6))
    text = "import torch\na = torch.ones(2, requires_grad=True)\n" + "\n".join(body)
    text += draw(st.sampled_from(["\n", "", "\n\n"]))
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n"])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts(), st.data())
def test_toggle_no_grad_twice_is_identity(src, data):
    lines = statement_lines(src)
    line = data.draw(st.sampled_from(lines))
    once = edit(src, toggle_no_grad(src, line))
    assert once != src
    # The same statement's first line after the edit: one line further down when it was
    # wrapped (a `with` line was inserted above it), one up when unwrapped.
    wrapped = len(once.splitlines()) > len(src.splitlines())
    again_line = line + 1 if wrapped else line - 1
    twice = edit(once, toggle_no_grad(once, again_line))
    if wrapped or "e = a * 5" in src.splitlines()[line - 1]:
        assert twice == src


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts(), st.sampled_from(["a", "b", "c", "d"]), st.booleans())
def test_set_requires_grad_twice_is_identity(src, name, flag):
    try:
        first = set_requires_grad(src, name, flag)
    except EditError:
        assert name not in {n.id for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Name)}
        return
    once = edit(src, first)
    if once == src:
        return
    assert edit(once, set_requires_grad(once, name, not flag)) == src


_FLAG_LINE = st.builds(
    lambda n, f, form: form.format(n=n, f=f),
    st.sampled_from(["b", "c"]),
    st.sampled_from(["True", "False"]),
    st.sampled_from(["{n}.requires_grad_({f})", "{n}.requires_grad = {f}"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_LINE, _FLAG_LINE, _FLAG_LINE), min_size=1, max_size=7),
    st.sampled_from(["b", "c"]),
    st.booleans(),
)
def test_set_requires_grad_twice_is_identity_with_flag_lines(body, name, flag):
    src = "import torch\na = torch.ones(2, requires_grad=True)\n" + "\n".join(body) + "\n"
    try:
        first = set_requires_grad(src, name, flag)
    except EditError:
        return  # the name is never assigned
    once = edit(src, first)
    if once == src:
        return
    assert edit(once, set_requires_grad(once, name, not flag)) == src


def test_line_picks_the_binding_that_ran_in_a_branch():
    src = textwrap.dedent(
        """\
        import torch
        if True:
            x = torch.ones(2)
        else:
            x = torch.zeros(2)
        print(x.requires_grad)
        """
    )
    result = run_script(src)
    line = result.assignments["x"].line
    assert line == 3
    on = edit(src, set_requires_grad(src, "x", True, line=line))
    assert "    x = torch.ones(2, requires_grad=True)\n" in on
    assert run_python(on)[0]["stdout"] == "True\n"
    # Without the line, the last binding in the text (the else branch) is edited.
    assert "torch.zeros(2, requires_grad=True)" in edit(src, set_requires_grad(src, "x", True))
    values = edit(
        src, set_tensor_values(src, "x", [5.0, 6.0], dtype=None, requires_grad=False, line=3)
    )
    assert "    x = torch.tensor([5.0, 6.0])\n" in values
    # A line with no binding of the name falls back to the last binding.
    assert edit(src, set_requires_grad(src, "x", True, line=6)) == edit(
        src, set_requires_grad(src, "x", True)
    )


def test_edits_at_the_end_of_a_script_without_final_newline():
    src = "import torch\na = torch.ones(2, requires_grad=True)\nb = a * 2"
    on = edit(src, set_requires_grad(src, "b", True))
    assert on == src + "\nb.requires_grad_(True)"
    assert edit(on, set_requires_grad(on, "b", False)) == src
    wrapped = edit(src, toggle_no_grad(src, 3))
    assert (
        wrapped
        == "import torch\na = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    b = a * 2"
    )
    assert edit(wrapped, toggle_no_grad(wrapped, 4)) == src
    single = "x = torch.ones(2)\nx.requires_grad_()"
    assert edit(single, set_requires_grad(single, "x", False)) == "x = torch.ones(2)"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x = torch.ones(2, 2)", True),
        ("x = torch.tensor([1.0, 2.0])", True),
        ("x = torch.arange(6.).view(2, 3)", True),
        ("x = torch.zeros_like(a).double()", True),
        ("x = a * 2", False),
        ("x = a.detach()", False),
        ("x, y = torch.ones(1), 2", False),
    ],
)
def test_is_created_by_factory(line, expected):
    src = f"import torch\na = torch.ones(2)\n{line}\n"
    assert is_created_by_factory(src, "x") is expected
    assert is_created_by_factory("x = (", "x") is False
    assert is_created_by_factory(src, "nope") is False


def _probe(source: str) -> str:
    """``source`` plus a print of requires_grad / grad_fn of every tensor it assigns."""
    names = [n for n in "abcdefg" if f"{n} = " in source]
    nl = "\r\n" if "\r\n" in source else "\n"
    tail = "" if source.endswith(("\n", "\r")) else nl
    return source + tail + nl.join(f"print({n}.requires_grad, {n}.grad_fn is None)" for n in names)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts(), st.data())
def test_rewritten_scripts_run_the_same_in_python_and_the_interpreter(src, data):
    name = data.draw(st.sampled_from([n for n in "abcd" if f"{n} = " in src]))
    flag = data.draw(st.booleans())
    line = data.draw(st.sampled_from(statement_lines(src)[1:]))  # not `import torch`
    variants = [
        edit(src, set_requires_grad(src, name, flag)),
        edit(src, toggle_no_grad(src, line)),
    ]
    # run_python compares real Python with run_script for each script.
    results = run_python(*(_probe(v) for v in variants))
    assert all(r["error"] is None or r["error"][0] == "RuntimeError" for r in results)


def test_a_no_grad_block_of_another_form_is_never_wrapped_twice():
    """Regression: ``with torch.no_grad() as g:`` showed as on in the gutter and a click
    wrapped its line in a second no_grad; now the click says why it can't."""
    from playground.core.script_edit import EditError, is_no_grad_block, toggle_no_grad

    source = "import torch\nx = torch.ones(2, requires_grad=True)\nwith torch.no_grad() as g:\n    y = x * 2\n"
    import ast

    assert is_no_grad_block(ast.parse(source).body[2])
    for line in (3, 4):
        with pytest.raises(EditError, match="no_grad block of another form"):
            toggle_no_grad(source, line)


def test_no_grad_wraps_a_line_inside_a_function_body():
    from playground.core.script_edit import apply_edits, toggle_no_grad

    source = "import torch\ndef f(x):\n    y = x * 2\n    return y\n"
    wrapped = apply_edits(source, toggle_no_grad(source, 3))
    assert wrapped == (
        "import torch\ndef f(x):\n    with torch.no_grad():\n        y = x * 2\n    return y\n"
    )
    assert apply_edits(wrapped, toggle_no_grad(wrapped, 4)) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "import torch\nx = torch.ones(2, requires_grad=True)\n",
            "import torch\ntorch.set_grad_enabled(False)\nx = torch.ones(2, requires_grad=True)\n",
        ),
        (
            '"""doc"""\nimport math\nimport torch\n\ny = 1\n',
            '"""doc"""\nimport math\nimport torch\ntorch.set_grad_enabled(False)\n\ny = 1\n',
        ),
        ("import torch", "import torch\ntorch.set_grad_enabled(False)"),
        ("y = 1\n", "import torch\ntorch.set_grad_enabled(False)\ny = 1\n"),
    ],
)
def test_grad_mode_switch_is_a_rewrite(source, expected):
    """The grad-mode switch writes torch.set_grad_enabled(False) after the top imports,
    and the script then runs in plain Python with grad mode off."""
    from playground.core.script_edit import grad_mode_off_line, toggle_grad_mode

    off = apply_edits(source, toggle_grad_mode(source))
    assert off == expected
    assert (
        grad_mode_off_line(off) == expected.splitlines().index("torch.set_grad_enabled(False)") + 1
    )
    namespace: dict = {}
    exec(compile(off, "<script>", "exec"), namespace)
    try:
        assert namespace["torch"].is_grad_enabled() is False
    finally:
        namespace["torch"].set_grad_enabled(True)
    back = apply_edits(off, toggle_grad_mode(off))
    if "import torch" in source:
        assert back == source
    assert grad_mode_off_line(back) is None


def test_grad_mode_switch_ignores_other_forms():
    """Only the top-level statement is the switch: a nested or `with` form is code."""
    from playground.core.script_edit import grad_mode_off_line

    assert (
        grad_mode_off_line("import torch\nwith torch.set_grad_enabled(False):\n    y = 1\n") is None
    )
    assert grad_mode_off_line("import torch\ndef f():\n    torch.set_grad_enabled(False)\n") is None
    assert grad_mode_off_line("import torch\ntorch.set_grad_enabled(True)\n") is None
    assert grad_mode_off_line("import torch\ntorch.set_grad_enabled(False\n") is None
