"""The Lesson dock: a lesson's text cells beside the code, and its steps ticking themselves.

:class:`LessonPanel` is the view (a ``QTextBrowser`` rendering the text cells with Qt's
Markdown, the steps list, the language switch, the progress); :class:`LessonFeature`
reads the editor's script as a lesson (:mod:`playground.core.lesson`, debounced while
typing), shows the dock for lessons, and re-evaluates every step's check
(:mod:`playground.core.lesson_checks`) after each run, Backward, Zero grad, Run ×N and
step-through move. A ticked step stays ticked until another script is loaded.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playground.core.cells import first_code_cell
from playground.core.lesson import Lesson, LessonError, lesson_language, parse_lesson
from playground.core.lesson_checks import CheckContext
from playground.ui import i18n

#: The language switch: (lesson language, its name in that language).
LANGUAGE_CHOICES = (("en", "English"), ("zh_CN", "中文"))
#: Delay after the last keystroke before the script is read as a lesson again.
PARSE_DEBOUNCE_MS = 300
#: Item data role holding a step's state: ``"done"``, ``"current"`` or ``"todo"``.
STATE_ROLE = int(Qt.ItemDataRole.UserRole)
DONE_MARK, TODO_MARK, CURRENT_MARK = "✓", "○", "▶"
_CURRENT_BACKGROUND = QColor("#fff1c2")
_DONE_FOREGROUND = QColor("#2e7d32")
_MARKDOWN_MARKS = re.compile(r"\*\*|__|`")
_HEADING = re.compile(r"^(#{1,4}) ")


def interface_language() -> str:
    """The lesson language of the interface (English unless a Chinese translation is
    installed)."""
    current = getattr(i18n, "current_language", None)
    if current is not None:
        return lesson_language(current())
    translator = i18n.installed_translator()
    return lesson_language(translator.language() if translator is not None else None)


def dock_markdown(markdown: str) -> str:
    """Headings two levels down (``#`` reads as ``###``): a narrow dock, not a page.
    Lines in fenced code blocks are left alone."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            line = _HEADING.sub(lambda m: "#" * (len(m.group(1)) + 2) + " ", line)
        lines.append(line)
    return "\n".join(lines)


def plain_step_text(markdown: str) -> str:
    """A step's Markdown as list text: ``**Backward**`` and `` `x.grad` `` lose their marks."""
    return _MARKDOWN_MARKS.sub("", markdown).strip()


class LessonPanel(QWidget):
    """See the module docstring: the view, fed by :class:`LessonFeature`."""

    #: The learner switched the lesson's language (``"en"``, ``"zh_CN"``).
    languageChanged = Signal(str)

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.lesson: Lesson | None = None
        self.error = ""
        self.done: set[int] = set()
        self.title = QLabel(objectName="lessonTitle")
        self.title.setWordWrap(True)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.language_box = QComboBox(objectName="lessonLanguage")
        for code, name in LANGUAGE_CHOICES:
            self.language_box.addItem(name, code)
        self.language_box.setToolTip(self.tr("The lesson's language (the interface keeps its own)"))
        self.progress = QLabel(objectName="lessonProgress")
        self.text = QTextBrowser(objectName="lessonText")
        self.text.setOpenExternalLinks(True)
        self.steps = QListWidget(objectName="lessonSteps")
        self.steps.setWordWrap(True)
        self.steps.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.steps.setToolTip(self.tr("Each step ticks itself when the window's state gets there"))
        self._layout()
        self.set_language(language)
        self.language_box.currentIndexChanged.connect(self._on_language_changed)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.language_box)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.text)
        split.addWidget(self.steps)
        for part in (self.text, self.steps):  # two lines each: the compact window's
            part.setMinimumHeight(2 * part.fontMetrics().lineSpacing() + 8)  # Console tabs
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.title)
        box.addLayout(top)
        box.addWidget(split, 1)

    # ------------------------------------------------------------------ state
    def language(self) -> str:
        """The lesson language shown (``"en"``, ``"zh_CN"``)."""
        return str(self.language_box.currentData())

    def set_language(self, code: str) -> None:
        """Show the lesson in ``code`` (the switch follows)."""
        index = self.language_box.findData(lesson_language(code))
        self.language_box.setCurrentIndex(max(index, 0))
        self.render()

    def set_lesson(self, lesson: Lesson | None, error: str = "") -> None:
        """Show ``lesson`` (``None``: nothing, or ``error`` when its metadata is wrong)."""
        self.lesson, self.error = lesson, error
        self.render()

    def set_done(self, done: set[int]) -> None:
        """Tick the steps in ``done`` (indexes); the first step not done is the current one."""
        self.done = set(done)
        self._render_steps()

    def current_step(self) -> int | None:
        """Index of the first step not done, or ``None`` when all are (or there are none)."""
        steps = self.lesson.steps if self.lesson is not None else ()
        return next((i for i in range(len(steps)) if i not in self.done), None)

    def step_state(self, index: int) -> str:
        """``"done"``, ``"current"`` or ``"todo"`` as the steps list shows step ``index``."""
        return str(self.steps.item(index).data(STATE_ROLE))

    # ------------------------------------------------------------------ drawing
    def _on_language_changed(self, _index: int) -> None:
        self.render()
        self.languageChanged.emit(self.language())

    def render(self) -> None:
        """Redraw the title, the text cells and the steps in the chosen language."""
        lesson, language = self.lesson, self.language()
        if lesson is None:
            self.title.setText(self.tr("Not a lesson") if not self.error else self.tr("Lesson"))
            self.text.setPlainText(self.error)
        else:
            self.title.setText(lesson.title_in(language))
            self.text.setMarkdown(dock_markdown(lesson.text_in(language)))
        self._render_steps()

    def _render_steps(self) -> None:
        self.steps.clear()
        lesson = self.lesson
        steps = lesson.steps if lesson is not None else ()
        current = self.current_step()
        for index, step in enumerate(steps):
            state = "done" if index in self.done else "current" if index == current else "todo"
            mark = {"done": DONE_MARK, "current": CURRENT_MARK, "todo": TODO_MARK}[state]
            text = plain_step_text(step.text_in(self.language()))
            item = QListWidgetItem(f"{mark} {index + 1}. {text}")
            item.setData(STATE_ROLE, state)
            item.setToolTip(step.text_in(self.language()))
            if state == "current":
                item.setBackground(QBrush(_CURRENT_BACKGROUND))
                font = QFont(self.steps.font())
                font.setBold(True)
                item.setFont(font)
            elif state == "done":
                item.setForeground(QBrush(_DONE_FOREGROUND))
            self.steps.addItem(item)
        total = len(steps)
        self.progress.setText(
            self.tr("Steps done: {done}/{total}").format(done=len(self.done), total=total)
            if total
            else ""
        )


#: A provider's signals that mean "what the checks read has changed".
PROVIDER_SIGNALS = ("changed", "positionChanged", "shown")


class LessonFeature(QObject):
    """Reads the script as a lesson, keeps the dock and the ticks up to date (see the
    module docstring). ``install(window)`` returns it."""

    #: Step ``index`` just ticked.
    stepDone = Signal(int)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = LessonPanel(interface_language())
        self.dock = window.add_feature_dock(self.tr("Lesson"), "lessonDock", self.panel, "left")
        window.docks_kept_in_front.append(self.dock)
        self.lesson: Lesson | None = None
        self.done: set[int] = set()
        #: The last finished run (also one that did not replace the state) and the last
        #: click's error: what ``error(...)``, ``output(...)`` and ``ran`` read.
        self.last_run: Any = None
        self.action_error: str | None = None
        self._seen_run: Any = None
        #: A new script is loaded and has not run yet: the state is the old script's.
        self._awaiting_run = False
        #: Whether the script was a lesson when the dock was last shown or hidden for it.
        self._was_lesson: bool | None = None
        #: The script was just loaded (New, Open, an example): not typed.
        self._fresh = False
        self._parse_timer = QTimer(self, singleShot=True, interval=PARSE_DEBOUNCE_MS)
        self._parse_timer.timeout.connect(self.reparse)
        self._eval_timer = QTimer(self, singleShot=True, interval=0)
        self._eval_timer.timeout.connect(self.evaluate)
        self._providers: set[int] = set()
        self.dock.hide()  # until the script is read: shown for lessons only
        self._was_lesson = False
        self._connect()

    def script_set(self) -> None:
        """The window's first script is in the editor: read it now (the dock shows before
        the window's first paint, not after the debounce)."""
        self._parse_timer.stop()
        self.reparse()

    def _connect(self) -> None:
        window = self.window
        window.editor.textChanged.connect(self._parse_timer.start)
        window.files.scriptReplaced.connect(self._on_script_replaced)
        window.worker.runFinished.connect(self._on_run_finished)
        window.session.stateChanged.connect(self._on_state_changed)
        window.session.actionDone.connect(self._on_action_done)
        window.backward_panel.gradientInvalid.connect(self._on_click_error)
        window.backward_panel.root_selector.currentTextChanged.connect(self.schedule)
        window.graph_panel.slider.valueChanged.connect(self.schedule)
        window.repeat_runner.repeatFinished.connect(self.schedule)

    # ------------------------------------------------------------------ the script
    def _on_script_replaced(self) -> None:
        self._fresh = True
        self.done = set()
        self._awaiting_run = True
        self._was_lesson = None
        self.action_error = None
        self._parse_timer.start()

    def reparse(self) -> None:
        """Read the editor's script as a lesson now; show or hide the dock when the script
        became a lesson or stopped being one."""
        self._parse_timer.stop()
        error = ""
        try:
            lesson = parse_lesson(self.window.editor.toPlainText())
        except LessonError as exc:
            lesson, error = None, str(exc)
        old = self.lesson
        if lesson is None or old is None or len(lesson.steps) != len(old.steps):
            self.done = set()
        self.lesson = lesson
        self.panel.set_lesson(lesson, error)
        self.panel.set_done(self.done)
        self._show_for(lesson is not None or bool(error))
        if self._fresh and lesson is not None:
            self._scroll_to_code()
        self._fresh = False
        self.schedule()

    def _scroll_to_code(self) -> None:
        """A newly opened lesson shows its code, not its YAML header, at the top."""
        first = first_code_cell(self.window.editor.toPlainText())
        if first is not None:
            # A QPlainTextEdit scrolls by blocks: the value is the first line shown.
            self.window.editor.verticalScrollBar().setValue(first.start - 1)

    def _show_for(self, is_lesson: bool) -> None:
        if is_lesson == self._was_lesson:
            return  # the learner's own open/close stands while the kind does not change
        self._was_lesson = is_lesson
        self.dock.setVisible(is_lesson)
        if is_lesson:
            self.dock.raise_()

    # ------------------------------------------------------------------ what happened
    def _on_run_finished(self, outcome: Any) -> None:
        if outcome.run is not None:
            self.last_run = outcome.run
            self.action_error = None
        self._awaiting_run = False
        self.schedule()

    def _on_state_changed(self, _state: Any) -> None:
        run = self.window.session.run
        if run is not None and run is not self._seen_run:
            self._seen_run = run
            self.last_run = run
            if run.source == self.window.editor.toPlainText():
                self._awaiting_run = False
        self.schedule()

    def _on_action_done(self, op: str, outcome: Any) -> None:
        if op in ("backward", "zero_grad", "repeat"):
            error = outcome.error
            self.action_error = error.message if error is not None else None
        self.schedule()

    def _on_click_error(self, message: str) -> None:
        self.action_error = message
        self.schedule()

    # ------------------------------------------------------------------ checks
    def schedule(self, *_args: Any) -> None:
        """Re-evaluate the checks once the window has finished handling this event."""
        self._eval_timer.start()

    def provider(self, name: str, method: str) -> Any:
        """The installed feature ``name`` if it offers ``method`` (else ``None``); its
        change signal (``changed``, the timeline's ``positionChanged``, the Jacobian's
        ``shown``), if any, re-evaluates the checks."""
        feature = self.window.features.get(name)
        if feature is None or not callable(getattr(feature, method, None)):
            return None
        if id(feature) not in self._providers:
            self._providers.add(id(feature))
            for signal_name in PROVIDER_SIGNALS:
                signal = getattr(feature, signal_name, None)
                if signal is not None:
                    signal.connect(self.schedule)
        return feature

    def context(self) -> CheckContext:
        """What the checks read now."""
        window = self.window
        graph = window.graph_panel
        has_steps = graph.trace is not None and bool(graph.trace.steps)
        return CheckContext(
            state=window.session.state,
            run=self.last_run if self.last_run is not None else window.session.run,
            action_error=self.action_error,
            root=window.backward_panel.current_root(),
            step=graph.slider.value() + 1 if has_steps else 0,
            jacobian=self.provider("jacobian", "shown_leaf"),
            timeline=self.provider("timeline", "position"),
        )

    def evaluate(self) -> set[int]:
        """Tick every step whose check holds now (a ticked step stays ticked); returns the
        steps done."""
        self._eval_timer.stop()
        if self._parse_timer.isActive():
            self.reparse()
        lesson = self.lesson
        if lesson is None or self._awaiting_run or self.window.session.state is None:
            return self.done
        context = self.context()
        newly = [
            i for i, step in enumerate(lesson.steps) if i not in self.done and step.check(context)
        ]
        if newly:
            self.done.update(newly)
            self.panel.set_done(self.done)
            for index in newly:
                self.stepDone.emit(index)
        return self.done

    def is_done(self, index: int) -> bool:
        """Whether step ``index`` is ticked."""
        return index in self.done


def install(window: Any) -> LessonFeature:
    """Add the Lesson dock (beside the editor) and keep it following the script."""
    return LessonFeature(window)
