"""The main window: the editor in the middle, every other panel in a dock, all wired together.

The script is the single source of truth: every change re-runs it from scratch in a
fresh kernel child (:mod:`playground.ui.run_worker`), and every panel refreshes from
the plain state that run sent (:class:`playground.ui.session_client.SessionClient`).
Backward / Zero grad act on the live objects of that run, in the kernel. This process
never imports torch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QEventLoop,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from playground.core.errors import PlaygroundError, RunCancelled, ScriptFailed
from playground.core.script_edit import EditError, grad_mode_off_line, toggle_grad_mode
from playground.protocol.session import ActionOutcome, RunOutcome
from playground.resources import example_scripts, help_page
from playground.ui import death_text, forms, i18n, refusal_text
from playground.ui.backward_panel import NO_GRAD_TO_ZERO_TIP, BackwardPanel, root_shapes
from playground.ui.console import COMPACT_MIN_LINES, MIN_LINES, Console
from playground.ui.editor import CodeEditor
from playground.ui.files import FileController, clear_recovery, settings
from playground.ui.graph_panel import GraphPanel
from playground.ui.graph_view import plural
from playground.ui.help_browser import HelpBrowser
from playground.ui.inspector import InspectorPanel
from playground.ui.plot_panel import PlotPanel
from playground.ui.repeat_control import RepeatController
from playground.ui.run_worker import RunWorker
from playground.ui.session_client import SessionClient
from playground.ui.tensor_table import TensorTable
from playground.ui.trust import TrustBar, is_trusted, trust

APP_TITLE = "Gradient Playground"
#: Bump when the dock layout changes so an old saved state is not restored onto it.
STATE_VERSION = 3
#: Below this width the docks take the compact arrangement (see ``arrange_docks``).
COMPACT_WIDTH = 1000


def _example_title(path: Path) -> str:
    """``"3. Gradients accumulate in .grad"``: the lesson's number and its title (from its
    metadata, in the interface language)."""
    from playground.core.lesson import header_title
    from playground.ui.lesson_panel import interface_language

    number, _, rest = path.stem.partition("_")
    title = header_title(path.read_text(encoding="utf-8"), interface_language())
    words = title or (rest if number.isdigit() else path.stem).replace("_", " ")
    return f"{int(number)}. {words}" if number.isdigit() else words


def right_share(width: int, beside: bool = False) -> float:
    """The share of the window's width the graph's column gets by default (``beside``:
    a dock such as the Lesson sits beside the editor, and the editor keeps some room)."""
    if width >= 1600:
        return 0.55 if beside else 0.6
    if width >= 1000:
        return 0.47 if beside else 0.55
    return 0.5


def left_share(width: int) -> float:
    """The share of the window's width a dock beside the editor (the Lesson) gets."""
    return 0.17 if width >= 1600 else 0.19


class MainWindow(QMainWindow):
    """The Gradient Playground window (see the module docstring)."""

    def __init__(
        self,
        script: str = "",
        *,
        remember_layout: bool = True,
        restricted: bool = False,
        first_run_sync: bool = True,
    ) -> None:
        super().__init__()
        #: Restore and save geometry and dock layout in ``QSettings`` (off for screenshots).
        self.remember_layout = remember_layout
        self.setObjectName("mainWindow")
        #: The one evented session: the kernel, the live child, what the panels draw.
        self.session = SessionClient(self)
        #: ``"python"`` (typed code, lessons, trusted files) or ``"restricted"``.
        self.mode = "restricted" if restricted else "python"
        self._action_results: dict[str, ActionOutcome] = {}
        #: The script has the grad-mode switch's ``torch.set_grad_enabled(False)``.
        self.grad_mode_off = False
        self.selected_tensor: str | None = None
        self._refreshing = False
        #: A Backward / Zero grad is waiting for the kernel (clicks meanwhile are ignored).
        self._acting = False
        #: The next adopted run belongs to a newly loaded script: drop its "previous" series.
        self._drop_previous = False
        #: The docks were sized for the window (at its first show), or restored.
        self._sized = False
        self._restored = False
        #: The graph column's share of the window's width, kept across window resizes.
        self._right_share = right_share(1280)
        #: The window width the docks were last sized for.
        self._laid_width = 0
        #: Which default arrangement the docks are in, and whether it still follows the
        #: window's width (not once a layout was restored or the user moved a dock).
        self.compact = False
        self._auto_arrange = False
        self._arranging = False
        self.help_browser: HelpBrowser | None = None
        self.editor = CodeEditor()
        self.console = Console()
        self.backward_panel = BackwardPanel()
        self.worker = RunWorker(self.session, self)
        self.worker.mode_provider = lambda: self.mode
        self.files = FileController(self.editor, self)
        self.actions_by_name: dict[str, QAction] = {}
        #: Docks added by feature modules (``add_feature_dock``) with where they go.
        self.feature_docks: list[tuple[QDockWidget, str]] = []
        #: Actions feature modules put in a menu (``add_menu_action``): menu key -> actions.
        self.feature_menu_actions: dict[str, list[QAction]] = {}
        #: What each feature module's ``install(window)`` returned, by module name.
        self.features: dict[str, Any] = {}
        #: Feature docks that ``show_console_tab`` never covers (the Lesson in a tab).
        self.docks_kept_in_front: list[QDockWidget] = []
        #: The lesson whose Backward defaults were applied (see ``_apply_lesson_defaults``).
        self._lesson_key: tuple | None = None
        self.trust_bar = TrustBar()
        central = QWidget(self)
        central.setObjectName("editorArea")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.trust_bar)
        column.addWidget(self.editor, 1)
        column.addWidget(self.editor.find_bar)
        self.setCentralWidget(central)
        self.setAnimated(False)  # no dock animation while the initial layout is built
        self._build_panels()
        self._build_actions()
        self._build_toolbar()  # before the docks: adding it later leaves a stale dock tab bar
        self._build_status_bar()
        self._build_docks()
        self._install_features()
        self._build_menus()
        self._connect()
        self.editor.set_script(script)
        for feature in self.features.values():
            script_set = getattr(feature, "script_set", None)
            if callable(script_set):  # features that read the script itself (the lesson)
                script_set()
        self._sync_grad_mode()
        if first_run_sync:
            self.run_sync()
        self.editor.textChanged.connect(self._on_text_changed)
        self._update_title()
        self.resize(1280, 800)
        if remember_layout:
            self._restore_layout()

    # ------------------------------------------------------------------ construction
    def _build_panels(self) -> None:
        self.tensor_table = TensorTable()
        self.inspector = InspectorPanel()
        self.graph_panel = GraphPanel()
        self.plot_panel = PlotPanel()
        self.graph_panel.saved_provider = self.session.saved_values
        self.inspector.text_provider = self._tensor_text
        self.repeat_runner = RepeatController(
            self.plot_panel, self.session, self.repeat_settings, self
        )

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _build_docks(self) -> None:
        self.tensors_dock = self._dock(self.tr("Tensors"), "tensorsDock", self.tensor_table)
        self.inspector_dock = self._dock(self.tr("Inspector"), "inspectorDock", self.inspector)
        self.graph_dock = self._dock(self.tr("Autograd graph"), "graphDock", self.graph_panel)
        self.plot_dock = self._dock(self.tr("Gradient history"), "plotDock", self.plot_panel)
        self.console_dock = self._dock(self.tr("Console"), "consoleDock", self.console)
        self.backward_dock = self._dock(self.tr("Backward"), "backwardDock", self.backward_panel)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        for dock in self.findChildren(QDockWidget):
            dock.dockLocationChanged.connect(self._on_dock_moved)
            dock.topLevelChanged.connect(self._on_dock_moved)

    def _install_features(self) -> None:
        """Let each feature module (:mod:`playground.ui.features`) add its docks, actions
        and connections; what its ``install(window)`` returns is kept in ``features``."""
        from playground.ui.features import installers

        for name, install in installers():
            self.features[name] = install(self)
        self.arrange_docks(compact=False)
        for dock, place in self.feature_docks:
            dock.dockLocationChanged.connect(self._on_dock_moved)
            dock.topLevelChanged.connect(self._on_dock_moved)
            if place == "left":
                dock.visibilityChanged.connect(self._on_left_dock_shown)

    def add_feature_dock(self, title: str, name: str, widget: QWidget, place: str) -> QDockWidget:
        """A feature's dock. ``place``: ``"left"`` (beside the editor), ``"graph_tab"`` (a
        tab beside the graph and the plot) or ``"console_tab"`` (a tab beside the Console).
        Only during ``install(window)``."""
        if place not in ("left", "graph_tab", "console_tab"):
            raise ValueError(f"unknown dock place {place!r}")
        dock = self._dock(title, name, widget)
        self.feature_docks.append((dock, place))
        return dock

    def add_menu_action(self, menu: str, action: QAction) -> QAction:
        """Put a feature's action in menu ``"file"``, ``"edit"``, ``"run"``, ``"view"`` or
        ``"help"`` (appended after a separator). Only during ``install(window)``."""
        self.feature_menu_actions.setdefault(menu, []).append(action)
        return action

    def add_action(self, name: str, text: str, shortcut: Any, slot: Any, tip: str = "") -> QAction:
        """A window-wide action with an automation name, shortcut and tooltip."""
        return self._action(name, text, shortcut, slot, tip)

    def _add_feature_menu_actions(self, key: str, menu: Any) -> None:
        actions = self.feature_menu_actions.get(key, [])
        if actions:
            menu.addSeparator()
            for action in actions:
                menu.addAction(action)

    def arrange_docks(self, *, compact: bool) -> None:
        """The default dock arrangement. Wide: Tensors over Graph|Plot on the right,
        Backward over Console|Inspector under the editor. Compact (a window under
        ``COMPACT_WIDTH``, e.g. half of a screen beside a tutorial): Graph|Plot|Tensors over
        Console|Inspector on the right, only Backward under the editor."""
        self._arranging = True
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        vertical = Qt.Orientation.Vertical
        docks = self.findChildren(QDockWidget)
        # Before the first show every dock counts as shown, but a dock its feature hid
        # (the Lesson dock for a plain script) stays hidden.
        shown = {
            dock: not dock.isHidden()
            or not (
                self._sized or dock.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
            )
            for dock in docks
        }
        for dock in docks:
            self.removeDockWidget(dock)  # out of any tab group first (a split of a
            dock.setFloating(False)  # tabbed dock would only add another tab)
        # The graph panel takes its short-dock form now, not at its first resize: its
        # full form's minimum height would make the compact window taller than 600 px.
        self.graph_panel.set_compact(compact)
        if compact:
            self.addDockWidget(right, self.graph_dock)
            self.splitDockWidget(self.graph_dock, self.console_dock, vertical)
            self.tabifyDockWidget(self.graph_dock, self.plot_dock)
            self.tabifyDockWidget(self.plot_dock, self.tensors_dock)
            self.addDockWidget(bottom, self.backward_dock)
        else:
            self.addDockWidget(right, self.tensors_dock)
            self.splitDockWidget(self.tensors_dock, self.graph_dock, vertical)
            self.tabifyDockWidget(self.graph_dock, self.plot_dock)
            self.addDockWidget(bottom, self.backward_dock)
            self.splitDockWidget(self.backward_dock, self.console_dock, vertical)
        self.tabifyDockWidget(self.console_dock, self.inspector_dock)
        self._place_feature_docks(compact)
        for dock in docks:
            dock.setVisible(shown[dock])
        self.graph_dock.raise_()
        self.console_dock.raise_()
        self.compact = compact
        self.console.set_min_lines(COMPACT_MIN_LINES if compact else MIN_LINES)
        self._arranging = False

    def _place_feature_docks(self, compact: bool) -> None:
        """Feature docks: a tab after the graph's group, after the Console's, or beside
        the editor (in the compact arrangement, a tab after the Console's group)."""
        after = {"graph_tab": self.plot_dock, "console_tab": self.inspector_dock}
        for dock, place in self.feature_docks:
            if place == "left" and not compact:
                self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
                continue
            anchor = after.get(place, self.inspector_dock)
            self.tabifyDockWidget(anchor, dock)
            after[place if place != "left" else "console_tab"] = dock

    def _on_dock_moved(self, *_args: Any) -> None:
        if not self._arranging:
            self._auto_arrange = False  # the user's own arrangement is kept from now on

    def apply_default_sizes(self) -> None:
        """Size the docks for the window's size: the graph's column gets more of a wide
        screen, the Tensors table about a quarter of the height, the Backward controls what
        they need and the Console the rest of its column (at least 8 lines)."""
        width, height = self.width(), self.height()
        vertical = Qt.Orientation.Vertical
        self._right_share = right_share(width, bool(self._left_docks()))
        self._laid_width = width
        self._size_columns()
        self.backward_panel.fit_height()
        backward = self.backward_dock.minimumSizeHint().height()
        if self.compact:
            column = self.graph_dock.height() + self.console_dock.height()
            console = max(self.console_dock.minimumSizeHint().height(), round(column * 0.25))
            self.resizeDocks(
                [self.graph_dock, self.console_dock], [column - console, console], vertical
            )
            self.resizeDocks([self.backward_dock], [backward], vertical)
            return
        column = self.tensors_dock.height() + self.graph_dock.height()
        tensors = max(120, min(round(height * 0.25), self._tensors_height()))
        self.resizeDocks(
            [self.tensors_dock, self.graph_dock], [tensors, column - tensors], vertical
        )
        self.resizeDocks(
            [self.backward_dock, self.console_dock], [backward, round(height * 0.3)], vertical
        )

    def _left_docks(self) -> list[QDockWidget]:
        """Feature docks shown beside the editor (the Lesson), docked."""
        area = Qt.DockWidgetArea.LeftDockWidgetArea
        return [
            d
            for d, _place in self.feature_docks
            if self.dockWidgetArea(d) == area and not d.isFloating() and not d.isHidden()
        ]

    def _size_columns(self) -> None:
        """The graph's column, and a dock beside the editor, at their shares of the width."""
        width = self.width()
        docks, sizes = [self.graph_dock], [round(width * self._right_share)]
        left = self._left_docks()
        if left and not self.compact:
            docks.append(left[0])
            sizes.append(max(220, round(width * left_share(width))))
        self.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)

    def _on_left_dock_shown(self, visible: bool) -> None:
        """A dock beside the editor came or went (a lesson opened or closed): the editor
        keeps room, the graph's column gives some up while it is there."""
        if not (self._sized and self._auto_arrange) or self.compact or self._arranging:
            return
        self._right_share = right_share(self.width(), visible and bool(self._left_docks()))
        QTimer.singleShot(0, self._size_columns)

    def _right_docks(self) -> list[QDockWidget]:
        area = Qt.DockWidgetArea.RightDockWidgetArea
        docks = (self.tensors_dock, self.graph_dock, self.plot_dock)
        return [d for d in docks if self.dockWidgetArea(d) == area and not d.isFloating()]

    def _tensors_height(self) -> int:
        """The Tensors dock's height for its rows, plus one empty one (room for a new tensor)."""
        table = self.tensor_table
        rows = table.verticalHeader().length() + table.verticalHeader().defaultSectionSize()
        chrome = table.horizontalHeader().height() + 2 * table.frameWidth()
        title = self.tensors_dock.height() - table.height()
        scrollbar = table.horizontalScrollBar().sizeHint().height()
        return rows + chrome + max(title, 0) + scrollbar

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Size the docks for the window the first time it shows (unless a remembered
        layout was restored), and tidy the dock tab bars once they have their sizes."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            if not self._restored:
                self._auto_arrange = True
                if self.width() < COMPACT_WIDTH:
                    self.arrange_docks(compact=True)
                self.apply_default_sizes()
            self._laid_width = self.width()
            self.graph_dock.installEventFilter(self)
        QTimer.singleShot(0, self.hide_stale_tab_bars)
        QTimer.singleShot(500, self._enable_dock_animation)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Keep the graph column's share of the width when the window is resized, so a
        maximised window gives the graph the room (Qt would give it all to the editor)."""
        super().resizeEvent(event)
        width = event.size().width()
        if self._sized and self._auto_arrange and (width < COMPACT_WIDTH) != self.compact:
            self.arrange_docks(compact=width < COMPACT_WIDTH)  # reflow, then size for it
            QTimer.singleShot(0, self._resize_after_reflow)
            return
        if self._sized and width != self._laid_width and self._graph_docked():
            self._laid_width = width
            target = round(width * self._right_share)
            self.resizeDocks([self.graph_dock], [target], Qt.Orientation.Horizontal)

    def _resize_after_reflow(self) -> None:
        self.apply_default_sizes()
        self.hide_stale_tab_bars()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
        """The user dragged the graph column's edge: that share is kept from now on."""
        if (
            watched is self.graph_dock
            and event.type() == QEvent.Type.Resize
            and self.width() == self._laid_width
            and self._graph_docked()
        ):
            narrowest = max(d.minimumSizeHint().width() for d in self._right_docks())
            if self.graph_dock.width() > narrowest + 4:  # not squeezed by a small window
                self._right_share = self.graph_dock.width() / max(self.width(), 1)
        return super().eventFilter(watched, event)

    def _graph_docked(self) -> bool:
        return self.graph_dock.isVisible() and self.graph_dock in self._right_docks()

    def _enable_dock_animation(self) -> None:
        self.setAnimated(True)

    def hide_stale_tab_bars(self) -> int:
        """Hide orphan dock tab bars; returns how many were hidden.

        Qt 6.11 leaves a second, never-updated ``QTabBar`` painted over the docks when a
        second group of docks is tabified (reproduced with a bare ``QMainWindow``). The
        live tab bar sits right under its visible dock (tabs at the bottom); an orphan
        sits under none of them.
        """
        docks = [d for d in self.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]
        hidden = 0
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            rect = bar.geometry()
            under_a_dock = any(
                abs(d.geometry().bottom() + 1 - rect.top()) <= 4
                and d.geometry().left() <= rect.center().x() <= d.geometry().right()
                for d in docks
            )
            if bar.isVisible() and not under_a_dock:
                bar.hide()
                hidden += 1
        return hidden

    def _action(self, name: str, text: str, shortcut: Any, slot: Any, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        hint = f" ({QKeySequence(keys[0]).toString()})" if keys else ""
        action.setToolTip(f"{tip or text}{hint}")
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        a = self._action
        a("new", self.tr("&New"), std.New, self.files.new, self.tr("Start an empty script"))
        a(
            "open",
            self.tr("&Open…"),
            std.Open,
            lambda: self.files.open(),
            self.tr("Open a .py script"),
        )
        a("save", self.tr("&Save"), std.Save, self.files.save, self.tr("Save the script"))
        a(
            "saveAs",
            self.tr("Save &As…"),
            "Ctrl+Shift+S",
            lambda: self.files.save_as(),
            self.tr("Save under a new name"),
        )
        a("quit", self.tr("&Quit"), "Ctrl+Q", self.close, self.tr("Close the window"))
        a(
            "undo",
            self.tr("&Undo"),
            std.Undo,
            self.editor.undo,
            self.tr("Undo the last edit (typing or structured)"),
        )
        a("redo", self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.editor.redo, self.tr("Redo"))
        a(
            "addTensor",
            self.tr("Add &tensor…"),
            "Ctrl+T",
            self.add_tensor,
            self.tr("Append a tensor creation"),
        )
        a(
            "addOperation",
            self.tr("Add &operation…"),
            "Ctrl+Shift+A",
            self.add_operation,
            self.tr("Append an operation"),
        )
        a(
            "toggleNoGrad",
            self.tr("Toggle no_grad on this statement"),
            "Ctrl+G",
            self.toggle_no_grad_at_cursor,
            self.tr("Wrap/unwrap the statement at the cursor in torch.no_grad()"),
        )
        a(
            "run",
            self.tr("&Run"),
            ["Ctrl+R", "F5"],
            self.run_now,
            self.tr("Re-run the whole script"),
        )
        a(
            "stop",
            self.tr("&Stop"),
            ["Shift+F5", "Ctrl+."],
            self.worker.cancel,
            self.tr("Cancel the running script"),
        )
        a(
            "backward",
            self.tr("&Backward"),
            "Ctrl+B",
            self.backward_panel.backward_button.click,
            self.tr("root.backward() on the live tensors"),
        )
        a(
            "zeroGrad",
            self.tr("&Zero grad"),
            "Ctrl+0",
            lambda: self.zero_grad(False),
            self.tr("x.grad.zero_() on every leaf"),
        )
        a(
            "zeroGradNone",
            self.tr("Zero grad (set to &None)"),
            "Ctrl+Alt+0",
            lambda: self.zero_grad(True),
            self.tr("x.grad = None on every leaf"),
        )
        mode = a(
            "gradMode",
            self.tr("Grad mode off for the whole script (&no_grad)"),
            "Ctrl+Shift+G",
            self._on_grad_mode,
            self.tr(
                "Writes torch.set_grad_enabled(False) at the top of the script (or removes "
                "it): nothing after it records a graph. Ctrl+Z undoes it"
            ),
        )
        mode.setCheckable(True)
        mode.setIconText(self.tr("no_grad mode"))
        seed = a(
            "seedRuns",
            self.tr("Seed with torch.manual_seed(0) before each run"),
            "Ctrl+Shift+R",
            self._on_seed_toggled,
            self.tr("The same random numbers on every live re-run (off: fresh ones each run)"),
        )
        seed.setCheckable(True)
        seed.setChecked(settings().value("run/seed", True, type=bool))
        self.session.seed = seed.isChecked()
        a(
            "fitGraph",
            self.tr("&Fit graph"),
            "Ctrl+Shift+F",
            self.fit_graph,
            self.tr("Fit the graph to its dock"),
        )
        a(
            "exportGraph",
            self.tr("&Export graph…"),
            "Ctrl+Shift+E",
            self.export_graph,
            self.tr("Save the graph"),
        )
        a(
            "languageReference",
            self.tr("&Language reference"),
            "F1",
            self.show_language_reference,
            self.tr("What Python mode and restricted mode run, and what to write instead"),
        )
        a("about", self.tr("&About"), "Ctrl+F1", self.about, self.tr("About Gradient Playground"))
        stop = self.actions_by_name["stop"]
        stop.setEnabled(False)
        #: The Zero grad actions' own tooltips, shown again once there is a .grad to zero.
        self._zero_grad_tips = {
            name: self.actions_by_name[name].toolTip() for name in ("zeroGrad", "zeroGradNone")
        }

    def _build_menus(self) -> None:
        bar = self.menuBar()
        acts = self.actions_by_name
        file_menu = bar.addMenu(self.tr("&File"))
        for name in ("new", "open", "save", "saveAs"):
            file_menu.addAction(acts[name])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._add_feature_menu_actions("file", file_menu)
        file_menu.addSeparator()
        file_menu.addAction(acts["quit"])
        acts["find"] = self.editor.find_action
        acts["replace"] = self.editor.replace_action
        acts["toggleComment"] = self.editor.toggle_comment_action
        edit = bar.addMenu(self.tr("&Edit"))
        for name in (
            "undo",
            "redo",
            None,
            "find",
            "replace",
            "toggleComment",
            None,
            "addTensor",
            "addOperation",
            "toggleNoGrad",
        ):
            edit.addSeparator() if name is None else edit.addAction(acts[name])
        self._add_feature_menu_actions("edit", edit)
        run = bar.addMenu(self.tr("&Run"))
        for name in (
            "run",
            "stop",
            None,
            "backward",
            "zeroGrad",
            "zeroGradNone",
            None,
            "gradMode",
            "seedRuns",
        ):
            run.addSeparator() if name is None else run.addAction(acts[name])
        self._add_feature_menu_actions("run", run)
        self.examples_menu = bar.addMenu(self.tr("E&xamples"))
        self.examples_menu.setObjectName("examplesMenu")
        taken = {k.toString() for a in self.actions_by_name.values() for k in a.shortcuts()}
        for index, path in enumerate(example_scripts(), start=1):
            # The seed's six keep Ctrl+1..6; later lessons get Ctrl+7..9 where still free.
            free = index <= 6 or (index <= 9 and f"Ctrl+{index}" not in taken)
            shortcut = f"Ctrl+{index}" if free else []
            action = self._action(
                f"example{index}",
                _example_title(path),
                shortcut,
                lambda _=False, p=path: self.open_example(p),
                self.tr("Open the lesson {name} as a fresh script").format(name=path.name),
            )
            self.examples_menu.addAction(action)
        view = bar.addMenu(self.tr("&View"))
        docks = (
            self.tensors_dock,
            self.graph_dock,
            self.plot_dock,
            self.console_dock,
            self.backward_dock,
            self.inspector_dock,
        )
        docks += tuple(dock for dock, _place in self.feature_docks)
        for index, dock in enumerate(docks, start=1):
            toggle = dock.toggleViewAction()
            if index <= 9:
                toggle.setShortcut(QKeySequence(f"Alt+{index}"))
            view.addAction(toggle)
        view.addSeparator()
        view.addAction(acts["fitGraph"])
        view.addAction(acts["exportGraph"])
        self._add_feature_menu_actions("view", view)
        view.addSeparator()
        self.language_menu = view.addMenu(self.tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        self.language_group = QActionGroup(self)
        chosen = i18n.current_language()  # what the interface shows, even if never chosen
        for code, label in i18n.LANGUAGES:
            action = self.language_menu.addAction(label)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            self.language_group.addAction(action)
        self.language_group.triggered.connect(self._on_language_chosen)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(acts["languageReference"])
        self._add_feature_menu_actions("help", help_menu)
        help_menu.addSeparator()
        help_menu.addAction(acts["about"])

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Actions"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in (
            "run",
            "stop",
            "backward",
            "zeroGrad",
            "gradMode",
            "addTensor",
            "addOperation",
        ):
            toolbar.addAction(self.actions_by_name[name])

    def _build_status_bar(self) -> None:
        self.run_time_label = QLabel(objectName="runTimeLabel")
        self.grad_mode_label = QLabel(objectName="gradModeLabel")
        self.mode_label = QLabel(objectName="modeLabel")
        self.statusBar().addPermanentWidget(self.mode_label)
        self.statusBar().addPermanentWidget(self.grad_mode_label)
        self.statusBar().addPermanentWidget(self.run_time_label)
        self._elided_status = ""
        #: The status message that reports the script's error (cleared when it is fixed).
        self._error_status = ""
        self.statusBar().messageChanged.connect(self._elide_status)
        self._update_grad_mode_label()
        self._update_mode_label()

    def _elide_status(self, text: str) -> None:
        """Cut a temporary message with "…" before the permanent labels (full text in the
        status bar's tooltip)."""
        bar = self.statusBar()
        room = min(w.geometry().left() for w in (self.mode_label, self.grad_mode_label)) - 24
        if not text or room <= 0 or not bar.isVisible() or text == self._elided_status:
            return
        short = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        bar.setToolTip(text if short != text else "")
        if short != text:
            self._elided_status = short  # showMessage calls back here with it
            bar.showMessage(short, 8000)

    def _connect(self) -> None:
        panel = self.backward_panel
        panel.backwardRequested.connect(self.backward)
        panel.zeroGradRequested.connect(self.zero_grad)
        panel.runRequested.connect(self.run_now)
        panel.gradientInvalid.connect(
            lambda msg: self.console.show_info(
                self.tr("Backward not run: {reason}").format(reason=msg)
            )
        )
        self.editor.structuredEdit.connect(self._on_structured_edit)
        self.editor.editRejected.connect(lambda msg: self.statusBar().showMessage(msg, 6000))
        self.editor.document().modificationChanged.connect(self.setWindowModified)
        self.files.pathChanged.connect(lambda _p: self._update_title())
        self.files.scriptReplaced.connect(self._on_script_replaced)
        self.files.fileLoaded.connect(self._on_file_loaded)
        self.trust_bar.trustRequested.connect(self.trust_current_file)
        self.worker.runStarted.connect(self._on_run_started)
        self.worker.runFinished.connect(self.adopt_run)
        self.session.kernelMessage.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.worker.runCancelled.connect(self._on_run_cancelled)
        self.worker.runCrashed.connect(self._on_run_crashed)
        self.tensor_table.tensorSelected.connect(self.select_tensor)
        self.graph_panel.tensorSelected.connect(self.select_tensor)
        self.tensor_table.editsRequested.connect(self.editor.apply_edits)
        self.tensor_table.editFailed.connect(self._on_edit_failed)
        self.inspector.editsRequested.connect(self.editor.apply_edits)
        self.repeat_runner.repeatFinished.connect(self._on_repeat_finished)

    # ------------------------------------------------------------------ running
    def source(self) -> str:
        """The script as shown in the editor."""
        return self.editor.toPlainText()

    def run_sync(self) -> RunOutcome:
        """Run the script and adopt it before returning (start-up, screenshots, tests)."""
        self.worker.cancel()
        outcome = self.session.run_blocking(self.source(), mode=self.mode)
        self.adopt_run(outcome, adopted=True)
        return outcome

    def run_now(self) -> None:
        """Re-run the script in the background at once (Run button, structured edits)."""
        self.worker.request(self.source(), immediate=True, mode=self.mode)

    def _on_script_replaced(self) -> None:
        self._drop_previous = True
        self.tensor_table.forget_column_widths()
        self.set_mode("python")  # New, a lesson, a recovery: the user's own code

    def _on_file_loaded(self, path: str, text: str) -> None:
        """A file from disk runs restricted until the user trusts it (this content)."""
        if is_trusted(path, text):
            self.set_mode("python")
            return
        self.set_mode(
            "restricted",
            self.tr(
                "Restricted mode: {name} was opened from disk and is not trusted yet, so it "
                "runs in the playground's safe subset of Python."
            ).format(name=Path(path).name),
        )

    def trust_current_file(self) -> None:
        """Trust the open file with its current text and run it as Python."""
        if self.files.path is not None:
            trust(str(self.files.path), self.source())
        self.set_mode("python")
        self.run_now()

    def set_mode(self, mode: str, reason: str = "") -> None:
        """``"python"`` or ``"restricted"``; the bar above the editor says why."""
        self.mode = mode
        self.trust_bar.show_reason(reason if mode == "restricted" else "")
        self._update_mode_label()

    def _update_mode_label(self) -> None:
        text = self.tr("Python mode") if self.mode == "python" else self.tr("Restricted mode")
        sandbox = self.session.kernel.sandbox_text
        self.mode_label.setText(text)
        self.mode_label.setToolTip(
            self._sandbox_words(sandbox) or self.tr("the kernel is starting")
        )

    def _sandbox_words(self, text: str) -> str:
        """The kernel's sandbox line (``sandbox: seccomp + Landlock ABI 7``) with its fixed
        words in the interface's language (the layer names stay)."""
        text = text.replace("sandbox: off", self.tr("sandbox: off"))
        text = text.replace("sandbox: ", self.tr("sandbox: "))
        return text.replace(" (incomplete)", self.tr(" (incomplete)"))

    def _on_text_changed(self) -> None:
        self._sync_grad_mode()
        if self.mode == "python" and not self.sandbox_complete():
            # No OS sandbox here: full Python runs only when the user presses Run.
            self.run_time_label.setText(self.tr("no sandbox: press Run (Ctrl+R) to run"))
            return
        self.worker.request(self.source(), mode=self.mode)

    def sandbox_complete(self) -> bool:
        """Whether the kernel's OS sandbox is fully in place (unknown yet counts as yes:
        nothing runs before the kernel has said)."""
        info = self.session.kernel.client.info
        return bool(info.get("complete", True))

    def _on_structured_edit(self) -> None:
        self.run_now()

    def _on_edit_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self.console.show_info(self.tr("Edit not applied: {reason}").format(reason=message))

    def _on_run_started(self) -> None:
        self.actions_by_name["stop"].setEnabled(True)
        self.run_time_label.setText(self.tr("running…"))

    def _show_error_status(self, text: str) -> None:
        self._error_status = text
        self.statusBar().showMessage(text, 10000)

    def _clear_errors(self) -> None:
        """A run succeeded or was stopped: the error's wave, tooltip, gutter mark and
        status message go at once."""
        self.editor.clear_error()
        bar = self.statusBar()
        if self._error_status and bar.currentMessage() in (self._error_status, self._elided_status):
            bar.clearMessage()
        self._error_status = ""

    def _on_run_cancelled(self) -> None:
        self._clear_errors()
        self.actions_by_name["stop"].setEnabled(False)
        self.run_time_label.setText(self.tr("run cancelled"))
        self.console.show_info(
            self.tr("Run cancelled; the panels still show the last finished run.")
        )

    def _on_run_crashed(self, message: str) -> None:
        self.actions_by_name["stop"].setEnabled(False)
        self.run_time_label.setText(self.tr("internal error"))
        self.console.show_info(
            self.tr("Internal error while running the script: {error}").format(error=message)
        )

    def adopt_run(self, outcome: RunOutcome, *, adopted: bool = False) -> None:
        """Show a finished run: adopt it unless it never ran (refused), was cancelled, or
        its process died (then one line says why and the last good state stays)."""
        self.actions_by_name["stop"].setEnabled(self.worker.is_busy())
        self._update_mode_label()
        if outcome.died is not None:
            died = outcome.died
            where = f"{died.line}: " if died.line is not None else ""
            said = death_text.reason(died)
            self.console.show_info(f"{where}{said}")
            self.run_time_label.setText(self.tr("stopped: the last good run is shown"))
            if died.kind == "stopped":  # the user's own Stop is not an error of the code
                self._clear_errors()
                self.statusBar().showMessage(f"{where}{said}", 6000)
                return
            self.editor.set_error(died.line, None, f"{where}{said}")
            self.console_dock.raise_()
            self._show_error_status(f"{where}{said}")
            return
        run = outcome.run
        assert run is not None
        error = run.error
        if isinstance(error, RunCancelled):
            self._on_run_cancelled()
            return
        if error is not None:
            self.editor.set_error(error.line, error.col, refusal_text.formatted(error))
            self.console_dock.raise_()
        else:
            self._clear_errors()
        if not outcome.replaces_state:
            self.console.show_result(run)
            self.console.show_info(self.tr("Nothing ran; the panels still show the last good run."))
            self.run_time_label.setText(self.tr("not run: fix the error"))
            if error is not None:
                self._show_error_status(refusal_text.formatted(error))
            return
        if not adopted:
            self.session.adopt(outcome)
        state = self.session.state
        fresh = self._drop_previous
        if self._drop_previous and state is not None:  # another script: no comparison
            self._drop_previous = False
            state.history.clear_previous()
        self.console.show_result(run)
        ms = run.duration_s * 1000
        where = ""
        if error is not None and error.line:
            where = self.tr(" · error at line {line}").format(line=error.line)
        if self.mode == "python":
            ran = self.tr("ran in {ms} ms").format(ms=f"{ms:.1f}")
        else:
            ran = self.tr("ran {count} statements in {ms} ms").format(
                count=run.statements_run, ms=f"{ms:.1f}"
            )
        self.run_time_label.setText(ran + where)
        self.refresh_panels(new_run=True)
        self._apply_lesson_defaults(run.source, fresh)

    def _apply_lesson_defaults(self, source: str, fresh: bool) -> None:
        """A lesson's Backward root is the default (it wins over the previous script's
        choice on the lesson's first run) and its ``gradient`` variable fills the grid."""
        from playground.core.lesson import LessonError, parse_lesson

        state = self.session.state
        try:
            lesson = parse_lesson(source)
        except LessonError:
            return
        if lesson is None or state is None:
            return
        key = (tuple(lesson.title.items()), lesson.root, lesson.gradient)
        fresh = fresh or key != self._lesson_key  # this lesson's first run
        self._lesson_key = key
        panel = self.backward_panel
        if fresh and lesson.root in state.roots:
            panel.root_selector.setCurrentText(lesson.root)
        view = state.tensors.get(lesson.gradient or "")
        if view is not None and view.values is not None:
            panel.prefill_gradient(list(view.values.reshape(-1)), keep_edits=not fresh)

    # ------------------------------------------------------------------ refresh
    def refresh_panels(self, *, new_run: bool = False) -> None:
        """Redraw every panel from the session's current state."""
        self._refreshing = True
        try:
            self._refresh_panels(new_run)
        finally:
            self._refreshing = False

    def _refresh_panels(self, new_run: bool) -> None:
        state, run = self.session.state, self.session.run
        if state is None or run is None:
            return
        tensors = state.tensors
        if new_run:
            self.backward_panel.set_roots(state.roots, state.default_root, root_shapes(tensors))
            self.tensor_table.set_result(run)
        else:
            self.tensor_table.update_tensors(tensors)
        self.plot_panel.set_history(state.history)
        self._update_zero_grad_available(bool(state.leaves_with_grad()))
        self.graph_panel.show_graph(state.graph, state.trace, total=state.graph_total)
        if self.selected_tensor not in tensors:
            self.selected_tensor = None
        if new_run:
            self.inspector.show_tensor(self.selected_tensor, run)
        else:
            self.inspector.refresh()

    def _update_zero_grad_available(self, available: bool) -> None:
        """Zero grad (button and actions) only when some leaf has a ``.grad`` to zero."""
        self.backward_panel.set_zero_grad_available(available)
        for name, tip in self._zero_grad_tips.items():
            action = self.actions_by_name[name]
            action.setEnabled(available)
            none_tip = QCoreApplication.translate("BackwardPanel", NO_GRAD_TO_ZERO_TIP)
            action.setToolTip(tip if available else none_tip)

    def show_console_tab(self) -> bool:
        """Bring the Console tab in front when another dock's tab hides it (Inspector).

        A floated or closed Console is left as the user put it. Returns whether it was raised.
        """
        dock = self.console_dock
        if (
            dock.isFloating()
            or not dock.toggleViewAction().isChecked()
            or not self.tabifiedDockWidgets(dock)
            or not dock.visibleRegion().isEmpty()
            or any(not d.visibleRegion().isEmpty() for d in self.docks_kept_in_front)
        ):
            return False
        dock.raise_()
        return True

    def select_tensor(self, name: str) -> None:
        """Select *name* in the table, the graph and the inspector."""
        self.selected_tensor = name
        run = self.session.run
        self.tensor_table.select_tensor(name)
        self.graph_panel.select_tensor(name)
        if run is not None:
            self.inspector.show_tensor(name, run)
            if not self._refreshing and self.inspector_dock.visibleRegion().isEmpty():
                self.inspector_dock.raise_()  # the user picked a tensor: show it

    def _tensor_text(self, name: str) -> str:
        """PyTorch's full text of tensor ``name``, asked of the kernel (the capped text of
        the last state when the kernel is busy)."""
        text = self.session.tensor_text(name)
        if text is not None:
            return text
        state = self.session.state
        view = state.tensors.get(name) if state is not None else None
        return view.text if view is not None else ""

    def wait_for_action(self, op: str, start: Any) -> ActionOutcome:
        """Call ``start()`` (which queues action ``op``) and keep the window live (a local
        event loop) until the kernel has answered it. Connected before the action starts:
        a fast answer can never be missed."""
        loop = QEventLoop(self)
        done: list[ActionOutcome] = []

        def finished(name: str, outcome: ActionOutcome) -> None:
            if name == op and not done:
                done.append(outcome)
                loop.quit()

        self.session.actionDone.connect(finished)
        try:
            start()
            if not done:
                loop.exec()
        finally:
            self.session.actionDone.disconnect(finished)
        return done[0]

    # ------------------------------------------------------------------ autograd actions
    def backward(self, root: str, gradient: Any, retain_graph: bool, zero_before: bool) -> None:
        """``root.backward(gradient, retain_graph=...)`` on the live tensors in the kernel;
        the window stays live meanwhile, and the panels show the result."""
        if self._acting:
            return
        self._acting = True
        try:
            outcome = self.wait_for_action(
                "backward",
                lambda: self.session.backward(
                    root, gradient, retain_graph=retain_graph, zero_before=zero_before
                ),
            )
        finally:
            self._acting = False
        self.session.take_action_state(outcome)
        error = outcome.error
        if outcome.died is not None:  # its process died: why, in the interface's language
            error = PlaygroundError(death_text.reason(outcome.died), outcome.died.line)
        call = f"{root}.backward({'gradient, ' if gradient is not None else ''}"
        call += f"retain_graph={retain_graph})"
        if error is not None:
            self.console.show_error(error, context=call, hint=self._freed_graph_hint(error) or "")
            self.console_dock.raise_()
            # PyTorch's message is several hundred characters: the console has it in full.
            kind = error.exc_type or type(error).__name__
            if outcome.died is not None:  # no exception type: say how the process ended
                kind = error.message
            self.statusBar().showMessage(
                self.tr("{call} failed: {kind} (see the Console)").format(call=call, kind=kind),
                8000,
            )
        else:
            self.console.show_info(f"{call}{self._grad_summary()}")
            self.statusBar().showMessage(self.tr("{call} done").format(call=call), 4000)
            self.show_console_tab()
        self.refresh_panels()

    def _freed_graph_hint(self, error: PlaygroundError) -> str | None:
        """Why a clicked backward found the graph freed, and what to click (or edit)."""
        state = self.session.state
        if state is None or "backward through the graph a second time" not in error.message:
            return None
        history = state.history
        sources, lines = history.sources(), history.lines()
        script_lines = sorted(
            {int(n) for s, n in zip(sources, lines, strict=True) if s == "script"}
        )
        if script_lines and all(s == "script" for s in sources):
            where = ", ".join(str(n) for n in script_lines)
            return plural(
                self.tr(
                    "Why: the script's own .backward() on line(s) {lines} ran without "
                    "retain_graph=True and freed the graph before this click. Add "
                    "retain_graph=True to that call, or delete it and click Backward instead.",
                    "",
                    len(script_lines),
                ),
                len(script_lines),
            ).format(lines=where)
        return self.tr(
            'Why: an earlier backward without "retain graph" freed this graph; ticking it '
            "now does not bring the graph back. Click Run (Ctrl+R) to rebuild it, then "
            'Backward (keep "retain graph" ticked to click again).'
        )

    def zero_grad(self, set_to_none: bool = False) -> None:
        """Zero every leaf's ``.grad`` (or set it to ``None``) in the kernel and show it."""
        if self._acting:
            return
        self._acting = True
        try:
            outcome = self.wait_for_action(
                "zero_grad", lambda: self.session.zero_grad(set_to_none=set_to_none)
            )
        finally:
            self._acting = False
        self.session.take_action_state(outcome)
        if outcome.error is not None:
            self.console.show_error(outcome.error, context=self.tr("Zero grad"))
        else:
            what = ".grad = None" if set_to_none else ".grad.zero_()"
            self.console.show_info(
                self.tr("{call} on every leaf that requires grad").format(call=what)
            )
        self.show_console_tab()
        self.refresh_panels()

    def _grad_summary(self) -> str:
        state = self.session.state
        if state is None:
            return ""
        parts = []
        for name, tensor in state.tensors.items():
            if tensor.is_leaf and tensor.requires_grad and tensor.grad is not None:
                text = " ".join(tensor.grad.text.split())
                parts.append(f"\n   {name}.grad = {text[:200]}")
        return "".join(parts)

    def repeat_settings(self, count: int) -> tuple[str, Any, bool, bool]:
        """Run ×N's root, gradient and options, from the Backward panel."""
        root = self.backward_panel.current_root()
        if root is None:
            raise ScriptFailed(
                self.tr("no tensor has a grad_fn to call backward() on"), exc_type="RuntimeError"
            )
        try:
            gradient = self.backward_panel.gradient()
        except ValueError as exc:
            raise ScriptFailed(str(exc), exc_type="ValueError") from exc
        return (
            root,
            gradient,
            self.backward_panel.retain_graph.isChecked(),
            self.backward_panel.zero_before.isChecked(),
        )

    def _on_repeat_finished(self, outcome: Any) -> None:
        text = self.tr("Run ×{count}: {done} backward passes").format(
            count=outcome.requested, done=outcome.done
        )
        if outcome.error is not None:
            error = outcome.error
            if not isinstance(error, PlaygroundError):
                error = ScriptFailed(str(error), exc_type=type(error).__name__)
            self.console.show_error(error, context=self.tr("{done}, then").format(done=text))
        else:
            self.console.show_info(f"{text}{self._grad_summary()}")
        self.refresh_panels()

    # ------------------------------------------------------------------ editing helpers
    def _on_grad_mode(self, checked: bool) -> None:
        """The grad-mode switch is a rewrite of the script (one undo step), like every
        other GUI change: ``torch.set_grad_enabled(False)`` at the top, or removed."""
        if (grad_mode_off_line(self.source()) is not None) == checked:
            return
        try:
            self.editor.apply_edits(toggle_grad_mode(self.source()))
        except EditError as exc:
            self.statusBar().showMessage(
                self.tr("Grad mode not changed: {reason}").format(reason=exc), 8000
            )
        self._sync_grad_mode()

    def _sync_grad_mode(self) -> None:
        """The switch and the status bar follow the script's text."""
        off = grad_mode_off_line(self.source()) is not None
        action = self.actions_by_name["gradMode"]
        action.blockSignals(True)
        action.setChecked(off)
        action.blockSignals(False)
        self.grad_mode_off = off
        self._update_grad_mode_label()

    def _on_seed_toggled(self, checked: bool) -> None:
        """Remember the choice and re-run with it."""
        self.session.seed = checked
        store = settings()
        store.setValue("run/seed", checked)
        store.sync()
        self.run_now()

    def _update_grad_mode_label(self) -> None:
        self.grad_mode_label.setText(
            self.tr("grad mode: no_grad") if self.grad_mode_off else self.tr("grad mode: ON")
        )

    def toggle_no_grad_at_cursor(self) -> None:
        """Wrap/unwrap the statement under the text cursor in ``with torch.no_grad():``."""
        self.editor.toggle_no_grad(self.editor.textCursor().blockNumber() + 1)

    def add_tensor(self) -> None:
        """Open the Add tensor form; its statement is appended to the script."""
        self.editor.apply_edits(forms.add_tensor(self, self.source()) or [])

    def add_operation(self) -> None:
        """Open the Add operation form; its statement is appended to the script."""
        self.editor.apply_edits(forms.add_operation(self, self.source(), self.session.run) or [])

    def open_example(self, path: Path) -> None:
        """Open a built-in lesson as a fresh script and run it."""
        if self.files.open_example(path):
            self.run_now()

    def fit_graph(self) -> None:
        """Fit the autograd graph into its dock."""
        self.graph_panel.fit()

    def export_graph(self) -> None:
        """Ask for a file name and export the graph (SVG or PNG)."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export graph"), "graph.svg", "SVG (*.svg);;PNG (*.png)"
        )
        if path:
            self.graph_panel.export(path)

    def show_language_reference(self) -> HelpBrowser:
        """Open (or bring up) the supported-language page, beside the window."""
        if self.help_browser is None:
            self.help_browser = HelpBrowser(self.tr("Language reference"), help_page(), self)
        self.help_browser.show()
        self.help_browser.raise_()
        self.help_browser.activateWindow()
        return self.help_browser

    def about(self) -> None:
        """Short description of the app, its version and where to start."""
        from playground import __version__

        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_TITLE),
            f"<h3>{APP_TITLE}</h3>"
            + self.tr("<p>version {version} · PyTorch {torch}</p>").format(
                version=__version__, torch=self.session.kernel.client.info.get("torch", "?")
            )
            + self.tr(
                "<p>Learn PyTorch autograd by doing: edit the script, click Backward, watch "
                "requires_grad, grad_fn and .grad change. Every button is a rewrite of the "
                "code.</p>"
            )
            + self.tr(
                "<p><b>Start here:</b> open a lesson from the Examples menu (Ctrl+1 … Ctrl+6), "
                "click Backward (Ctrl+B) a few times and watch .grad add up; "
                "Zero grad (Ctrl+0) resets it. Tick requires_grad in the Tensors panel, or "
                "click the circle next to a line to wrap it in torch.no_grad(). "
                "Every shortcut is shown next to its menu entry.</p>"
            ),
        )

    def _on_language_chosen(self, action: QAction) -> None:
        """Save the chosen interface language; it applies at the next start."""
        i18n.save_language(str(action.data()))
        self.statusBar().showMessage(
            self.tr("Language saved: {language}. It applies at the next start.").format(
                language=action.text()
            ),
            8000,
        )

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.files.recent_files()
        if not recent:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.files.open(p))

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_TITLE}")

    # ------------------------------------------------------------------ layout & closing
    def _restore_layout(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        state = store.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self._restored = self.restoreState(state, STATE_VERSION)

    def save_layout(self) -> None:
        """Remember geometry and dock layout in ``QSettings``."""
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState(STATE_VERSION))
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Ask about unsaved changes, remember the layout, stop the worker."""
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.remember_layout:
            self.save_layout()
        self.worker.shutdown()
        self.repeat_runner.shutdown()
        self.session.shutdown()
        self.files.recovery_timer.stop()
        clear_recovery()
        event.accept()


def build_main_window(script: str = "", *, restricted: bool = False) -> QMainWindow:
    """Build (without showing) a fully wired window with *script* loaded and run."""
    return MainWindow(script, restricted=restricted)
