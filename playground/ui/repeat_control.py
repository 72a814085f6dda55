"""Run ×N in the kernel: the plot panel's controls wired to the session client.

The loop runs in the kernel child, so the window's event loop never competes with it
for the GIL; progress arrives about ten times a second with the live history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from playground.core.errors import PlaygroundError
from playground.ui.session_client import SessionClient


@dataclass(frozen=True)
class RepeatOutcome:
    """How a Run ×N ended (as the kernel reported it)."""

    requested: int
    done: int
    cancelled: bool
    error: PlaygroundError | None
    duration_s: float

    @property
    def ok(self) -> bool:
        """True when all ``requested`` runs completed."""
        return self.done == self.requested and self.error is None


#: ``settings(n) -> (root, gradient, retain_graph, zero_before)``, or raises PlaygroundError.
Settings = Callable[[int], tuple[str, Any, bool, bool]]


class RepeatController(QObject):
    """Click on ``repeatButton`` → Run ×N in the kernel → progress → :attr:`repeatFinished`."""

    repeatStarted = Signal(int)
    #: The :class:`RepeatOutcome` of every Run ×N (also one that could not start).
    repeatFinished = Signal(object)

    def __init__(
        self, panel: Any, client: SessionClient, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._panel = panel
        self._client = client
        self._settings = settings
        self._running = False
        panel.repeatRequested.connect(self.start)
        panel.cancelRequested.connect(self.cancel)
        client.repeatProgress.connect(self._on_progress)
        client.actionDone.connect(self._on_action_done)

    def is_running(self) -> bool:
        """True while a Run ×N is in progress."""
        return self._running

    def start(self, n: int) -> bool:
        """Start Run ×N with the Backward panel's settings; False when nothing started."""
        if self._running:
            return False
        try:
            root, gradient, retain_graph, zero_before = self._settings(n)
        except PlaygroundError as exc:
            self.repeatFinished.emit(RepeatOutcome(n, 0, False, exc, 0.0))
            return False
        self._running = True
        self._panel.set_repeat_running(True)
        self._client.repeat(n, root, gradient, retain_graph=retain_graph, zero_before=zero_before)
        self.repeatStarted.emit(n)
        return True

    def cancel(self) -> None:
        """Stop the running Run ×N (the runs so far are kept)."""
        if self._running:
            self._client.stop()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop a running loop (the kernel is killed with the window)."""
        self.cancel()
        return True

    def _on_progress(self, done: int, requested: int, history: Any) -> None:
        self._panel.set_progress(done, requested)
        if history is not None:
            self._panel.set_history(history, throttle=True)

    def _on_action_done(self, op: str, outcome: Any) -> None:
        if op != "repeat":
            return
        self._running = False
        self._panel.set_repeat_running(False)
        reply = outcome.reply or {}
        self._client.take_action_state(outcome)
        died = outcome.died
        error = outcome.error
        self.repeatFinished.emit(
            RepeatOutcome(
                requested=int(reply.get("requested", 0)),
                done=int(reply.get("done", 0)),
                cancelled=bool(reply.get("cancelled", False))
                or (died is not None and died.kind == "stopped"),
                error=error,
                duration_s=float(reply.get("duration_s", 0.0)),
            )
        )
