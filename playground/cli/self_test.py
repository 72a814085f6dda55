"""``gradient-playground --self-test``: check an installation (venv or bundle) end to end.

It opens the real main window (offscreen when there is no display), opens every
built-in lesson through the Examples menu, checks what the console printed, drives the
lesson to its end (each step's ``do`` through :mod:`playground.ui.lesson_driver`, each
step ticking in the Lesson panel), then re-runs the seed's lessons up to their first
``.backward(`` call and clicks **Backward** through Qt, comparing the leaves' ``.grad``
with the same computation done with plain PyTorch in a kernel child (this process never
imports torch). It crashes one kernel child on purpose and checks the window says so
and keeps the script. It checks that the graph view has items and the plot has curves,
exports PNGs to a temporary folder and takes one ``torch.optim.SGD`` step (a bundle
missing ``torch._dynamo`` fails there). Exit status 0, or 1 with the first failure
on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsView,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QWidget,
)

#: Seconds to wait for a run, a redraw or a backward to show up.
TIMEOUT_S = 30.0
#: Seconds for a lesson step to tick once its actions are done.
STEP_TIMEOUT_S = 10.0
#: A run counts as settled when nothing changed for this long (longer than the debounce).
SETTLE_S = 0.5


class SelfTestFailure(Exception):
    """One check failed; the message says which and what was seen."""


def check(condition: bool, message: str) -> None:
    """Raise :class:`SelfTestFailure` with *message* unless *condition* holds."""
    if not condition:
        raise SelfTestFailure(message)


# ---------------------------------------------------------------------- plain PyTorch
#: The same computations as the lessons, in plain PyTorch, run in the kernel (this
#: process never imports torch); it prints one JSON object. ``outputs`` holds what each
#: of the first six lessons prints when it is opened (before any click).
REFERENCE = r"""
import json
import torch

def seed_gradient_example(clicks):
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    grads = []
    for _ in range(clicks):
        out.backward(retain_graph=True)
        grads.append(x.grad.clone())
    return grads

def no_grad_lesson():
    x = torch.tensor(1.0, requires_grad=True)
    with torch.no_grad():
        y2 = x**3
    (x**2 + y2).backward()
    return x, y2

def data_lesson():
    x = torch.ones(1, requires_grad=True)
    y = 2 * x
    x.data *= 100
    y.backward()
    return x

x1 = torch.ones(3, 3, requires_grad=True)
x2 = torch.ones(3, 3) * torch.ones(3, 3) + 2
x2.requires_grad_(True)
x3 = torch.ones(2, 2, requires_grad=True)
x4 = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
x5 = torch.tensor(1.0, requires_grad=True)
with torch.no_grad():
    y2 = x5**3
y3 = x5**2 + y2
x6 = torch.ones(1, requires_grad=True)
data6 = str(x6.data)
x6.data *= 100
outputs = {
    "01": [str(x1), str(x1 * x1), str(x1 + 1), "MulBackward0", "AddBackward0"],
    "02": ["False\nNone\nTrue\nNone", str((x2 * 3).sum())],
    "03": [str(((x3 + 2) * (x3 + 2) * 3).mean())],
    "04": [str((x4 * x4 + 2).view(2, 2))],
    "05": [f"y2.requires_grad = {y2.requires_grad}", f"y3 = {y3}"],
    "06": [data6, str(x6)],
}
x5, y2 = no_grad_lesson()
x6 = data_lesson()
g1 = torch.ones(3, 3, requires_grad=True)
(g1 * g1).backward(torch.ones(3, 3))
g4 = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
w = [1.0, 0.1, 1.0, 0.01]
(g4 * g4 + 2).view(2, 2).backward(torch.tensor(w).view(2, 2))
p = torch.tensor([1.0, -2.0], requires_grad=True)
optimizer = torch.optim.SGD([p], lr=0.1)
optimizer.zero_grad()
(p * p).sum().backward()
optimizer.step()
print(json.dumps({
    "outputs": outputs,
    "grads": {
        "01": [g1.grad.tolist()],
        "03": [g.tolist() for g in seed_gradient_example(3)],
        "04": [g4.grad.tolist(), g4.grad.tolist()],
        "05": [x5.grad.tolist()],
        "06": [x6.grad.tolist()],
    },
    "w": w,
    "sgd": p.detach().tolist(),
}))
"""


@dataclass
class BackwardPlan:
    """Backward clicks on a lesson cut before its first ``.backward(`` call."""

    root: str
    leaf: str
    #: ``x.grad`` after each click, computed with plain PyTorch (in the kernel).
    expected: list[Any]
    gradient: list[float] | None = None
    zero_before: bool = False
    #: Also check that the plot has a curve of the leaf's first element.
    check_plot: bool = False


def reference_values() -> dict[str, Any]:
    """Run :data:`REFERENCE` in a kernel child (Python mode) and return its JSON."""
    import json

    from playground.protocol.session import KernelSession

    kernel = KernelSession()
    try:
        outcome = kernel.run(REFERENCE, mode="python", filename="reference.py")
    finally:
        kernel.close()
    check(outcome.died is None, f"the kernel could not run plain PyTorch: {outcome.died}")
    check(outcome.run is not None and outcome.run.error is None, f"plain PyTorch: {outcome.run}")
    return json.loads(outcome.run.stdout)


def backward_plans(ref: dict[str, Any]) -> dict[str, BackwardPlan]:
    """What clicking Backward must give on each lesson, computed with plain PyTorch."""
    grads = {k: [np.asarray(g) for g in v] for k, v in ref["grads"].items()}
    return {
        "01": BackwardPlan("y", "x", grads["01"], gradient=[1.0] * 9),
        "03": BackwardPlan("out", "x", grads["03"], check_plot=True),
        "04": BackwardPlan("z", "x", grads["04"], gradient=ref["w"], zero_before=True),
        "05": BackwardPlan("y3", "x", grads["05"]),
        "06": BackwardPlan("y", "x", grads["06"]),
    }


def check_plain_torch(ref: dict[str, Any]) -> None:
    """The seed's numbers from plain PyTorch, and one ``torch.optim.SGD`` step."""
    plans = backward_plans(ref)
    for grad, value in zip(plans["03"].expected, (4.5, 9.0, 13.5), strict=True):
        check(
            np.array_equal(grad, np.full((2, 2), value)), f"plain torch: x.grad {grad} != {value}"
        )
    literal = np.array([2.0, 0.4, 6.0, 0.09])
    lesson4 = plans["04"].expected[0]
    check(np.allclose(lesson4, literal), f"plain torch: lesson 4 x.grad {lesson4} != {literal}")
    for key, value in (("05", 2.0), ("06", 2.0)):
        grad = plans[key].expected[0]
        check(np.allclose(grad, value), f"plain torch: lesson {key} gave {grad}")
    stepped = np.array([0.8, -1.6])
    check(np.allclose(ref["sgd"], stepped), f"torch.optim.SGD step gave {ref['sgd']} not {stepped}")


# ---------------------------------------------------------------------- Qt helpers
def wait_until(predicate: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    """Process Qt events until *predicate* is true; fail naming *what* after *timeout*."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"timed out after {timeout:.0f} s waiting for {what}")
        QTest.qWait(20)


def child(window: Any, cls: Any, name: str) -> Any:
    """The window's child *name* of type *cls* (the automation contract's objectNames)."""
    found = window.findChild(cls, name)
    check(found is not None, f"the window has no {cls.__name__} named {name!r}")
    return found


def session_of(window: Any) -> Any:
    """The window's :class:`playground.ui.session_client.SessionClient`."""
    from playground.ui.session_client import SessionClient

    session = getattr(window, "session", None)
    check(isinstance(session, SessionClient), "the main window holds no SessionClient")
    return session


def wait_for_run(window: Any, source: str) -> Any:
    """Wait until the window shows a finished run of *source*, settled; returns that run."""
    session = session_of(window)
    worker = getattr(window, "worker", None)

    def finished() -> bool:
        run = session.run
        busy = worker is not None and worker.is_busy()
        return not busy and run is not None and run.source == source

    wait_until(finished, "the script to run")
    run = session.run
    settle_end = time.monotonic() + SETTLE_S
    wait_until(lambda: time.monotonic() > settle_end or session.run is not run, "settling")
    if session.run is not run:
        return wait_for_run(window, source)
    return run


def click(button: Any) -> None:
    """Click *button* with the mouse, as a user would."""
    check(button.isEnabled(), f"{button.objectName()} is disabled")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


# ---------------------------------------------------------------------- window checks
def lesson_key(path: Path) -> str:
    """``"03"`` for ``03_gradients_accumulate.py``."""
    return path.name.split("_", 1)[0]


def cut_before_backward(source: str) -> str:
    """*source* up to (not including) the first code line calling ``.backward(`` (a
    comment, such as a lesson's text or a line to uncomment, does not count)."""
    lines = source.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if ".backward(" in line and not line.lstrip().startswith("#"):
            return "".join(lines[:index])
    return source


def open_lesson(window: Any, index: int, path: Path) -> Any:
    """Open lesson *index* (1-based) through the Examples menu, wait for its run."""
    editor = child(window, QPlainTextEdit, "codeEditor")
    editor.document().setModified(False)  # as if saved: no "save changes?" question
    action = window.findChild(QAction, f"example{index}")
    source = path.read_text(encoding="utf-8")
    if action is not None:
        action.trigger()
    else:  # no Examples menu: type it in and press Run
        editor.setPlainText(source)
        click(child(window, QPushButton, "runButton"))
    check(editor.toPlainText() == source, f"{path.name}: the editor does not show the lesson")
    return wait_for_run(window, source)


def check_lesson_output(window: Any, path: Path, run: Any, expected: list[str]) -> None:
    """The lesson ran to the end and the console shows what PyTorch prints."""
    check(run.error is None, f"{path.name}: {run.error}")
    console = child(window, QPlainTextEdit, "console").toPlainText()
    for text in expected:
        check(text in console, f"{path.name}: the console lacks {text!r}; it shows:\n{console}")
    table = child(window, QTableView, "tensorTable")
    rows = table.model().rowCount() if table.model() is not None else 0
    check(rows >= 1, f"{path.name}: the tensor table is empty")


def reset_backward_options(window: Any) -> None:
    """The Backward panel's options as a new window has them (retain graph on, no zeroing
    before backward): an earlier lesson's clicks may have changed them."""
    child(window, QCheckBox, "retainGraphCheck").setChecked(True)
    child(window, QCheckBox, "zeroBeforeBackwardCheck").setChecked(False)


def drive_lesson(window: Any, path: Path) -> int:
    """Carry out every step's ``do`` (:func:`playground.ui.lesson_driver.perform_all`)
    and check that each step then ticks in the Lesson panel; returns the step count."""
    from playground.core.lesson import parse_lesson
    from playground.ui.lesson_driver import DriverError, perform_all
    from playground.ui.lesson_panel import DONE_MARK

    lesson = parse_lesson(path.read_text(encoding="utf-8"))
    check(lesson is not None and bool(lesson.steps), f"{path.name} is not a lesson with steps")
    feature = getattr(window, "features", {}).get("lesson")
    check(feature is not None, "the window has no Lesson panel")
    steps_list = child(window, QListWidget, "lessonSteps")
    check(
        steps_list.count() == len(lesson.steps),
        f"{path.name}: the Lesson panel lists {steps_list.count()} of {len(lesson.steps)} steps",
    )
    for index, step in enumerate(lesson.steps):
        what = f"{path.name}: step {index + 1} ({', '.join(step.do_text)})"
        try:
            perform_all(window, step.do)
        except DriverError as exc:
            raise SelfTestFailure(f"{what}: {exc}") from exc
        wait_until(lambda i=index: i in feature.evaluate(), f"{what} to tick", STEP_TIMEOUT_S)
        text = steps_list.item(index).text()
        check(text.startswith(DONE_MARK), f"{what}: ticked but the panel shows {text!r}")
    return len(lesson.steps)


def run_cut_lesson(window: Any, path: Path) -> Any:
    """Type the lesson without its backward calls into the editor and press Run."""
    editor = child(window, QPlainTextEdit, "codeEditor")
    source = cut_before_backward(path.read_text(encoding="utf-8"))
    editor.setPlainText(source)
    click(child(window, QPushButton, "runButton"))
    return wait_for_run(window, source)


def set_gradient(window: Any, values: Sequence[float]) -> None:
    """Type *values* (row-major) into the gradient grid."""
    grid = child(window, QTableWidget, "gradientEditor")
    cols = grid.columnCount()
    check(grid.rowCount() * cols == len(values), f"gradient grid is not {len(values)} cells")
    for i, value in enumerate(values):
        grid.item(i // cols, i % cols).setText(repr(float(value)))


def click_backward(window: Any, path: Path, plan: BackwardPlan) -> None:
    """Select the plan's root, set the options, click Backward, compare ``.grad``."""
    run_cut_lesson(window, path)
    selector = child(window, QComboBox, "rootSelector")
    selector.setCurrentText(plan.root)
    check(selector.currentText() == plan.root, f"{path.name}: no root {plan.root!r} to select")
    if plan.gradient is not None:
        set_gradient(window, plan.gradient)
    child(window, QCheckBox, "retainGraphCheck").setChecked(True)
    child(window, QCheckBox, "zeroBeforeBackwardCheck").setChecked(plan.zero_before)
    button = child(window, QPushButton, "backwardButton")
    session = session_of(window)
    for number, expected in enumerate(plan.expected, start=1):
        before = session.state
        click(button)
        wait_until(
            lambda before=before: (
                session.state is not before and session.state.tensors[plan.leaf].grad is not None
            ),
            f"{path.name}: {plan.leaf}.grad after Backward",
        )
        view = session.state.tensors[plan.leaf].grad
        got = view.values
        check(
            got is not None and got.shape == expected.shape and np.allclose(got, expected),
            f"{path.name}: after Backward click {number} {plan.leaf}.grad is {got}, "
            f"plain PyTorch gives {expected}",
        )
    child(window, QCheckBox, "zeroBeforeBackwardCheck").setChecked(False)
    if plan.check_plot:
        check_plot(window, [float(g.flatten()[0]) for g in plan.expected])


def check_plot(window: Any, first_element: list[float]) -> None:
    """The gradient plot has a curve of ``x.grad[0, 0]`` equal to *first_element*."""
    plot = child(window, QWidget, "gradPlot")
    check(hasattr(plot, "getPlotItem"), "gradPlot is not a pyqtgraph PlotWidget")
    expected = np.asarray(first_element)

    def has_curve() -> bool:
        for item in plot.getPlotItem().listDataItems():
            _x, y = item.getData()
            if y is not None and len(y) == len(expected) and np.allclose(y, expected):
                return True
        return False

    wait_until(has_curve, f"a gradPlot curve with the values {first_element}", timeout=10)


def check_graph(window: Any) -> None:
    """The autograd graph view shows items."""
    view = child(window, QGraphicsView, "graphView")
    wait_until(lambda: len(view.scene().items()) > 0, "items in the graph view", timeout=10)


def export_pngs(window: Any, folder: Path) -> list[Path]:
    """Save the window, the graph view and the plot as PNGs in *folder*; returns the files."""
    import pyqtgraph.exporters

    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "window.png", folder / "graph.png", folder / "plot.png"]
    check(window.grab().save(str(files[0])), "could not save the window as PNG")
    check(child(window, QGraphicsView, "graphView").grab().save(str(files[1])), "graph PNG")
    plot = child(window, QWidget, "gradPlot")
    pyqtgraph.exporters.ImageExporter(plot.getPlotItem()).export(str(files[2]))
    for file in files:
        image = QImage(str(file))
        check(not image.isNull() and image.width() > 10, f"{file.name}: not a readable PNG")
    return files


def check_resources() -> None:
    """Lessons and the application icon are found (from source and from the bundle)."""
    from playground.resources import example_scripts, icon_path

    count = len(example_scripts())
    check(count >= 12, f"only {count} built-in lessons found")
    icon = icon_path()
    check(icon.is_file(), f"the icon {icon} is missing")
    check(not QIcon(str(icon)).pixmap(64, 64).isNull(), f"the icon {icon} does not render")


# ---------------------------------------------------------------------- driver
def check_kernel_survives_a_crash(window: Any, log: Callable[[str], None]) -> None:
    """A script that segfaults its kernel child: one line, the text kept, the next run works."""
    editor = child(window, QPlainTextEdit, "codeEditor")
    crash = "import ctypes\nctypes.string_at(0)\n"
    editor.setPlainText(crash)
    session = session_of(window)
    before = session.run
    click(child(window, QPushButton, "runButton"))
    status = window.statusBar()
    wait_until(lambda: "SIGSEGV" in status.currentMessage(), "the crash to be reported")
    check(editor.toPlainText() == crash, "the editor lost the script after a crash")
    check(session.run is before, "a crashed run replaced the last good state")
    log(f"kernel crash: {status.currentMessage()}")


def run_window_checks(out_dir: Path, log: Callable[[str], None], ref: dict[str, Any]) -> None:
    """Everything that needs the window (a ``QApplication`` exists)."""
    import playground
    from playground.resources import example_scripts

    window = playground.main_window("")
    window.show()
    try:
        log(f"kernel: {session_of(window).kernel.sandbox_text or 'started'}")
        outputs = ref["outputs"]
        plans = backward_plans(ref)
        for index, path in enumerate(example_scripts(), start=1):
            opened = time.monotonic()
            run = open_lesson(window, index, path)
            key = lesson_key(path)
            check_lesson_output(window, path, run, outputs.get(key, []))
            reset_backward_options(window)
            steps = drive_lesson(window, path)
            if key in plans:
                click_backward(window, path, plans[key])
            seconds = time.monotonic() - opened
            log(f"{path.name}: ok ({steps} steps done, {seconds:.1f} s)")
        check_graph(window)
        log("graph view: ok")
        check_kernel_survives_a_crash(window, log)
        for file in export_pngs(window, out_dir):
            log(f"exported {file}")
    finally:
        editor = window.findChild(QPlainTextEdit, "codeEditor")
        if editor is not None:
            editor.document().setModified(False)
        window.close()


def _prepare_environment(config_dir: Path) -> None:
    """Offscreen Qt without a display; settings and recovery files in a temp folder."""
    from playground.ui.display import has_display

    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["GRADIENT_PLAYGROUND_CONFIG_DIR"] = str(config_dir / "config")
    os.environ["XDG_CONFIG_HOME"] = str(config_dir / "xdg")


def main(argv: Sequence[str] | None = None) -> int:
    """``gradient-playground --self-test [--out DIR] [--quiet]``: 0 if every check passed."""
    parser = argparse.ArgumentParser(prog="gradient-playground --self-test")
    parser.add_argument("--out", type=Path, help="keep the exported PNGs in this folder")
    parser.add_argument("--quiet", action="store_true", help="print only failures")
    args = parser.parse_args(list(argv or []))
    started = time.monotonic()

    def log(text: str) -> None:
        if not args.quiet:
            print(f"self-test: {text}", flush=True)

    with tempfile.TemporaryDirectory(prefix="gradient-playground-self-test-") as tmp:
        _prepare_environment(Path(tmp))
        try:
            ref = reference_values()
            check_plain_torch(ref)
            log("plain PyTorch (in the kernel) and torch.optim.SGD: ok")
            from playground.ui.app import make_application

            app = make_application([sys.argv[0] if sys.argv else "gradient-playground"])
            log(f"Qt platform: {app.platformName()}")
            check_resources()
            run_window_checks(args.out or Path(tmp) / "png", log, ref)
        except SelfTestFailure as failure:
            print(f"self-test FAILED: {failure}", file=sys.stderr, flush=True)
            return 1
        except Exception:  # an unexpected error is a failure too, with its traceback
            print("self-test FAILED with an exception:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            return 1
    log(f"all checks passed in {time.monotonic() - started:.1f} s")
    return 0
