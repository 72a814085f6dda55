"""Every lesson can be completed by clicking, in English and in Chinese: each lesson in
resources/examples (discovered, so new ones are covered) is opened through its Examples
action, each step's ``do`` is carried out through the automation contract, and the step
ticks in the Lesson panel then, and not before (where its check was false at the start).
The drills in tests/ui/lessons exercise every action the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QListWidget

from playground.core.lesson import parse_lesson
from playground.resources import example_scripts
from playground.ui.lesson_driver import perform_all
from playground.ui.lesson_panel import DONE_MARK, plain_step_text

DRILLS = sorted((Path(__file__).parent / "lessons").glob("*.py"))
LESSONS = example_scripts() + DRILLS
#: The ``do``/``check`` words that need another feature's panel, and its features key.
PROVIDERS = {"jacobian": "jacobian", "timeline": "timeline"}


def open_lesson(window, qtbot, path: Path) -> str:
    """Open ``path`` as the learner does (its Examples action; a drill through the same
    ``open_example``) and wait until its first run is shown; returns its text."""
    action = next((a for a in window.examples_menu.actions() if path.name in a.statusTip()), None)
    if path.parent.resolve() == example_scripts()[0].parent.resolve():
        assert action is not None, f"{path.name} is not in the Examples menu"
        action.trigger()
    else:
        window.open_example(path)
    text = path.read_text(encoding="utf-8")
    qtbot.waitUntil(
        lambda: (
            window.session.run is not None
            and window.session.run.source == text
            and not window.worker.is_busy()
        ),
        timeout=60_000,
    )
    return text


def _missing_provider(window, lesson, index: int) -> str | None:
    for verb, feature in PROVIDERS.items():
        if index in lesson.needs(verb) and window.features.get(feature) is None:
            return f"step {index + 1} needs the {feature} panel, which is not installed"
    return None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_completes_by_clicking(open_window, qtbot, path, language):
    lesson = parse_lesson(path.read_text(encoding="utf-8"))
    assert lesson is not None and lesson.steps, f"{path.name} is not a lesson with steps"
    window = open_window("")
    window.resize(1280, 800)
    open_lesson(window, qtbot, path)
    feature = window.features["lesson"]
    assert feature.dock.isVisible()
    box = window.findChild(QComboBox, "lessonLanguage")
    box.setCurrentIndex(box.findData(language))
    steps_list = window.findChild(QListWidget, "lessonSteps")
    assert steps_list.count() == len(lesson.steps)
    for i, step in enumerate(lesson.steps):
        assert plain_step_text(step.text_in(language)) in steps_list.item(i).text()
    feature.evaluate()
    false_at_start = {i for i, s in enumerate(lesson.steps) if not s.check(feature.context())}
    for i, step in enumerate(lesson.steps):
        reason = _missing_provider(window, lesson, i)
        if reason is not None:
            pytest.skip(f"{path.name}: {reason}")
        if i in false_at_start:
            feature.evaluate()
            assert not feature.is_done(i), f"step {i + 1} ticked before its actions {step.do_text}"
        perform_all(window, step.do)
        qtbot.waitUntil(lambda i=i: i in feature.evaluate(), timeout=10_000)
        assert steps_list.item(i).text().startswith(DONE_MARK)
    assert feature.done == set(range(len(lesson.steps)))
