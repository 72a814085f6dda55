"""Run cell (Ctrl+Enter) and Run to cursor (Ctrl+Shift+Enter), in the Run menu.

Both run a prefix of the script: the lines up to the end of the ``# %%`` cell that holds
the cursor, or up to the end of the top-level statement at the cursor
(:mod:`playground.core.cells`). The prefix goes through the window's one run worker like
any run, so its errors keep their line numbers (the prefix's lines are the script's)
and every panel shows the state that prefix left; the status bar says what ran. The
next edit runs the whole script again, as always.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from playground.core import cells


class CellRunner(QObject):
    """Runs prefixes of the window's script and says in the status bar what ran."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        #: ``(source, status text)`` of the prefix run last asked for.
        self.pending: tuple[str, str] | None = None
        window.worker.runFinished.connect(self._on_run_finished)

    def cursor_line(self) -> int:
        """The 1-based line of the editor's cursor."""
        return int(self.window.editor.textCursor().blockNumber()) + 1

    def run_cell(self) -> str:
        """Run up to the end of the cell at the cursor; the prefix run."""
        text = self.window.source()
        end = cells.cell_end_line(text, self.cursor_line())
        covered = cells.describe_cells(text, end)
        if covered is None:
            message = self.tr("ran to line {line}").format(line=end)
        elif covered[0] == covered[1]:
            message = self.tr("ran cell {first}").format(first=covered[0])
        else:
            message = self.tr("ran cells {first}–{last}").format(first=covered[0], last=covered[1])
        return self.run_prefix(end, message)

    def run_to_cursor(self) -> str:
        """Run up to the end of the top-level statement at the cursor; the prefix run."""
        text = self.window.source()
        end = cells.statement_end_line(text, self.cursor_line())
        return self.run_prefix(end, self.tr("ran to line {line}").format(line=end))

    def run_prefix(self, end_line: int, message: str) -> str:
        """Run lines 1..*end_line* now; *message* goes to the status bar when it is done."""
        source = cells.prefix(self.window.source(), end_line)
        self.pending = (source, message)
        window = self.window
        window.worker.request(source, immediate=True, mode=window.mode)
        return source

    def _on_run_finished(self, outcome: Any) -> None:
        pending, self.pending = self.pending, None
        run = outcome.run
        if pending is None or run is None or run.source != pending[0]:
            return
        if run.error is None and outcome.state is not None:
            # After the window has shown the run (its own slot comes after this one).
            QTimer.singleShot(0, lambda: self.window.statusBar().showMessage(pending[1], 8000))

    def add_actions(self) -> None:
        """The Run menu's Run cell and Run to cursor actions."""
        window = self.window
        run_cell = window.add_action(
            "runCell",
            self.tr("Run &cell"),
            ["Ctrl+Return", "Ctrl+Enter"],
            self.run_cell,
            self.tr("Run the script up to the end of the # %% cell at the cursor"),
        )
        run_to = window.add_action(
            "runToCursor",
            self.tr("Run to c&ursor"),
            ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
            self.run_to_cursor,
            self.tr("Run the script up to the end of the statement at the cursor"),
        )
        window.add_menu_action("run", run_cell)
        window.add_menu_action("run", run_to)


def install(window: Any) -> CellRunner:
    """Add the Run cell and Run to cursor actions to the window's Run menu."""
    runner = CellRunner(window)
    runner.add_actions()
    return runner
