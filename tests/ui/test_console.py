"""The console: printed text verbatim, warnings marked, errors with line:col and explanation.

Runs are the kernel's :class:`RunView` (``make_views`` of ``tests/conftest.py``: the
script run in this process, restricted or Python mode, through the real codec); what
the console must say is what PyTorch and real Python print.
"""

from __future__ import annotations

import pytest
import torch

from playground.core.errors import ScriptFailed
from playground.core.explain import explain
from playground.core.result import OutputChunk
from playground.protocol.views import RunView
from playground.ui.console import ERROR_MARK, FRAMES_HEADER, WARNING_MARK, Console


@pytest.fixture
def console(qtbot):
    widget = Console()
    qtbot.addWidget(widget)
    return widget


def _pytorch_error(script) -> RuntimeError:
    with pytest.raises(RuntimeError) as info:
        script()
    return info.value


def _view(chunks, error=None) -> RunView:
    """A run that printed ``chunks`` and ended with ``error``, as the kernel sends it."""
    stdout = "".join(c.text for c in chunks if c.kind == "stdout")
    return RunView(source="", mode="restricted", stdout=stdout, chunks=chunks, error=error)


def test_console_is_read_only_with_its_object_name(console):
    assert console.objectName() == "console"
    assert console.isReadOnly()


def test_printed_text_is_shown_verbatim(console, make_views):
    x = torch.ones(2, 2, requires_grad=True)
    printed = f"{x}\n{x.grad}\n"
    run_view, _state = make_views(
        "import torch\nx = torch.ones(2, 2, requires_grad=True)\nprint(x)\nprint(x.grad)\n"
    )
    assert run_view.stdout == printed
    console.show_result(run_view)
    assert console.toPlainText() == printed


def test_warnings_are_marked_and_explained(console, make_views):
    source = (
        "import torch\nprint('a')\nx = torch.ones(2, requires_grad=True)\ny = x * 2\n"
        "g = y.grad\nprint('b')\n"
    )
    run_view, _state = make_views(source)
    (warning,) = [c for c in run_view.chunks if c.kind == "warning"]
    assert warning.line == 5
    message = warning.text.rstrip()
    assert message.startswith(
        "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being "
        "accessed. Its .grad attribute won't be populated during autograd.backward()."
    )
    console.show_result(run_view)
    lines = console.toPlainText().splitlines()
    assert lines[0] == "a"
    assert lines[1] == f"{WARNING_MARK}line 5: {message}"
    assert lines[-1] == "b"
    paragraph = explain(ScriptFailed(message.split(": ", 1)[1], exc_type="UserWarning"))
    assert paragraph and paragraph.strip().splitlines()[0] in console.toPlainText()


def test_second_backward_error_has_location_pytorch_text_and_explanation(console, make_views):
    def twice():
        x = torch.ones(2, requires_grad=True)
        y = (x * x).sum()
        y.backward()
        y.backward()

    exc = _pytorch_error(twice)
    source = (
        "import torch\nprint('before')\nx = torch.ones(2, requires_grad=True)\n"
        "y = (x * x).sum()\ny.backward()\n\ny.backward()\n"
    )
    run_view, _state = make_views(source)
    error = run_view.error
    assert (error.line, error.col, error.exc_type, error.message) == (
        7,
        1,
        "RuntimeError",
        str(exc),
    )
    console.show_result(run_view)
    text = console.toPlainText()
    assert text.startswith("before\n")
    assert (
        f"{ERROR_MARK}7:1: RuntimeError: Trying to backward through the graph a second time" in text
    )
    assert FRAMES_HEADER not in text  # restricted mode has no frames
    paragraph = explain(error)
    assert paragraph is not None and paragraph.strip() in text


def test_python_mode_errors_list_the_scripts_frames_above_the_error(console, make_views):
    """A Python-mode error raised inside the script's own function: its frames, outermost
    first as in Python's traceback, then the error line."""
    source = (
        "import torch\n\ndef f(a):\n    b = a * 2\n    return b.sum() + q\n\n"
        "x = torch.ones(2, requires_grad=True)\nout = f(x)\n"
    )
    run_view, _state = make_views(source, mode="python")
    assert run_view.error.frames == (
        "  script.py:8 in <module>: out = f(x)",
        "  script.py:5 in f: return b.sum() + q",
    )
    console.show_result(run_view)
    lines = console.toPlainText().splitlines()
    assert lines == [
        FRAMES_HEADER,
        "  script.py:8 in <module>: out = f(x)",
        "  script.py:5 in f: return b.sum() + q",
        f"{ERROR_MARK}5:22: NameError: name 'q' is not defined",
    ]


def test_python_mode_second_backward_has_frames_and_the_explanation(console, make_views):
    source = (
        "import torch\nx = torch.ones(2, requires_grad=True)\ny = (x * x).sum()\n"
        "y.backward()\ny.backward()\n"
    )
    run_view, _state = make_views(source, mode="python")
    console.show_result(run_view)
    text = console.toPlainText()
    assert text.index(FRAMES_HEADER) < text.index("  script.py:5 in <module>: y.backward()")
    assert text.index("y.backward()") < text.index(f"{ERROR_MARK}5:")
    assert explain(run_view.error).strip() in text


def test_unknown_error_has_no_explanation(console):
    error = ScriptFailed("name 'q' is not defined", line=2, col=5, exc_type="NameError")
    console.show_result(_view([], error))
    assert console.toPlainText() == f"{ERROR_MARK}2:5: NameError: name 'q' is not defined\n"


def test_info_and_errors_append_after_output_without_gluing_lines(console):
    console.show_result(_view([OutputChunk("stdout", "no newline")]))
    console.show_info("out.backward(retain_graph=True)")
    lines = console.toPlainText().splitlines()
    assert lines == ["no newline", "» out.backward(retain_graph=True)"]


def test_a_long_error_is_shown_from_its_first_line_in_a_short_console(console, qtbot):
    """At 1280×800 the console is ~150 px tall: after an error with its explanation and
    a hint, the view starts at the ✖ line (PyTorch's words), not at the explanation's
    tail; the hint about this situation comes right under it, then the explanation."""
    console.resize(520, 150)
    console.show()
    qtbot.waitExposed(console)
    for i in range(12):
        console.show_info(f"out.backward(retain_graph=True) #{i}")

    def second_backward():
        out = (torch.ones(2, requires_grad=True) * 2).sum()
        out.backward()
        out.backward()

    exc = _pytorch_error(second_backward)
    error = ScriptFailed(str(exc), exc_type="RuntimeError")
    console.show_error(error, context="out.backward()", hint="Why: the graph was freed.")
    text = console.toPlainText()
    assert text.index(ERROR_MARK) < text.index("» Why:") < text.index(explain(error).strip())
    assert console.firstVisibleBlock().text().startswith(ERROR_MARK)
    # With script frames (Python mode), the view starts at them.
    for i in range(12):
        console.show_info(f"more #{i}")
    error.frames = ("  script.py:9 in <module>: out.backward()",)
    console.show_error(error)
    assert console.firstVisibleBlock().text() == FRAMES_HEADER
