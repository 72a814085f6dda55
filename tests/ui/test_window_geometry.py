"""The window at 800×600 (half of a 1600-wide screen, beside a tutorial), 1280×800 and
1920×1080: every control in view, the Console's 8 lines, the Backward dock's height, the
graph's share of a large screen, and the docks' reflow between the two arrangements."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDockWidget, QSlider, QWidget

from playground.resources import example_scripts
from playground.ui.console import MIN_LINES
from playground.ui.main_window import COMPACT_WIDTH

SIZES = [(800, 600), (1280, 800), (1920, 1080)]
#: Lesson 4: a non-scalar root, so the Backward dock shows its gradient grid too.
LESSON4 = example_scripts()[3].read_text(encoding="utf-8")


def sized_window(open_window, qtbot, size: tuple[int, int]):
    """The window with lesson 4 run, shown at ``size``, its layout settled."""
    window = open_window(LESSON4, show=False)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    # Settled: the docks' geometry no longer changes from one event-loop pass to the
    # next (a busy machine may run the deferred re-sizing later than 50 ms).
    last: list = []

    def settled() -> bool:
        now = [d.geometry().getRect() for d in window.findChildren(QDockWidget)]
        now.append(window.backward_panel.root_selector.geometry().getRect())
        same = now == last
        last[:] = now
        return same

    qtbot.waitUntil(settled, timeout=5000)
    return window


def rect_in_window(widget: QWidget) -> QRect:
    """``widget``'s rectangle in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def visible_controls(window) -> list[QWidget]:
    """Every button, combo box and slider the user can see in the window's docks."""
    controls: list[QWidget] = []
    for dock in window.findChildren(QDockWidget):
        if dock.isFloating() or dock.visibleRegion().isEmpty():
            continue  # a dock behind another tab is not on screen
        for cls in (QAbstractButton, QComboBox, QSlider):
            controls += [w for w in dock.widget().findChildren(cls) if w.isVisibleTo(dock)]
    return controls


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_fits_and_cuts_off_no_control(open_window, qtbot, size):
    window = sized_window(open_window, qtbot, size)
    assert window.size().toTuple() == size  # its minimum size is not larger
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 600
    frame = window.rect()
    controls = visible_controls(window)
    assert {"backwardButton", "graphStep", "graphExportPng"} <= {w.objectName() for w in controls}
    for control in controls:
        rect = rect_in_window(control)
        dock = next(p for p in _parents(control) if isinstance(p, QDockWidget))
        assert frame.contains(rect), f"{control.objectName()} {rect} outside {frame}"
        assert rect_in_window(dock).contains(rect), f"{control.objectName()} cut off"
        assert rect.width() >= control.minimumSizeHint().width() - 1, control.objectName()


def _parents(widget: QWidget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def test_console_keeps_8_lines_and_backward_takes_only_what_it_needs(open_window, qtbot):
    window = sized_window(open_window, qtbot, (1280, 800))
    console = window.console
    assert console.viewport().height() >= MIN_LINES * console.fontMetrics().lineSpacing()
    panel = window.backward_panel
    assert panel.gradient_editor.isVisible()  # lesson 4's root is not a scalar
    assert panel.height() <= panel.layout().sizeHint().height() + 1
    assert panel.backward_button.isVisible()


def test_a_large_screen_gives_the_graph_the_room(open_window, qtbot):
    window = sized_window(open_window, qtbot, (1920, 1080))
    view = window.graph_panel.view
    assert window.graph_dock.width() >= 0.55 * 1920
    assert view.width() >= 1000 and view.height() >= 500
    assert window.graph_dock.width() > window.editor.width()


def test_docks_reflow_to_the_compact_arrangement_and_back(open_window, qtbot):
    """Narrowed below COMPACT_WIDTH, the Console joins the graph's column and the Tensors
    become a tab beside the graph; widened again, the wide arrangement comes back with
    the graph column's share kept."""
    window = sized_window(open_window, qtbot, (1280, 800))
    graph_tabs = {d for d, place in window.feature_docks if place == "graph_tab"}
    lesson = window.findChild(QDockWidget, "lessonDock")
    assert not window.compact
    assert set(window.tabifiedDockWidgets(window.graph_dock)) == {window.plot_dock, *graph_tabs}
    assert window.dockWidgetArea(lesson) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.resize(COMPACT_WIDTH - 200, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2000)
    qtbot.wait(50)
    tabbed = set(window.tabifiedDockWidgets(window.graph_dock))
    assert tabbed == {window.plot_dock, window.tensors_dock, *graph_tabs}
    right = window.dockWidgetArea(window.graph_dock)
    assert window.dockWidgetArea(window.console_dock) == right
    assert window.console_dock.x() == window.graph_dock.x()  # one column
    assert lesson in window.tabifiedDockWidgets(window.console_dock)  # the lesson too
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not window.compact, timeout=2000)
    qtbot.wait(50)
    assert set(window.tabifiedDockWidgets(window.graph_dock)) == {window.plot_dock, *graph_tabs}
    assert window.dockWidgetArea(lesson) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.graph_dock.width() >= 0.5 * 1920


def test_a_moved_dock_is_never_rearranged(open_window, qtbot):
    """Once the user moves a dock, resizing the window keeps their arrangement."""
    window = sized_window(open_window, qtbot, (1280, 800))
    window.plot_dock.setFloating(True)
    window.resize(COMPACT_WIDTH - 200, 600)
    qtbot.wait(100)
    assert not window.compact and window.plot_dock.isFloating()
