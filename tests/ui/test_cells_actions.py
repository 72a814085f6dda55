"""Run cell (Ctrl+Enter) and Run to cursor (Ctrl+Shift+Enter) in the window: the panels show
the state real Python leaves after the same prefix of the script."""

from __future__ import annotations

import traceback

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from playground.core.cells import prefix

SCRIPT = """# %% [markdown]
# # Three cells

# %%
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2

# %%
z = (y ** 2).sum()
w = torch.stack([x,
                 y])

# %%
z.backward()
print(x.grad)
"""


def python_state(source: str) -> dict[str, torch.Tensor]:
    """The tensors real Python leaves after running *source* (seeded as the window runs)."""
    torch.manual_seed(0)
    namespace: dict = {}
    exec(compile(source, "prefix.py", "exec"), namespace)
    return {k: v for k, v in namespace.items() if isinstance(v, torch.Tensor)}


def _put_cursor(window, line: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(line - 1).position())
    window.editor.setTextCursor(cursor)


def _wait(qtbot, window, status: str) -> None:
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=60_000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == status, timeout=10_000)


def _assert_panels_show(window, expected: dict[str, torch.Tensor]) -> None:
    tensors = window.session.state.tensors
    assert set(tensors) == set(expected)
    for name, tensor in expected.items():
        view = tensors[name]
        assert view.values.tolist() == tensor.detach().tolist(), name
        assert view.grad_fn == (type(tensor.grad_fn).__name__ if tensor.grad_fn else None)
        if tensor.is_leaf:
            assert (view.grad is None) == (tensor.grad is None), name


@pytest.fixture
def window(open_window, qtbot):
    win = open_window(SCRIPT)
    qtbot.waitExposed(win)
    win.editor.setFocus()
    return win


def test_ctrl_enter_runs_up_to_the_end_of_the_cell_and_inserts_no_newline(window, qtbot):
    _put_cursor(window, 11)  # z = (y ** 2).sum(), cell 3
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _wait(qtbot, window, "ran cells 1–3")
    assert window.source() == SCRIPT
    run = prefix(SCRIPT, 14)
    assert window.session.run.source == run
    expected = python_state(run)
    assert set(expected) == {"x", "y", "z", "w"}
    _assert_panels_show(window, expected)
    assert window.console.toPlainText().strip() == ""  # the backward cell did not run


def test_run_cell_in_the_second_cell_shows_that_prefixs_state(window, qtbot):
    _put_cursor(window, 7)
    window.actions_by_name["runCell"].trigger()
    _wait(qtbot, window, "ran cells 1–2")
    expected = python_state(prefix(SCRIPT, 9))
    assert set(expected) == {"x", "y"}
    _assert_panels_show(window, expected)
    # An edit runs the whole script again: the backward's x.grad is back.
    window.editor.appendPlainText("")
    qtbot.waitUntil(lambda: window.session.run.source == window.source(), timeout=60_000)
    _assert_panels_show(window, python_state(window.source()))


def test_run_to_cursor_ends_at_the_statement_at_the_cursor(window, qtbot):
    _put_cursor(window, 13)  # the second line of w = torch.stack([...])
    qtbot.keyClick(
        window.editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    _wait(qtbot, window, "ran to line 13")
    assert window.source() == SCRIPT
    _assert_panels_show(window, python_state(prefix(SCRIPT, 13)))
    _put_cursor(window, 11)
    window.actions_by_name["runToCursor"].trigger()
    _wait(qtbot, window, "ran to line 11")
    _assert_panels_show(window, python_state(prefix(SCRIPT, 11)))


def test_an_error_in_the_prefix_keeps_its_line(open_window, qtbot):
    script = SCRIPT.replace("y = x * 2", "y = x * 2\nv = x @ torch.ones(2)")
    win = open_window(script)
    _put_cursor(win, 7)
    win.actions_by_name["runCell"].trigger()
    qtbot.waitUntil(lambda: not win.worker.is_busy(), timeout=60_000)
    qtbot.waitUntil(lambda: win.editor.error_line() is not None, timeout=10_000)
    with pytest.raises(RuntimeError) as caught:
        python_state(prefix(script, 10))
    frame = traceback.extract_tb(caught.value.__traceback__)[-1]
    assert win.editor.error_line() == frame.lineno
    assert script.split("\n")[frame.lineno - 1] == "v = x @ torch.ones(2)"
    assert str(caught.value) in win.console.toPlainText()


def test_a_syntax_error_further_down_does_not_stop_run_cell(open_window, qtbot):
    win = open_window(SCRIPT + "\n# %%\ny = (\n")
    _put_cursor(win, 7)
    win.actions_by_name["runCell"].trigger()
    _wait(qtbot, win, "ran cells 1–2")
    _assert_panels_show(win, python_state(prefix(SCRIPT, 9)))


def test_the_actions_are_in_the_run_menu_with_their_shortcuts(window):
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    run_menu = next(m for m in menus if window.actions_by_name["run"] in m.actions())
    names = [a.objectName() for a in run_menu.actions()]
    assert "runCell" in names and "runToCursor" in names
    shortcuts = [s.toString() for s in window.actions_by_name["runCell"].shortcuts()]
    assert shortcuts[0] == "Ctrl+Return"
    assert window.actions_by_name["runToCursor"].shortcuts()[0].toString() == "Ctrl+Shift+Return"


def test_a_thin_line_is_drawn_above_each_cell_marker(editor, qtbot):
    editor.show()
    qtbot.waitExposed(editor)

    def grab(text: str) -> QImage:
        editor.setPlainText(text)
        editor.repaint()
        return editor.viewport().grab().toImage()

    with_cells = grab("x = 1\n# %%\ny = 2\n")
    plain = grab("x = 1\n# xx\ny = 2\n")
    block = editor.document().findBlockByNumber(1)
    top = int(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top())
    width = with_cells.width()
    differs = [
        x for x in range(width // 2, width - 4) if with_cells.pixel(x, top) != plain.pixel(x, top)
    ]  # right of the text: only the separator can differ there
    assert len(differs) > width // 3
