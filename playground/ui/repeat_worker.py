"""Run ×N off the GUI thread: :func:`playground.core.repeat.run_repeated` in a QThread.

:class:`RepeatWorker` lives in the GUI thread; each :meth:`RepeatWorker.start` runs the
loop in a fresh thread and reports, through queued signals, progress (≤ 30 Hz) and the
final :class:`~playground.core.repeat.RepeatOutcome`. :class:`RepeatController` wires a
plot panel's Run ×N controls to one (the main window's wiring)::

    runner = RepeatController(panel, lambda n: session.make_repeat_step(root), window)
    runner.repeatFinished.connect(show_outcome)
    ...
    runner.shutdown()  # before the window closes
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QThread, Signal

from playground.core.errors import PlaygroundError
from playground.core.repeat import RepeatOutcome, run_repeated
from playground.ui.gui_idle import (  # noqa: F401 (gui_busy re-exported)
    GUI_IDLE,
    gui_busy,
    is_busy,
    on_gui_about_to_block,
    on_gui_awake,
)

Step = Callable[[], None]


class _RepeatThread(QThread):
    """One Run ×N loop in its own thread."""

    progressed = Signal(int, int)
    ended = Signal(object)

    def __init__(self, step: Step, n: int, cancel: threading.Event, parent: QObject) -> None:
        super().__init__(parent)
        self._step = step
        self._n = n
        self._cancel = cancel

    def run(self) -> None:
        """The thread body: the loop, then the outcome."""
        outcome = run_repeated(
            self._step,
            self._n,
            cancel=self._cancel,
            on_progress=lambda done: self.progressed.emit(done, self._n),
            gate=GUI_IDLE,
        )
        self.ended.emit(outcome)


class RepeatWorker(QObject):
    """Runs Run ×N loops in a worker thread, one at a time."""

    #: N, when a loop starts.
    started = Signal(int)
    #: (runs done, runs requested), at most ~30 times a second and once at the end.
    progress = Signal(int, int)
    #: The :class:`RepeatOutcome` (completed, cancelled, or stopped by the step's error).
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _RepeatThread | None = None
        self._dispatcher: QAbstractEventDispatcher | None = None
        self._cancel = threading.Event()
        #: The outcome of the last loop that ended.
        self.last_outcome: RepeatOutcome | None = None

    def is_running(self) -> bool:
        """True while a loop is in progress."""
        return self._thread is not None

    def start(self, step: Step, n: int) -> bool:
        """Call ``step()`` ``n`` times in a worker thread; False if a loop is already running."""
        if self._thread is not None:
            return False
        self._cancel = threading.Event()
        thread = _RepeatThread(step, int(n), self._cancel, self)
        thread.progressed.connect(self.progress)
        thread.ended.connect(self._on_ended)
        self._thread = thread
        self._watch_event_loop(True)
        thread.start()
        self.started.emit(int(n))
        return True

    def cancel(self) -> None:
        """Stop the running loop after its current run (the runs so far are kept)."""
        self._cancel.set()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel and wait for the thread (before the window closes); True if it ended."""
        thread = self._thread
        if thread is None:
            return True
        self._cancel.set()
        # The GUI thread is busy here (it is us), so open the gate for the loop to see
        # the cancel flag and end.
        GUI_IDLE.set()
        return thread.wait(timeout_ms)

    def _watch_event_loop(self, on: bool) -> None:
        """While a loop runs, it only runs while the GUI thread's event loop is idle.

        The GUI thread's dispatcher says when it wakes up (events to handle: hold the
        loop back) and when it is about to sleep (let the loop run again).
        """
        if on:
            self._dispatcher = QAbstractEventDispatcher.instance()
            if self._dispatcher is not None:
                self._dispatcher.awake.connect(on_gui_awake)
                self._dispatcher.aboutToBlock.connect(on_gui_about_to_block)
        elif self._dispatcher is not None:
            self._dispatcher.awake.disconnect(on_gui_awake)
            self._dispatcher.aboutToBlock.disconnect(on_gui_about_to_block)
            self._dispatcher = None
            if not is_busy():
                GUI_IDLE.set()

    def _on_ended(self, outcome: RepeatOutcome) -> None:
        self._watch_event_loop(False)
        thread = self._thread
        self._thread = None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        self.last_outcome = outcome
        self.finished.emit(outcome)


class RepeatController(QObject):
    """Wires a :class:`~playground.ui.plot_panel.PlotPanel`'s Run ×N controls to a worker.

    Click on ``repeatButton`` → ``step_factory(n)`` (e.g. the Session's
    ``make_repeat_step`` with the Backward panel's settings) → :class:`RepeatWorker` →
    progress bar and throttled live plot → :attr:`repeatFinished`. Cancel stops it.
    A factory raising :class:`~playground.core.errors.PlaygroundError` (nothing to run)
    is reported as an outcome with ``done == 0`` and that error.
    """

    #: N, when a loop starts.
    repeatStarted = Signal(int)
    #: The :class:`RepeatOutcome` of every Run ×N (also one that could not start).
    repeatFinished = Signal(object)

    def __init__(
        self,
        panel: QObject,
        step_factory: Callable[[int], Step],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panel = panel
        self._factory = step_factory
        self.worker = RepeatWorker(self)
        self.worker.progress.connect(panel.set_progress)
        self.worker.finished.connect(self._on_finished)
        panel.repeatRequested.connect(self.start)
        panel.cancelRequested.connect(self.cancel)

    def is_running(self) -> bool:
        """True while a Run ×N is in progress."""
        return self.worker.is_running()

    def start(self, n: int) -> bool:
        """Build the step and run it ``n`` times; False when nothing started."""
        if self.worker.is_running():
            return False
        try:
            step = self._factory(n)
        except PlaygroundError as exc:
            self.repeatFinished.emit(RepeatOutcome(n, 0, False, exc, 0.0))
            return False
        self._panel.set_repeat_running(True)
        self.worker.start(step, n)
        self.repeatStarted.emit(n)
        return True

    def cancel(self) -> None:
        """Stop the running Run ×N after its current run (the runs so far are kept)."""
        self.worker.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel and wait for the worker thread (call before the window closes)."""
        return self.worker.shutdown(timeout_ms)

    def _on_finished(self, outcome: RepeatOutcome) -> None:
        self._panel.set_repeat_running(False)
        self._panel.redraw()
        self.repeatFinished.emit(outcome)
