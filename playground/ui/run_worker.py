"""Re-run the script in the kernel: debounced while typing, cancellable, latest wins.

At most one run is in flight. A newer request stops the running one (its child is
interrupted, then killed) and starts as soon as it returns; results of superseded runs
are dropped, so the window only ever shows the newest script's state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from playground.core.errors import RunCancelled
from playground.ui import death_text
from playground.ui.session_client import SessionClient

#: Delay after the last keystroke before the script re-runs.
DEBOUNCE_MS = 250


class RunWorker(QObject):
    """Schedules runs of the script on a :class:`SessionClient`."""

    #: A run started in the background.
    runStarted = Signal()
    #: The newest run finished: its :class:`~playground.protocol.session.RunOutcome`.
    runFinished = Signal(object)
    #: The user cancelled the running script (nothing newer is queued).
    runCancelled = Signal()
    #: The kernel could not run it at all (it did not start): one line.
    runCrashed = Signal(str)

    def __init__(self, client: SessionClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self._running: int | None = None
        self._pending: tuple[str, bool, str] | None = None
        self._generation = 0
        self._user_cancelled = False
        self.debounce_ms = DEBOUNCE_MS
        #: Asked for the mode when a run starts (the mode may change while one is queued,
        #: e.g. an untrusted file loaded: it must never run as Python).
        self.mode_provider: Callable[[], str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_pending)
        client.runDone.connect(self._on_done)

    def request(
        self,
        source: str,
        *,
        grad_enabled: bool = True,
        immediate: bool = False,
        mode: str = "python",
    ) -> None:
        """Ask for a run of *source*; it supersedes every earlier request.

        ``immediate`` (structured edits, Run button) starts it now; otherwise it waits
        :attr:`debounce_ms` after the last request (typing).
        """
        self._generation += 1
        self._pending = (source, grad_enabled, mode)
        self._user_cancelled = False
        if self._running is not None:
            self.client.stop()
        if immediate:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start(self.debounce_ms)

    def cancel(self) -> None:
        """Stop the running script and drop any queued request."""
        self._timer.stop()
        self._pending = None
        if self._running is not None:
            self._user_cancelled = True
            self.client.stop()

    def is_busy(self) -> bool:
        """Whether a run is in flight or queued."""
        return self._running is not None or self._pending is not None

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything (the kernel kills the child)."""
        self.cancel()
        return True

    def _start_pending(self) -> None:
        if self._pending is None or self._running is not None:
            return  # the stopped run starts the pending one when it returns
        source, grad_enabled, mode = self._pending
        self._pending = None
        if self.mode_provider is not None:
            mode = self.mode_provider()
        self._running = self._generation
        self.client.submit_run(source, self._generation, mode=mode, grad_enabled=grad_enabled)
        self.runStarted.emit()

    def _on_done(self, payload: tuple[int, Any]) -> None:
        generation, outcome = payload
        self._running = None
        latest = generation == self._generation and self._pending is None
        died = outcome.died
        cancelled = (died is not None and died.kind == "stopped") or (
            outcome.run is not None and isinstance(outcome.run.error, RunCancelled)
        )
        if died is not None and died.kind == "kernel":
            self.runCrashed.emit(death_text.reason(died))
        elif latest and (self._user_cancelled or cancelled):
            self._user_cancelled = False
            self.runCancelled.emit()
        elif latest:
            self.runFinished.emit(outcome)
        if self._pending is not None and not self._timer.isActive():
            self._start_pending()
