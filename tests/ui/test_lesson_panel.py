"""The Lesson dock: shown for lessons, hidden for plain scripts, text in the chosen language,
steps ticking; the lesson's root and gradient on the first click; the Examples menu."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QDockWidget, QListWidget, QTextBrowser

from playground.core.lesson import header_title, parse_lesson
from playground.resources import example_scripts
from playground.ui.lesson_driver import DriverError, perform
from playground.ui.lesson_panel import (
    CURRENT_MARK,
    DONE_MARK,
    PARSE_DEBOUNCE_MS,
    TODO_MARK,
    LessonPanel,
    plain_step_text,
)
from tests.conftest import LESSON3
from tests.ui.test_lessons_complete import open_lesson

LESSONS = Path(__file__).parent / "lessons"
ACCUMULATE = LESSONS / "accumulate_drill.py"
NONSCALAR = LESSONS / "nonscalar_drill.py"


@pytest.fixture
def window(open_window):
    w = open_window(LESSON3)
    w.resize(1280, 800)
    return w


def _dock(window) -> QDockWidget:
    return window.findChild(QDockWidget, "lessonDock")


def test_the_dock_follows_the_script(window, qtbot):
    dock = _dock(window)
    qtbot.waitUntil(lambda: not dock.isVisible(), timeout=5000)  # a plain script
    open_lesson(window, qtbot, ACCUMULATE)
    assert dock.isVisible()
    assert dock.windowTitle() == "Lesson"
    window.editor.setPlainText(LESSON3)  # typed or pasted: read again after a pause
    qtbot.waitUntil(lambda: not dock.isVisible(), timeout=5000)
    dock.toggleViewAction().trigger()  # the learner opens it for a plain script
    window.editor.appendPlainText("y = 1")
    qtbot.wait(PARSE_DEBOUNCE_MS * 2)
    assert dock.isVisible()
    window.editor.setPlainText(ACCUMULATE.read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: window.features["lesson"].lesson is not None, timeout=5000)
    assert dock.isVisible()


def test_text_and_steps_in_the_interface_language_then_switched(window, qtbot):
    open_lesson(window, qtbot, ACCUMULATE)
    lesson = parse_lesson(ACCUMULATE.read_text(encoding="utf-8"))
    text = window.findChild(QTextBrowser, "lessonText")
    steps = window.findChild(QListWidget, "lessonSteps")
    box = window.findChild(QComboBox, "lessonLanguage")
    assert box.currentData() == "en"  # the tests' interface is English
    assert [box.itemText(i) for i in range(box.count())] == ["English", "中文"]
    assert "∂out/∂x = 3(x+2)/2 = 4.5" in text.toPlainText()
    assert "Gradients accumulate" in text.toPlainText() and "梯度" not in text.toPlainText()
    assert "s = x.sum()" in text.toPlainText()  # a cell without a language: in both
    assert steps.item(0).text() == f"{CURRENT_MARK} 1. Click Backward; x.grad is 4.5."
    box.setCurrentIndex(box.findData("zh_CN"))
    assert "梯度会累加" in text.toPlainText() and "s = x.sum()" in text.toPlainText()
    assert (
        steps.item(1).text() == f"{TODO_MARK} 2. {plain_step_text(lesson.steps[1].text['zh_CN'])}"
    )
    title = window.findChild(QDockWidget, "lessonDock").findChild(type(steps.parent()), None)
    assert title is not None
    assert window.features["lesson"].panel.title.text() == lesson.title["zh_CN"]


def test_steps_tick_stay_ticked_and_the_next_is_current(window, qtbot):
    open_lesson(window, qtbot, ACCUMULATE)
    feature = window.features["lesson"]
    panel = feature.panel
    feature.evaluate()
    assert feature.done == set() and panel.step_state(0) == "current"
    assert panel.progress.text() == f"Steps done: 0/{len(feature.lesson.steps)}"
    perform(window, "backward")
    qtbot.waitUntil(lambda: 0 in feature.evaluate(), timeout=5000)
    x = torch.ones(2, 2, requires_grad=True)
    ((x + 2) * (x + 2) * 3).mean().backward()
    assert window.session.state.tensors["x"].grad.values.tolist() == x.grad.tolist()
    assert panel.steps.item(0).text().startswith(DONE_MARK)
    assert panel.step_state(0) == "done" and panel.step_state(1) == "current"
    assert panel.steps.item(1).font().bold()
    perform(window, "zero_grad")  # grad(x) is 0 now: step 1's check is false, it stays ticked
    feature.evaluate()
    assert feature.is_done(0) and feature.is_done(2) and not feature.is_done(1)
    assert panel.step_state(1) == "current"
    assert panel.progress.text() == f"Steps done: 2/{len(feature.lesson.steps)}"
    window.open_example(NONSCALAR)  # another lesson starts afresh
    qtbot.waitUntil(lambda: feature.lesson is not None and "z" in feature.lesson.root)
    assert feature.done == set()


def test_the_lessons_root_is_the_default_on_the_first_click(window, qtbot):
    """The drill's last scalar is ``s``; its root is ``out``: Backward gives 4.5."""
    open_lesson(window, qtbot, ACCUMULATE)
    assert window.session.state.default_root == "s"
    assert window.backward_panel.current_root() == "out"
    perform(window, "root s")
    perform(window, "run")  # the learner's choice is kept across runs of the same lesson
    assert window.backward_panel.current_root() == "s"


def test_the_grid_holds_the_lessons_gradient(window, qtbot):
    open_lesson(window, qtbot, NONSCALAR)
    w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
    assert window.backward_panel.current_root() == "z"
    assert window.backward_panel.gradient().tolist() == w.tolist()
    perform(window, "backward")
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    (x * x + 2).view(2, 2).backward(w)
    assert window.session.state.tensors["x"].grad.values.tolist() == x.grad.tolist()
    perform(window, "grid 1 1 1 1")
    perform(window, "run")  # the learner's own grid is kept
    assert window.backward_panel.gradient().tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_examples_menu_titles_come_from_the_lessons(window):
    actions = window.examples_menu.actions()
    scripts = example_scripts()
    assert len(actions) == len(scripts)
    for index, (action, path) in enumerate(zip(actions, scripts, strict=True), start=1):
        assert action.objectName() == f"example{index}"
        title = header_title(path.read_text(encoding="utf-8"), "en")
        number = int(path.stem.split("_")[0])
        assert action.text() == (f"{number}. {title}" if title else action.text())
        if index <= 6:
            assert action.shortcut() == QKeySequence(f"Ctrl+{index}")
    used = [k.toString() for a in window.actions_by_name.values() for k in a.shortcuts()]
    assert len(used) == len(set(used)), "two actions share a shortcut"


def test_console_after_backward_keeps_the_lesson_in_front(window, qtbot):
    """In the compact arrangement the Lesson is a tab beside the Console."""
    window.resize(900, 700)
    window.show()
    qtbot.waitUntil(lambda: window.compact, timeout=5000)
    open_lesson(window, qtbot, ACCUMULATE)
    dock = _dock(window)
    assert dock in window.tabifiedDockWidgets(window.console_dock)
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=5000)
    perform(window, "backward")
    assert not dock.visibleRegion().isEmpty()
    assert not window.show_console_tab()


def test_the_driver_says_what_it_cannot_do(window, qtbot):
    open_lesson(window, qtbot, NONSCALAR)
    with pytest.raises(DriverError, match="line 49: it is not commented"):
        perform(window, "uncomment 49")
    with pytest.raises(DriverError, match="'nope' is not offered as a root"):
        perform(window, "root nope")
    with pytest.raises(DriverError, match="not 3"):
        perform(window, "grid 1 2 3")
    with pytest.raises(DriverError, match="the step-through has steps"):
        perform(window, "step 99")
    for action, feature in (("jacobian x", "jacobian"), ("timeline 2", "timeline")):
        if window.features.get(feature) is None:
            with pytest.raises(DriverError, match=f"the {feature} panel is not installed"):
                perform(window, action)


def test_a_lesson_with_a_mistake_says_so_in_the_panel(window, qtbot):
    text = ACCUMULATE.read_text(encoding="utf-8").replace(
        "check: grad(x) == 4.5", "check: grad(x) == 'a'"
    )
    window.editor.setPlainText(text)
    feature = window.features["lesson"]
    qtbot.waitUntil(lambda: feature.panel.error != "", timeout=5000)
    assert _dock(window).isVisible()
    shown = window.findChild(QTextBrowser, "lessonText").toPlainText()
    assert "step 1" in shown and "grad(x) == 'a'" in shown


def test_the_panel_alone_renders_markdown(qtbot):
    panel = LessonPanel("zh_CN")
    qtbot.addWidget(panel)
    lesson = parse_lesson(NONSCALAR.read_text(encoding="utf-8"))
    panel.set_lesson(lesson)
    assert panel.language() == "zh_CN"
    assert panel.text.toPlainText() == "z.backward(w) 计算 wᵀJ。"  # `code` rendered, no marks
    panel.set_done({0, 1})
    assert [panel.step_state(i) for i in range(3)] == ["done", "done", "current"]
    assert panel.steps.item(0).data(Qt.ItemDataRole.ToolTipRole) == lesson.steps[0].text["zh_CN"]


def test_moving_the_timeline_ticks_its_step_by_itself(window, qtbot):
    """The timeline's own signal re-checks the steps: nothing else is clicked."""
    open_lesson(window, qtbot, LESSONS / "timeline_drill.py")
    feature = window.features["lesson"]
    timeline = window.features["timeline"]
    qtbot.waitUntil(lambda: timeline.count() == 5, timeout=10_000)  # 5 statements ran
    feature.evaluate()  # the provider is looked up (and its signal connected) here
    assert not feature.is_done(0)
    timeline.set_position(3)
    qtbot.waitUntil(lambda: feature.is_done(0), timeout=5000)
    assert timeline.position() == 3
