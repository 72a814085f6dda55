"""The Chinese interface (issue 12, part 5): with zh_CN installed, no visible text of the
window is made only of English words.

The test drives the window as a learner does (run a lesson, Backward twice, select a
tensor, raise every dock, open every menu, the forms and dialogs, an error in the
console) and collects every text on screen. A text fails when it has no Chinese and at
least one English word of three or more letters that is not code kept on purpose
(``grad_fn``, ``requires_grad``, ``Backward``), a tensor name of the script, a PyTorch
name (``MulBackward0``), a file name or a product name. PyTorch's own words (printed
output, its error and warning messages) are not the window's and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from playground.core.explain import EXPLANATIONS
from playground.resources import example_scripts
from playground.ui import explanations, i18n
from playground.ui.console import ERROR_MARK, WARNING_MARK
from playground.ui.main_window import MainWindow
from tests.conftest import LESSON3
from tests.notebook_sample import CELLS as CELLS_OF_NOTEBOOK
from tests.notebook_sample import build_notebook

#: The lesson the window runs: the seed's gradient example, printing its output.
SCRIPT = LESSON3 + "print(out)\n"
#: A run that warns (``.grad`` of a non-leaf) and fails (backward of a non-scalar).
FAILING = LESSON3 + "print(y.grad)\nz.backward()\n"
#: Words kept in English on purpose: code, PyTorch's and products' names.
ALLOWED = {
    "grad_fn",
    "requires_grad",
    "is_leaf",
    "backward",
    "Backward",
    "retain_graph",
    "no_grad",
    "torch",
    "grad",
    "PyTorch",
    "Python",
    "Gradient",
    "Playground",
    "SVG",
    "PNG",
    "CSV",
    "Ctrl",
    "Shift",
    "Alt",
    "AccumulateGrad",
    "None",
    "True",
    "False",
    "tensor",
    "float32",
    "float64",
    "int64",
    "dtype",
    "shape",
    # torch factories the Add tensor form offers by their names (torch.ones, ...)
    "ones",
    "zeros",
    "rand",
    "randn",
    "full",
    # a language's own name in the language menus
    "English",
}
#: A word: letters (and underscores, digits after the first letter).
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
#: Names PyTorch gives graph nodes (``MulBackward0``, ``AddBackward0``).
TORCH_NODE = re.compile(r"\w+Backward\d*$")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
#: PyTorch's (or Python's) own error or warning text: ``RuntimeError: ...``.
PYTORCH_MESSAGE = re.compile(r"^\w+(Error|Warning|Exception): ")
#: Widgets whose text the kernel writes in English, with no key the window could
#: translate yet (reported; the test names them instead of failing on them).
NOT_YET_TRANSLATED: dict[str, str] = {}
#: A small model: the graph's module-group boxes and the gradient-flow dock.
MODEL = (
    "import torch\n"
    "torch.manual_seed(0)\n"
    "model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))\n"
    "inputs = torch.ones(2, 3)\n"
    "loss = model(inputs).sum()\n"
)
#: Two cells: Run cell says which ran in the status bar.
CELLS = "import torch\n# %%\nx = torch.ones(2, requires_grad=True)\n# %%\ny = x * 2\n"
#: A crash of the process running the script (a null pointer read), and a hang.
CRASH = "import ctypes\nctypes.string_at(0)\n"
HANG = "while True:\n    pass\n"
#: A crash inside a clicked Backward (a custom Function's backward reads a null pointer).
BACKWARD_CRASH = (
    "import ctypes\nimport torch\n\n\nclass Boom(torch.autograd.Function):\n"
    "    @staticmethod\n    def forward(ctx, x):\n        return x * 2\n\n"
    "    @staticmethod\n    def backward(ctx, grad):\n        ctypes.string_at(0)\n"
    "        return grad\n\n\nx = torch.ones(2, requires_grad=True)\n"
    "out = Boom.apply(x).sum()\n"
)
#: The notebook's cells as the window shows them (a percent script).
NOTEBOOK = "".join(source + "\n" for kind, source in CELLS_OF_NOTEBOOK if kind == "code")
#: A file from disk (untrusted: restricted mode) taking an optimizer's step, which the
#: restricted checker refuses with its way forward.
REFUSED = "import torch\nw = torch.ones(2, requires_grad=True)\noptimizer.step()\n"


@dataclass(frozen=True)
class Seen:
    """One text on screen and where it was."""

    where: str
    text: str


def _names(script: str) -> set[str]:
    """The names the script assigns (tensor names stay as written)."""
    return set(re.findall(r"^(\w+)\s*=", script, re.M))


def _code_token(token: str) -> bool:
    """A token that is code or a file name (``x.grad``, ``z.backward(w)``, ``f.py``)."""
    return bool(re.search(r"[._()\[\]=<>/*@]|^\w+\d$", token))


def english_words(text: str, names: Iterable[str]) -> list[str]:
    """The English words of *text* that make it untranslated (empty: it is fine)."""
    text = text.replace("&", "")
    if not text.strip() or CJK.search(text):
        return []
    allowed = ALLOWED | set(names)
    words = []
    for token in text.split():
        if _code_token(token):
            continue
        for word in WORD.findall(token):
            if len(word) >= 3 and word not in allowed and not TORCH_NODE.match(word):
                words.append(word)
    return words


# --------------------------------------------------------------------------- collecting
def _widget_texts(root: QWidget, where: str) -> list[Seen]:
    """The visible texts of *root* and its visible children."""
    seen = [Seen(f"{where}: window title", root.windowTitle())] if root.isWindow() else []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{where}: {type(widget).__name__} {widget.objectName()!r}"
        tip = _plain(widget.toolTip())
        if tip and not PYTORCH_MESSAGE.match(tip):  # a tooltip may hold PyTorch's error
            seen.append(Seen(f"{name} tooltip", tip))
        if widget.objectName() in NOT_YET_TRANSLATED:
            continue
        if isinstance(widget, QLabel):
            seen.append(Seen(name, _plain(widget.text())))
        elif isinstance(widget, QAbstractButton):
            seen.append(Seen(name, widget.text()))
        elif isinstance(widget, QGroupBox):
            seen.append(Seen(name, widget.title()))
        elif isinstance(widget, QLineEdit):
            seen.append(Seen(f"{name} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            seen += [Seen(f"{name} item", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            seen += [Seen(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QDockWidget):
            seen.append(Seen(f"{name} title", widget.windowTitle()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            seen += _item_view_texts(widget, name)
        elif isinstance(widget, QPlainTextEdit) and not widget.toPlainText():
            seen.append(Seen(f"{name} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTextEdit) and widget.objectName() != "helpText":
            seen += [Seen(name, line) for line in widget.toPlainText().splitlines()]
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            seen += _scene_texts(widget, name)
    return seen


def _plain(text: str) -> str:
    """Rich text without its tags and entities."""
    return re.sub(r"&\w+;", " ", re.sub(r"<[^>]+>", " ", text))


def _item_view_texts(view: QAbstractItemView, where: str) -> list[Seen]:
    """A table's visible header texts (its cells are values); a list's item texts."""
    model = view.model()
    if isinstance(view, QListWidget):
        return [Seen(f"{where} item", view.item(i).text()) for i in range(view.count())]
    if not isinstance(view, QTableView):
        return []
    seen = []
    for orientation, header in (
        (Qt.Orientation.Horizontal, view.horizontalHeader()),
        (Qt.Orientation.Vertical, view.verticalHeader()),
    ):
        if header.isHidden():
            continue
        for section in range(header.count()):
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                seen.append(Seen(f"{where} header", value))
    return seen


def _scene_texts(view: QGraphicsView, where: str) -> list[Seen]:
    """Texts drawn in a graphics scene: text items, graph nodes and edge labels, plot axes
    and legend entries."""
    seen = []
    for item in view.scene().items():
        if not item.isVisible():
            continue
        if isinstance(item, QGraphicsTextItem):
            seen.append(Seen(f"{where} text item", item.toPlainText()))
        elif isinstance(item, QGraphicsSimpleTextItem):
            seen.append(Seen(f"{where} text item", item.text()))
        elif isinstance(item, pg.AxisItem) and item.label.isVisible():
            seen.append(Seen(f"{where} axis", item.label.toPlainText()))
        elif hasattr(item, "lines") and isinstance(item.lines, list):  # graph node
            seen += [Seen(f"{where} node", line) for line in item.lines]
        elif isinstance(getattr(item, "text", None), str):  # edge label
            seen.append(Seen(f"{where} edge label", item.text))
    return seen


def _menu_texts(menu: QMenu, where: str) -> list[Seen]:
    menu.aboutToShow.emit()  # menus filled when shown (recent files)
    seen = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        seen.append(Seen(f"{where} > {action.text()!r}", action.text()))
        if action.toolTip():
            seen.append(Seen(f"{where} > {action.text()!r} tip", action.toolTip()))
        if action.menu() is not None:
            seen += _menu_texts(action.menu(), f"{where} > {action.text()}")
    return seen


def _console_texts(window: MainWindow) -> list[Seen]:
    """The console's own words: its notes, info lines and prefixes, not PyTorch's."""
    seen = []
    for line in window.console.toPlainText().splitlines():
        if line.startswith(ERROR_MARK):  # "✖ Backward failed: 3:0: RuntimeError: ..."
            prefix = re.split(r"\d+:\d+: \w+:|\w+(Error|Exception): ", line[len(ERROR_MARK) :])[0]
            seen.append(Seen("console error prefix", prefix))
        elif line.startswith(WARNING_MARK):  # "⚠ line 4: ...UserWarning: ..."
            seen.append(Seen("console warning prefix", line[len(WARNING_MARK) :].split(":")[0]))
        elif line.startswith(("»", "Traceback")):
            seen.append(Seen("console", line.lstrip("» ")))
    block = window.console.document().begin()
    while block.isValid():  # the explanations: the console's italic notes
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().fontItalic():
                seen.append(Seen("console explanation", fragment.text()))
            fragments += 1
        block = block.next()
    return seen


def _modal_texts(trigger: Callable[[], object], where: str) -> list[Seen]:
    """Texts of the modal dialog *trigger* opens; the dialog is then cancelled."""
    seen: list[Seen] = []

    def grab() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, grab)
            return
        seen.extend(_widget_texts(dialog, where))
        if isinstance(dialog, QMessageBox) and dialog.escapeButton() is not None:
            dialog.escapeButton().click()
        else:
            dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, grab)
    trigger()
    assert seen, f"{where}: no dialog opened"
    return seen


def _window_texts(window: MainWindow, where: str) -> list[Seen]:
    seen = _widget_texts(window, where)
    seen.append(Seen(f"{where}: status bar", window.statusBar().currentMessage()))
    return seen + _console_texts(window)


def _offending(seen: Iterable[Seen], names: set[str]) -> list[str]:
    found = {}
    for item in seen:
        words = english_words(item.text, names)
        if words:
            found.setdefault(item.text, f"{item.where}: {item.text!r} ({', '.join(words)})")
    return sorted(found.values())


# --------------------------------------------------------------------------- fixtures
@pytest.fixture
def zh_cn(qapp):
    """The zh_CN translators (ours and Qt's) installed for one test, removed afterwards."""
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    assert i18n.remove_translator(qapp)


@pytest.fixture
def zh_window(zh_cn, qtbot):
    """The window in Chinese at 1280×800 with the lesson run."""
    window = MainWindow(SCRIPT, remember_layout=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.worker.shutdown()


def _click_backward(window: MainWindow, qtbot) -> None:
    qtbot.mouseClick(window.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    QCoreApplication.processEvents()


def _all_texts(window: MainWindow, qtbot) -> list[Seen]:
    seen = _window_texts(window, "window")
    for _ in range(2):
        _click_backward(window, qtbot)
    window.select_tensor("x")
    QCoreApplication.processEvents()
    for dock in window.findChildren(QDockWidget):
        dock.show()
        dock.raise_()
        QCoreApplication.processEvents()
        seen += _window_texts(window, f"with {dock.objectName()} raised")
    for action in window.menuBar().actions():
        seen += _menu_texts(action.menu(), f"menu {action.text()}")
    seen += _modal_texts(window.add_tensor, "Add tensor form")
    seen += _modal_texts(window.add_operation, "Add operation form")
    # Qt's own file dialog (a native one on desktops): only its title and filters are ours.
    seen += [
        s
        for s in _modal_texts(window.export_graph, "export dialog")
        if "window title" in s.where or "fileTypeCombo" in s.where
    ]
    seen += _modal_texts(window.about, "About")
    browser = window.show_language_reference()
    QCoreApplication.processEvents()
    seen += [s for s in _widget_texts(browser, "language reference") if "helpText" not in s.where]
    browser.close()
    window.editor.document().setModified(True)
    seen += _modal_texts(window.files.maybe_save, "unsaved-changes dialog")
    window.editor.setPlainText(FAILING)
    window.run_sync()
    window.show_console_tab()
    QCoreApplication.processEvents()
    seen += _window_texts(window, "after an error")
    window.editor.setPlainText(SCRIPT)
    window.run_sync()
    window.backward_panel.retain_graph.setChecked(False)
    for _ in range(2):  # the second one fails: the graph was freed
        _click_backward(window, qtbot)
    seen += _window_texts(window, "after a failed Backward")
    return seen


def _lesson4() -> object:
    (path,) = [p for p in example_scripts() if p.name.startswith("04_")]
    return path


def _wait_idle(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=60_000)
    QCoreApplication.processEvents()


def _raised(window: MainWindow, name: str, where: str) -> list[Seen]:
    dock = window.findChild(QDockWidget, name)
    assert dock is not None, name
    dock.show()
    dock.raise_()
    QCoreApplication.processEvents()
    return _window_texts(window, where)


def _populated_texts(window: MainWindow, qtbot, tmp_path) -> list[Seen]:
    """Every dock with content: lesson 4 after Backward with x's Jacobian, the timeline
    moved, a tensor whose .grad is None, a model's module groups and gradient flow, a
    notebook's notes, Run cell, a crash and a Stop."""
    seen: list[Seen] = []
    window.open_example(_lesson4())
    _wait_idle(window, qtbot)
    _click_backward(window, qtbot)
    jacobian = window.features["jacobian"]
    jacobian.show_leaf("x")
    qtbot.waitUntil(lambda: jacobian.shown_leaf() == "x", timeout=30_000)
    seen += _raised(window, "jacobianDock", "lesson 4: Jacobian of x")
    window.select_tensor("y")  # not a leaf: its .grad is None
    QCoreApplication.processEvents()
    assert window.inspector.why is not None and window.inspector.why_label.isVisible()
    seen += _window_texts(window, "lesson 4: why y.grad is None")
    timeline = window.features["timeline"]
    qtbot.waitUntil(lambda: timeline.count() > 1, timeout=30_000)
    timeline.set_position(1)
    QCoreApplication.processEvents()
    for dock in window.findChildren(QDockWidget):
        seen += _raised(window, dock.objectName(), f"lesson 4, timeline moved, {dock.objectName()}")
    timeline.set_position(None)

    window.editor.setPlainText(MODEL)
    window.run_sync()
    _wait_idle(window, qtbot)
    assert window.backward_panel.current_root() == "loss"
    for _ in range(2):
        _click_backward(window, qtbot)
    seen += _raised(window, "gradFlowDock", "a model: gradient flow")
    seen += _window_texts(window, "a model: module groups")

    window.editor.setPlainText(CELLS)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.features["cells"].run_cell()
    _wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=10_000)
    seen += _window_texts(window, "Run cell")

    window.editor.setPlainText(CRASH)
    window.run_now()
    _wait_idle(window, qtbot)
    assert window.editor.error_line() == 2  # the crash was seen
    seen += _window_texts(window, "after a crash")

    window.editor.setPlainText(BACKWARD_CRASH)
    window.run_sync()
    _wait_idle(window, qtbot)
    _click_backward(window, qtbot)
    assert "SIGSEGV" in window.console.toPlainText().splitlines()[-1]  # the crash was seen
    seen += _window_texts(window, "after a crash in Backward")

    window.editor.setPlainText(HANG)
    window.run_now()
    qtbot.wait(500)
    window.actions_by_name["stop"].trigger()
    _wait_idle(window, qtbot)
    seen += _window_texts(window, "after Stop")

    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text(build_notebook(), encoding="utf-8")
    assert window.files.load(notebook)
    qtbot.waitUntil(lambda: "%matplotlib" in window.console.toPlainText(), timeout=60_000)
    _wait_idle(window, qtbot)
    window.show_console_tab()
    # The Lesson panel shows the notebook's own markdown there: the learner's text.
    seen += [s for s in _window_texts(window, "a notebook opened") if "lessonText" not in s.where]
    window.editor.document().setModified(False)  # opened restricted (untrusted): last
    return seen


# --------------------------------------------------------------------------- tests
def test_populated_docks_and_kernel_ends_are_chinese(zh_window, qtbot, tmp_path):
    seen = _populated_texts(zh_window, qtbot, tmp_path)
    assert len(seen) > 100
    lesson = _lesson4().read_text(encoding="utf-8")
    names = _names(lesson) | _names(MODEL) | _names(CELLS) | _names(NOTEBOOK)
    offending = _offending(seen, names)
    print("\n".join(offending))
    assert offending == [], f"{len(offending)} English texts (printed above)"


def test_no_visible_text_is_only_english(zh_window, qtbot):
    seen = _all_texts(zh_window, qtbot)
    assert len(seen) > 100  # the collector saw the window
    offending = _offending(seen, _names(SCRIPT) | _names(FAILING))
    print("\n".join(offending))
    assert offending == [], f"{len(offending)} English texts (printed above)"


def test_a_refusal_of_an_untrusted_file_is_chinese(zh_window, qtbot, tmp_path):
    """The refusal in the console, the editor's tooltip and the status bar, with the way
    forward naming the trust bar's button as it reads."""
    script = tmp_path / "train.py"
    script.write_text(REFUSED, encoding="utf-8")
    assert zh_window.files.load(script)
    qtbot.waitUntil(lambda: zh_window.editor.error_line() == 3, timeout=60_000)
    _wait_idle(zh_window, qtbot)
    assert zh_window.mode == "restricted"
    where = f"3:{REFUSED.splitlines()[2].index('step') + 1}: "
    tooltip = zh_window.editor.tooltip_for_line(3)
    errors = [line for line in zh_window.console.toPlainText().splitlines() if ERROR_MARK in line]
    status = zh_window.statusBar().currentMessage()
    button = QCoreApplication.translate("TrustBar", "Trust and run as Python")
    assert CJK.search(button)
    for text in (tooltip, errors[-1], status):
        assert text and CJK.search(text) and where in text, text
    assert button in tooltip and "`w.grad.zero_()`" in tooltip
    seen = _window_texts(zh_window, "an untrusted file refused")
    seen.append(Seen("editor error tooltip", tooltip))
    # the panels still show the lesson run before (a refused run changes nothing)
    offending = _offending(seen, _names(REFUSED) | _names(SCRIPT) | {"optimizer", "train"})
    print("\n".join(offending))
    assert offending == [], f"{len(offending)} English texts (printed above)"
    zh_window.editor.document().setModified(False)


def test_dialog_buttons_come_from_qts_own_catalogue(zh_cn):
    assert i18n.installed_qt_translator() is not None
    assert CJK.search(QCoreApplication.translate("QPlatformTheme", "Save"))
    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    texts = [button.text() for button in box.buttons()]
    assert all(CJK.search(text) for text in texts), texts


def test_language_menu_ticks_the_language_shown_though_never_chosen(zh_window):
    assert i18n.saved_language() is None
    ticked = [a.objectName() for a in zh_window.language_group.actions() if a.isChecked()]
    assert ticked == ["language_zh_CN"]


def test_language_menu_ticks_english_when_no_translator_is_installed(qtbot):
    window = MainWindow(SCRIPT, remember_layout=False, first_run_sync=False)
    qtbot.addWidget(window)
    ticked = [a.objectName() for a in window.language_group.actions() if a.isChecked()]
    assert ticked == ["language_en"]
    window.worker.shutdown()


def test_every_error_explanation_has_a_translatable_copy():
    assert {entry.key: entry.text for entry in EXPLANATIONS} == explanations.SOURCES


def test_explanations_show_translated(zh_cn):
    entry = EXPLANATIONS[0]
    shown = explanations.translated(entry)
    assert CJK.search(shown) and shown != entry.text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Click Backward three times", ["Click", "three", "times"]),
        ("点击 Backward", []),
        ("x.grad = [4.5]", []),
        ("MulBackward0", []),
        ("out", []),
        ("line 3", ["line"]),
        ("graph.svg", []),
    ],
)
def test_the_check_flags_english_words_only(text, words):
    assert english_words(text, {"x", "out"}) == words


def _code_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_welcome_script_in_chinese_is_the_same_code_naming_the_buttons_as_shown(zh_cn):
    from playground.resources import welcome_script

    chinese = i18n.welcome_text()
    assert _code_lines(chinese) == _code_lines(welcome_script())
    comments = "".join(line for line in chinese.splitlines() if line.startswith("#"))
    for context, button in (("BackwardPanel", "Backward"), ("MainWindow", "Tensors")):
        assert QCoreApplication.translate(context, button) in comments
    assert english_words(comments, _names(chinese)) == []
    assert i18n.welcome_text("en") == welcome_script()
