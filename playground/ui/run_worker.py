"""Re-run the script in a worker ``QThread``: debounced while typing, cancellable, latest wins.

At most one run is in flight. A newer request sets the running run's cancel
:class:`threading.Event` and starts as soon as that run returns; results of
superseded runs are dropped, so the window only ever shows the newest script's state.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

#: Delay after the last keystroke before the script re-runs.
DEBOUNCE_MS = 250


class _RunThread(QThread):
    """Calls ``Session.run`` once, off the GUI thread, and reports the outcome."""

    done = Signal(object)

    def __init__(
        self,
        session: Any,
        source: str,
        grad_enabled: bool,
        cancel: threading.Event,
        generation: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._source = source
        self._grad_enabled = grad_enabled
        self.cancel = cancel
        self.generation = generation

    def run(self) -> None:
        """Thread body: the run's ``SessionRun``, or the unexpected exception, goes to ``done``."""
        try:
            outcome: Any = self._session.run(
                self._source, grad_enabled=self._grad_enabled, cancel=self.cancel
            )
        except Exception as exc:  # a bug in the core: reported in the window, not swallowed
            outcome = exc
        self.done.emit((self.generation, outcome))


class RunWorker(QObject):
    """Schedules ``session.run(source, grad_enabled=..., cancel=...)`` in a ``QThread``."""

    #: A run started in the background.
    runStarted = Signal()
    #: The newest run finished: the ``SessionRun`` (adopt it on the GUI thread).
    runFinished = Signal(object)
    #: The user cancelled the running script (nothing newer is queued).
    runCancelled = Signal()
    #: ``Session.run`` itself raised (a bug): the exception text.
    runCrashed = Signal(str)

    def __init__(self, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._thread: _RunThread | None = None
        self._pending: tuple[str, bool] | None = None
        self._generation = 0
        self._user_cancelled = False
        self.debounce_ms = DEBOUNCE_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_pending)

    def request(self, source: str, *, grad_enabled: bool = True, immediate: bool = False) -> None:
        """Ask for a run of *source*; it supersedes every earlier request.

        ``immediate`` (structured edits, Run button) starts it now; otherwise it waits
        :attr:`debounce_ms` after the last request (typing).
        """
        self._generation += 1
        self._pending = (source, grad_enabled)
        self._user_cancelled = False
        if self._thread is not None:
            self._thread.cancel.set()
        if immediate:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start(self.debounce_ms)

    def cancel(self) -> None:
        """Stop the running script and drop any queued request."""
        self._timer.stop()
        self._pending = None
        if self._thread is not None:
            self._user_cancelled = True
            self._thread.cancel.set()

    def is_busy(self) -> bool:
        """Whether a run is in flight or queued."""
        return self._thread is not None or self._pending is not None

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for the worker thread; True if it stopped in time."""
        self.cancel()
        thread = self._thread
        return thread is None or thread.wait(timeout_ms)

    def _start_pending(self) -> None:
        if self._pending is None or self._thread is not None:
            return  # a running (cancelled) run starts the pending one when it returns
        source, grad_enabled = self._pending
        self._pending = None
        thread = _RunThread(
            self._session, source, grad_enabled, threading.Event(), self._generation
        )
        thread.done.connect(self._on_done)
        self._thread = thread
        thread.start()
        self.runStarted.emit()

    def _on_done(self, payload: tuple[int, Any]) -> None:
        generation, outcome = payload
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        latest = generation == self._generation and self._pending is None
        if isinstance(outcome, Exception):
            self.runCrashed.emit(f"{type(outcome).__name__}: {outcome}")
        elif latest and self._user_cancelled:
            self._user_cancelled = False
            self.runCancelled.emit()
        elif latest:
            self.runFinished.emit(outcome)
        if self._pending is not None and not self._timer.isActive():
            self._start_pending()
