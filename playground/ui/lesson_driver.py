"""Carry out a lesson step's ``do`` actions through the automation contract.

Each action works the real widget a learner would (found by objectName): it clicks
the Backward button, ticks the checkbox in the Tensors table, presses Ctrl+/ on a line
of the editor, moves the step-through slider. Actions that re-run the script or ask the
kernel wait (in a local event loop, the window staying live) until the panels show the
result. ``jacobian`` and ``timeline`` call the installed feature's provider
(``window.features["jacobian"].show_leaf(name)``, ``["timeline"].set_position(k)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QPushButton,
    QSlider,
    QSpinBox,
    QTableWidget,
)

from playground.core.lesson import Action, parse_action

#: Longest a run or a kernel action may take before the driver gives up.
WAIT_S = 60.0
#: An edit that does not start a run by itself within this time gets the Run button.
AUTO_RUN_GRACE_MS = 800


class DriverError(RuntimeError):
    """An action that cannot be carried out (a widget is missing, disabled, or the
    provider is not installed): says which and why."""


def perform(window: Any, action: str | Action) -> None:
    """Carry out one ``do`` action (text as in ``docs/lessons.md``, or parsed)."""
    parsed = action if isinstance(action, Action) else parse_action(action)
    handler = _HANDLERS.get(parsed.verb)
    if handler is None:  # pragma: no cover - parse_action accepts only known verbs
        raise DriverError(f"no driver for {parsed.verb!r}")
    handler(window, parsed)


def perform_all(window: Any, actions: list[str] | tuple[Any, ...]) -> None:
    """Carry out ``actions`` in order."""
    for action in actions:
        perform(window, action)


# --------------------------------------------------------------------------- finding
def widget(window: Any, cls: type, name: str) -> Any:
    """The window's child ``name`` of type ``cls`` (the automation contract)."""
    found = window.findChild(cls, name)
    if found is None:
        raise DriverError(f"no {cls.__name__} named {name!r} in the window")
    return found


def _click(window: Any, name: str) -> None:
    button = widget(window, QPushButton, name)
    if not button.isEnabled():
        raise DriverError(f"{name} is disabled: {button.toolTip()}")
    button.click()


# --------------------------------------------------------------------------- waiting
def _wait(window: Any, done: Callable[[], bool], what: str, seconds: float = WAIT_S) -> None:
    """Spin a local event loop until ``done()``; raise :class:`DriverError` after ``seconds``."""
    loop = QEventLoop(window)
    timer = QTimer(window)
    timer.setInterval(20)
    timer.timeout.connect(lambda: done() and loop.quit())
    expired = QTimer(window, singleShot=True)
    expired.timeout.connect(loop.quit)
    if done():
        return
    timer.start()
    expired.start(int(seconds * 1000))
    loop.exec()
    timer.stop()
    if not done():
        raise DriverError(f"gave up waiting for {what} after {seconds:.0f} s")


def _run_and_wait(window: Any, start: Callable[[], None], *, run_if_idle: bool = False) -> None:
    """``start()`` (which leads to a run of the editor's text), then wait until that run
    has finished and the window has shown it. ``run_if_idle``: a typed edit that starts
    no run by itself (Python mode without an OS sandbox) gets the Run button."""
    finished: list[Any] = []
    window.worker.runFinished.connect(finished.append)  # after the window's own slot
    try:
        start()
        if run_if_idle:
            _start_run_unless_busy(window)
        text = window.editor.toPlainText()
        _wait(
            window,
            lambda: (
                not window.worker.is_busy()
                and any(o.died is not None or (o.run and o.run.source == text) for o in finished)
            ),
            "the script's run",
        )
    finally:
        window.worker.runFinished.disconnect(finished.append)
    _settle()


def _start_run_unless_busy(window: Any) -> None:
    loop = QEventLoop(window)
    QTimer.singleShot(AUTO_RUN_GRACE_MS, loop.quit)
    loop.exec()
    if not window.worker.is_busy():
        _click(window, "runButton")


def _settle() -> None:
    """Let queued signals (the panels' refresh, the lesson's checks) run."""
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


# --------------------------------------------------------------------------- actions
def _backward(window: Any, _action: Action) -> None:
    _click(window, "backwardButton")  # the window waits for the kernel's answer
    _settle()


def _zero_grad(window: Any, action: Action) -> None:
    (to_none,) = action.args
    check = widget(window, QCheckBox, "zeroGradToNoneCheck")
    before = check.isChecked()
    check.setChecked(to_none)
    try:
        _click(window, "zeroGradButton")
    finally:
        check.setChecked(before)
    _settle()


def _run(window: Any, _action: Action) -> None:
    _run_and_wait(window, lambda: _click(window, "runButton"))


def _root(window: Any, action: Action) -> None:
    (name,) = action.args
    box = widget(window, QComboBox, "rootSelector")
    index = box.findText(name)
    if index < 0:
        offered = [box.itemText(i) for i in range(box.count())]
        raise DriverError(f"{name!r} is not offered as a root ({', '.join(offered)})")
    box.setCurrentIndex(index)
    _settle()


def _retain_graph(window: Any, action: Action) -> None:
    widget(window, QCheckBox, "retainGraphCheck").setChecked(action.args[0])
    _settle()


def _grid(window: Any, action: Action) -> None:
    grid = widget(window, QTableWidget, "gradientEditor")
    cells = grid.rowCount() * grid.columnCount()
    if not grid.isVisibleTo(window) or cells != len(action.args):
        raise DriverError(
            f"the gradient grid has {cells} cells (shown: {grid.isVisibleTo(window)}), "
            f"not {len(action.args)}"
        )
    columns = grid.columnCount()
    for i, value in enumerate(action.args):
        grid.item(i // columns, i % columns).setText(repr(float(value)))
    _settle()


def _requires_grad(window: Any, action: Action) -> None:
    name, flag = action.args
    table = widget(window, QAbstractItemView, "tensorTable")
    model = table.model()
    column = _requires_grad_column(model)
    row = next((r for r in range(model.rowCount()) if model.index(r, 0).data() == name), None)
    if row is None:
        raise DriverError(f"no tensor {name!r} in the Tensors panel")
    index = model.index(row, column)
    if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
        raise DriverError(f"requires_grad of {name!r} cannot be ticked (not a float tensor)")
    state = Qt.CheckState.Checked if flag else Qt.CheckState.Unchecked
    if Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole)) == state:
        raise DriverError(f"requires_grad of {name!r} is already {'on' if flag else 'off'}")
    _run_and_wait(window, lambda: model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole))


def _requires_grad_column(model: Any) -> int:
    """The column whose cells have a check box (the header text is translated)."""
    for column in range(model.columnCount()):
        if model.index(0, column).data(Qt.ItemDataRole.CheckStateRole) is not None:
            return column
    raise DriverError("the Tensors panel has no requires_grad column")


def _no_grad(window: Any, action: Action) -> None:
    (line,) = action.args
    editor = window.editor
    if line not in editor.statement_starts:
        raise DriverError(f"line {line} does not start a statement (no gutter circle)")
    _run_and_wait(window, lambda: editor.toggle_no_grad(line))


def _line_text(window: Any, line: int) -> str:
    block = window.editor.document().findBlockByNumber(line - 1)
    if not block.isValid():
        raise DriverError(f"the script has no line {line}")
    return block.text()


def _toggle_comment(window: Any, action: Action) -> None:
    (line,) = action.args
    commented = _line_text(window, line).lstrip().startswith("#")
    if commented != (action.verb == "uncomment"):
        state = "commented" if commented else "not commented"
        raise DriverError(f"cannot {action.verb} line {line}: it is {state}")
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    editor.setTextCursor(cursor)
    _run_and_wait(window, editor.toggle_comment_action.trigger, run_if_idle=True)


def _edit(window: Any, action: Action) -> None:
    (line,) = action.args
    _line_text(window, line)
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)

    def replace() -> None:
        editor.setTextCursor(cursor)
        editor.textCursor().insertText(action.text)

    _run_and_wait(window, replace, run_if_idle=True)


def _repeat(window: Any, action: Action) -> None:
    (count,) = action.args
    widget(window, QSpinBox, "repeatSpin").setValue(count)
    finished: list[Any] = []
    window.repeat_runner.repeatFinished.connect(finished.append)
    try:
        _click(window, "repeatButton")
        _wait(window, lambda: bool(finished), f"Run ×{count}")
    finally:
        window.repeat_runner.repeatFinished.disconnect(finished.append)
    _settle()


def _step(window: Any, action: Action) -> None:
    (step,) = action.args
    slider = widget(window, QSlider, "graphStepSlider")
    if not slider.isEnabled() or not slider.minimum() <= step - 1 <= slider.maximum():
        raise DriverError(
            f"the step-through has steps 1..{slider.maximum() + 1}, not {step} "
            "(click Backward first)"
        )
    slider.setValue(step - 1)  # the slider's -1 is the overview, 0 the first step
    _settle()


def _provider(window: Any, name: str, method: str) -> Any:
    feature = window.features.get(name)
    if feature is None or not callable(getattr(feature, method, None)):
        raise DriverError(f"the {name} panel is not installed (no {method}())")
    return feature


def _jacobian(window: Any, action: Action) -> None:
    _provider(window, "jacobian", "show_leaf").show_leaf(action.args[0])
    _settle()


def _timeline(window: Any, action: Action) -> None:
    timeline = _provider(window, "timeline", "set_position")
    k = action.args[0]
    count = getattr(timeline, "count", None)
    if callable(count):  # the kernel sends the timeline after the run: wait for it
        _wait(window, lambda: count() >= k, f"the forward timeline's statement {k}")
    timeline.set_position(k)
    _settle()


_HANDLERS: dict[str, Callable[[Any, Action], None]] = {
    "backward": _backward,
    "zero_grad": _zero_grad,
    "run": _run,
    "root": _root,
    "retain_graph": _retain_graph,
    "grid": _grid,
    "requires_grad": _requires_grad,
    "no_grad": _no_grad,
    "uncomment": _toggle_comment,
    "comment": _toggle_comment,
    "edit": _edit,
    "repeat": _repeat,
    "step": _step,
    "jacobian": _jacobian,
    "timeline": _timeline,
}
