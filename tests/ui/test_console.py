"""The console: printed text verbatim, warnings marked, errors with line:col and explanation."""

from __future__ import annotations

import pytest
import torch

from playground.core.errors import ScriptFailed
from playground.core.explain import explain
from playground.core.result import OutputChunk, RunResult
from playground.ui.console import ERROR_MARK, WARNING_MARK, Console


@pytest.fixture
def console(qtbot):
    widget = Console()
    qtbot.addWidget(widget)
    return widget


def _pytorch_error(script) -> RuntimeError:
    with pytest.raises(RuntimeError) as info:
        script()
    return info.value


def _result(chunks, error=None) -> RunResult:
    stdout = "".join(c.text for c in chunks if c.kind == "stdout")
    return RunResult(source="", namespace={}, stdout=stdout, chunks=chunks, error=error)


def test_console_is_read_only_with_its_object_name(console):
    assert console.objectName() == "console"
    assert console.isReadOnly()


def test_printed_text_is_shown_verbatim(console):
    x = torch.ones(2, 2, requires_grad=True)
    printed = f"{x}\n{x.grad}\n"
    console.show_result(_result([OutputChunk("stdout", printed)]))
    assert console.toPlainText() == printed


def test_warnings_are_marked_and_explained(console):
    message = (
        "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being "
        "accessed. Its .grad attribute won't be populated during autograd.backward()."
    )
    chunk = OutputChunk("warning", message, line=4)
    console.show_result(
        _result([OutputChunk("stdout", "a\n"), chunk, OutputChunk("stdout", "b\n")])
    )
    lines = console.toPlainText().splitlines()
    assert lines[0] == "a"
    assert lines[1] == f"{WARNING_MARK}line 4: {message}"
    assert lines[-1] == "b"
    paragraph = explain(ScriptFailed(message.split(": ", 1)[1], exc_type="UserWarning"))
    assert paragraph and paragraph.strip().splitlines()[0] in console.toPlainText()


def test_second_backward_error_has_location_pytorch_text_and_explanation(console):
    def twice():
        x = torch.ones(2, requires_grad=True)
        y = (x * x).sum()
        y.backward()
        y.backward()

    exc = _pytorch_error(twice)
    error = ScriptFailed(str(exc), line=7, col=1, exc_type="RuntimeError")
    console.show_result(_result([OutputChunk("stdout", "before\n")], error))
    text = console.toPlainText()
    assert text.startswith("before\n")
    assert (
        f"{ERROR_MARK}7:1: RuntimeError: Trying to backward through the graph a second time" in text
    )
    paragraph = explain(error)
    assert paragraph is not None and paragraph.strip() in text


def test_unknown_error_has_no_explanation(console):
    error = ScriptFailed("name 'q' is not defined", line=2, col=5, exc_type="NameError")
    console.show_result(_result([], error))
    assert console.toPlainText() == f"{ERROR_MARK}2:5: NameError: name 'q' is not defined\n"


def test_info_and_errors_append_after_output_without_gluing_lines(console):
    console.show_result(_result([OutputChunk("stdout", "no newline")]))
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
