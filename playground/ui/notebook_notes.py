"""The Console's notes on a notebook just opened: which IPython-only lines were left out.

:class:`playground.ui.files.FileController` reads a ``.ipynb`` as its percent script and
keeps the :class:`~playground.core.notebook.DroppedLine` notes; they are written under
the output of the first run after the file was loaded (every run replaces the Console).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer

from playground.core.notebook import DroppedLine

#: The notes' sentences, translatable; the same English as ``core.notebook.NOTE_TEMPLATES``.
TEMPLATES = {
    "magic": QT_TRANSLATE_NOOP(
        "NotebookNotes", "cell {cell}, line {line}: dropped the IPython magic {text}"
    ),
    "time": QT_TRANSLATE_NOOP(
        "NotebookNotes", "cell {cell}, line {line}: dropped {text}, its statement is kept"
    ),
    "cell_magic": QT_TRANSLATE_NOOP(
        "NotebookNotes",
        "cell {cell}, line {line}: dropped the cell magic {text}, the cell's code is kept",
    ),
    "cell": QT_TRANSLATE_NOOP(
        "NotebookNotes", "cell {cell}: dropped the whole cell, its {text} magic does not run Python"
    ),
    "shell": QT_TRANSLATE_NOOP(
        "NotebookNotes", "cell {cell}, line {line}: dropped the shell command {text}"
    ),
    "help": QT_TRANSLATE_NOOP(
        "NotebookNotes", "cell {cell}, line {line}: dropped the IPython help request {text}"
    ),
    "get_ipython": QT_TRANSLATE_NOOP(
        "NotebookNotes", "cell {cell}, line {line}: dropped the IPython call {text}"
    ),
}


def note_text(note: DroppedLine) -> str:
    """One note in the interface language."""
    template = QCoreApplication.translate("NotebookNotes", TEMPLATES[note.kind])
    return template.format(cell=note.cell, line=note.line, text=note.text)


class NotebookNotes(QObject):
    """Keeps the notes of the notebook loaded last until its first run is shown."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        #: Notes waiting for the next finished run.
        self.pending: tuple[DroppedLine, ...] = ()
        window.files.scriptReplaced.connect(self._on_script_replaced)
        window.files.fileLoaded.connect(self._on_file_loaded)
        window.worker.runFinished.connect(self._on_run_finished)

    def _on_script_replaced(self) -> None:
        self.pending = ()

    def _on_file_loaded(self, _path: str, _text: str) -> None:
        self.pending = tuple(self.window.files.dropped_lines)

    def _on_run_finished(self, _outcome: Any) -> None:
        if self.pending:
            QTimer.singleShot(0, self.show_pending)  # after the window shows the run

    def show_pending(self) -> None:
        """Write the waiting notes under the Console's output (once)."""
        notes, self.pending = self.pending, ()
        if not notes:
            return
        console = self.window.console
        console.show_info(
            self.tr("The notebook's IPython-only lines were left out ({count}):").format(
                count=len(notes)
            )
        )
        for note in notes:
            console.show_info(note_text(note))


def install(window: Any) -> NotebookNotes:
    """Show a loaded notebook's dropped lines in the Console after its first run."""
    return NotebookNotes(window)
