"""File handling: New / Open / Save / Save As (atomic), recent files, and a recovery copy.

Unsaved changes are never lost silently: closing or replacing a modified script asks
first, and while the script is modified a recovery copy is written periodically to
the config folder and offered at the next start.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    QSaveFile,
    QSettings,
    QStandardPaths,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from playground.core.errors import PlaygroundError
from playground.core.notebook import DroppedLine, script_to_notebook
from playground.core.source_file import is_notebook, read_source
from playground.ui.editor import CodeEditor

#: Environment variable overriding where settings and the recovery copy live.
CONFIG_DIR_ENV = "GRADIENT_PLAYGROUND_CONFIG_DIR"
#: How many recent files the File menu lists.
MAX_RECENT = 8
#: How often the recovery copy is refreshed while the script is modified.
RECOVERY_INTERVAL_MS = 15_000
PY_FILTER = QT_TRANSLATE_NOOP(
    "FileController", "Python scripts (*.py);;Notebooks (*.ipynb);;All files (*)"
)


def config_dir() -> Path:
    """Folder for settings and recovery: ``$GRADIENT_PLAYGROUND_CONFIG_DIR`` or the OS default."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base or Path.home() / ".config") / "gradient-playground"


def settings() -> QSettings:
    """The app's ``QSettings`` (an INI file in :func:`config_dir`)."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def recovery_path() -> Path:
    """Where the recovery copy of an unsaved script is kept."""
    return config_dir() / "recovery" / "unsaved.py"


def _recovery_meta_path() -> Path:
    return recovery_path().with_suffix(".json")


def write_atomic(path: Path | str, text: str) -> None:
    """Write *text* (UTF-8) to *path* through ``QSaveFile``: the old file survives any failure."""
    target = QSaveFile(str(path))
    if not target.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {target.errorString()}")
    data = text.encode("utf-8")
    if target.write(data) != len(data):
        target.cancelWriting()
        raise OSError(f"cannot write {path}: {target.errorString()}")
    if not target.commit():
        raise OSError(f"cannot write {path}: {target.errorString()}")


def pending_recovery() -> tuple[str, str | None] | None:
    """(text, original path or None) of a recovery copy left by an earlier session."""
    path = recovery_path()
    if not path.is_file():
        return None
    original = None
    meta = _recovery_meta_path()
    if meta.is_file():
        original = json.loads(meta.read_text(encoding="utf-8")).get("path")
    return path.read_text(encoding="utf-8"), original


def clear_recovery() -> None:
    """Delete the recovery copy (after a save, a clean close or a declined restore)."""
    for path in (recovery_path(), _recovery_meta_path()):
        path.unlink(missing_ok=True)


class FileController(QObject):
    """Owns the current file path and the editor's saved/modified state."""

    #: The current file changed ("" for an untitled script).
    pathChanged = Signal(str)
    #: The editor now holds a different script (New, Open, an example, a recovery).
    scriptReplaced = Signal()
    #: ``(path, text)`` of a file just loaded from disk (the window decides its trust).
    fileLoaded = Signal(str, str)
    #: The recent-files list changed.
    recentChanged = Signal(list)

    def __init__(self, editor: CodeEditor, window: QWidget) -> None:
        super().__init__(window)
        self._editor = editor
        self._window = window
        self.path: Path | None = None
        #: The IPython-only lines left out of the notebook loaded last (``DroppedLine``).
        self.dropped_lines: tuple[DroppedLine, ...] = ()
        #: File name of the built-in lesson on screen (an untitled copy of it), if any.
        self.example_name: str | None = None
        self.recovery_timer = QTimer(self)
        self.recovery_timer.setInterval(RECOVERY_INTERVAL_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()

    # ---------------------------------------------------------------- state
    def is_modified(self) -> bool:
        """Whether the script has changes not saved to a file."""
        return self._editor.document().isModified()

    def display_name(self) -> str:
        """File name for the title bar: the file, the lesson's name for an example not
        saved yet, else "untitled.py"."""
        if self.path is not None:
            return self.path.name
        return self.example_name or "untitled.py"

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        self.example_name = None
        self.pathChanged.emit(str(path) if path else "")
        if path is not None:
            self._add_recent(path)

    # ---------------------------------------------------------------- actions
    def new(self) -> bool:
        """Start an empty script (asks first if the current one is modified)."""
        if not self.maybe_save():
            return False
        self.scriptReplaced.emit()
        self._editor.set_script("")
        self._set_path(None)
        return True

    def open(self, path: Path | str | None = None) -> bool:
        """Open *path* (or ask for one); False if cancelled or unreadable."""
        if not self.maybe_save():
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._window, self.tr("Open script"), "", self.tr(PY_FILTER)
            )
            if not chosen:
                return False
            path = chosen
        return self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Load *path* into the editor without asking (used at start-up)."""
        try:
            loaded = read_source(path)
        except (OSError, PlaygroundError) as exc:
            message = exc.describe() if isinstance(exc, PlaygroundError) else str(exc)
            QMessageBox.warning(
                self._window,
                self.tr("Open failed"),
                self.tr("Cannot open {path}:\n{message}").format(path=path, message=message),
            )
            return False
        text = loaded.text
        self.scriptReplaced.emit()
        self.dropped_lines = loaded.dropped  # a notebook's IPython-only lines, for the Console
        self._editor.set_script(text)
        self._set_path(path.resolve())
        self.fileLoaded.emit(str(path.resolve()), text)
        return True

    def open_example(self, path: Path) -> bool:
        """Load a built-in lesson as a fresh, untitled script."""
        if not self.maybe_save():
            return False
        self.scriptReplaced.emit()
        self._editor.set_script(path.read_text(encoding="utf-8"))
        self.path = None
        self.example_name = path.name
        self.pathChanged.emit("")
        return True

    def save(self) -> bool:
        """Save to the current file (Save As for an untitled script)."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self, path: Path | str | None = None) -> bool:
        """Save under a new name (asked for when *path* is None)."""
        if path is None:
            chosen, kind = QFileDialog.getSaveFileName(
                self._window, self.tr("Save script as"), self.display_name(), self.tr(PY_FILTER)
            )
            if not chosen:
                return False
            path = chosen
            if Path(chosen).suffix == "" and "*.ipynb" in kind and "*.py" not in kind:
                path = f"{chosen}.ipynb"
        path = Path(path)
        if path.suffix == "":
            path = path.with_suffix(".py")
        if not self._write(path):
            return False
        self._set_path(path.resolve())
        return True

    def _write(self, path: Path) -> bool:
        try:
            write_atomic(path, self._file_text(path))
        except (OSError, PlaygroundError) as exc:
            QMessageBox.warning(self._window, self.tr("Save failed"), str(exc))
            return False
        self._editor.document().setModified(False)
        clear_recovery()
        return True

    def _file_text(self, path: Path) -> str:
        """What is written to *path*: the script, or the notebook of it for a ``.ipynb``."""
        text = self._editor.toPlainText()
        if not is_notebook(path):
            return text
        return script_to_notebook(text)

    def maybe_save(self) -> bool:
        """If modified, ask Save / Discard / Cancel; True when it is fine to go on."""
        if not self.is_modified():
            return True
        answer = QMessageBox.question(
            self._window,
            self.tr("Unsaved changes"),
            self.tr("{name} has unsaved changes. Save them?").format(name=self.display_name()),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ---------------------------------------------------------------- recent files
    def recent_files(self) -> list[str]:
        """Recently opened or saved files, newest first."""
        value = settings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _add_recent(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        store = settings()
        store.setValue("recentFiles", recent[:MAX_RECENT])
        store.sync()
        self.recentChanged.emit(recent[:MAX_RECENT])

    # ---------------------------------------------------------------- recovery
    def write_recovery(self) -> Path | None:
        """Write the recovery copy if the script is modified; its path, or None."""
        if not self.is_modified():
            return None
        path = recovery_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, self._editor.toPlainText())
        meta = json.dumps({"path": str(self.path) if self.path else None})
        write_atomic(_recovery_meta_path(), meta)
        return path

    def offer_recovery(self) -> bool:
        """At start-up: offer the recovery copy of an earlier session; True if restored."""
        pending = pending_recovery()
        if pending is None:
            return False
        text, original = pending
        answer = QMessageBox.question(
            self._window,
            self.tr("Recover unsaved script?"),
            self.tr(
                "Gradient Playground was closed with unsaved changes to {file}. Restore them?"
            ).format(file=original)
            if original
            else self.tr("Gradient Playground was closed with unsaved changes. Restore them?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            clear_recovery()
            return False
        self.scriptReplaced.emit()
        self._editor.set_script(text)
        self._editor.document().setModified(True)
        self._set_path(Path(original) if original else None)
        return True
