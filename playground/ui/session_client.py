"""The window's one evented session: runs and actions in the kernel, results as signals.

:class:`SessionClient` owns the :class:`~playground.protocol.session.KernelSession`
(the zygote and the live child), runs every job on one worker thread so the GUI thread
never waits on the kernel, and holds what the panels draw: the last good
:class:`~playground.protocol.views.RunView` and :class:`~playground.protocol.views.StateView`.
Panels subscribe to its signals; nothing here imports torch.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from playground.core.history_data import history_from_wire
from playground.protocol.client import KernelError
from playground.protocol.session import ActionOutcome, KernelSession, RunOutcome
from playground.protocol.views import RunView, StateView

#: How often the zygote is checked (and restarted if it died).
WATCH_MS = 1000
#: Longest the GUI thread waits for an on-demand answer (inspector text, saved values).
ON_DEMAND_WAIT_S = 0.3
#: Longest an on-demand answer may take before the child is stopped.
ON_DEMAND_SECONDS = 2.0
#: Longest quitting waits for the worker thread (an idle one ends at once).
SHUTDOWN_JOIN_S = 0.1


class SessionClient(QObject):
    """See the module docstring."""

    #: A run was sent to the kernel.
    runStarted = Signal()
    #: ``(generation, RunOutcome)`` of a run submitted with :meth:`submit_run`.
    runDone = Signal(object)
    #: One chunk of output, as the script prints it.
    output = Signal(object)
    #: ``(op, ActionOutcome)`` of Backward, Zero grad or Run ×N.
    actionDone = Signal(str, object)
    #: ``(done, requested, HistoryData | None)`` during Run ×N.
    repeatProgress = Signal(int, int, object)
    #: The state every panel draws changed (a run, or an action on the live session).
    stateChanged = Signal(object)
    #: One line about the kernel itself (restarted, sandbox incomplete, could not start).
    kernelMessage = Signal(str)

    def __init__(self, parent: QObject | None = None, kernel: KernelSession | None = None) -> None:
        super().__init__(parent)
        self.kernel = kernel or KernelSession()
        self.kernel.start()
        #: The last run that replaced the state, and that state.
        self.run: RunView | None = None
        self.state: StateView | None = None
        #: ``torch.manual_seed(0)`` before every run (the same numbers on each live re-run).
        self.seed = True
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._busy = 0
        self._busy_lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name="kernel-session", daemon=True)
        self._thread.start()
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check_kernel)
        self._watch.start()
        self._reported_restarts = 0

    # ---------------------------------------------------------------- worker
    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job()
            finally:
                with self._busy_lock:
                    self._busy -= 1

    def _submit(self, job: Callable[[], None]) -> None:
        # A new job starts unstopped; a Stop pressed after this, even before the job
        # starts, stops it (the worker never clears the flag itself).
        self.kernel.stop.clear()
        with self._busy_lock:
            self._busy += 1
        self._jobs.put(job)

    def is_busy(self) -> bool:
        """Whether a job is running or queued."""
        with self._busy_lock:
            return self._busy > 0

    def stop(self) -> None:
        """Stop what the kernel is doing (interrupt, then kill after 0.5 s)."""
        self.kernel.stop.set()

    def shutdown(self) -> None:
        """Stop the job, end the worker thread, kill the kernel."""
        self._watch.stop()
        self.stop()
        # Nothing reaches the panels after this; a job still blocked on the kernel ends
        # with the process (its child and the zygote die with the window), so quitting
        # never waits for a run or for torch to finish importing.
        self.blockSignals(True)
        self._jobs.put(None)
        self._thread.join(SHUTDOWN_JOIN_S)
        self.kernel.close()

    def _check_kernel(self) -> None:
        client = self.kernel.client
        if client.restarts > self._reported_restarts:
            self._reported_restarts = client.restarts
            self.kernelMessage.emit(self.tr("The kernel process stopped and was restarted."))

    # ---------------------------------------------------------------- runs
    def _run(self, source: str, mode: str, grad_enabled: bool, seed: bool) -> RunOutcome:
        try:
            return self.kernel.run(
                source,
                mode=mode,
                grad_enabled=grad_enabled,
                seed=seed,
                on_output=self.output.emit,
                clear_stop=False,
            )
        except KernelError as exc:
            from playground.protocol.client import ChildDied

            died = ChildDied(str(exc), None, "kernel", exc.key, exc.params)
            return RunOutcome(None, None, died)

    def run_blocking(
        self,
        source: str,
        *,
        mode: str = "python",
        grad_enabled: bool = True,
        seed: bool | None = None,
    ) -> RunOutcome:
        """Run on the calling thread (the first run of ``main_window(script)``)."""
        outcome = self._run(source, mode, grad_enabled, self.seed if seed is None else seed)
        self.adopt(outcome)
        return outcome

    def submit_run(
        self,
        source: str,
        generation: int,
        *,
        mode: str = "python",
        grad_enabled: bool = True,
        seed: bool | None = None,
    ) -> None:
        """Run in the worker; ``runDone((generation, outcome))`` when it ends."""
        self.runStarted.emit()
        seed = self.seed if seed is None else seed

        def job() -> None:
            self.runDone.emit((generation, self._run(source, mode, grad_enabled, seed)))

        self._submit(job)

    def adopt(self, outcome: RunOutcome) -> None:
        """Make a run's state the one on screen (GUI thread); a run that did not replace
        the state leaves the last good one."""
        if outcome.state is None or outcome.run is None:
            return
        outcome.run.tensor_views = outcome.state.tensors
        previous = self.state.history if self.state is not None else None
        if previous is not None and outcome.state.history.previous is None and previous.count:
            previous.previous = None
            outcome.state.history.previous = previous
        self.run = outcome.run
        self._set_state(outcome.state)

    def _set_state(self, state: StateView) -> None:
        if self.state is not None and state.history.previous is None:
            state.history.previous = self.state.history.previous
        self.state = state
        if self.run is not None:
            self.run.tensor_views = state.tensors
        self.stateChanged.emit(state)

    def take_action_state(self, outcome: ActionOutcome) -> None:
        """Adopt the state an action left (GUI thread)."""
        if outcome.state is not None:
            self._set_state(outcome.state)

    # ---------------------------------------------------------------- actions
    def _action(self, op: str, message: dict[str, Any], reply: str, **kwargs: Any) -> None:
        def job() -> None:
            self.actionDone.emit(
                op, self.kernel.request(message, reply, clear_stop=False, **kwargs)
            )

        self._submit(job)

    def backward(
        self,
        root: str,
        gradient: np.ndarray | None,
        *,
        retain_graph: bool = True,
        zero_before: bool = False,
    ) -> None:
        """``root.backward(gradient, retain_graph=...)`` in the live session."""
        message = {
            "op": "backward",
            "root": root,
            "gradient": gradient,
            "retain_graph": retain_graph,
            "zero_before": zero_before,
        }
        self._action("backward", message, "backward_done")

    def zero_grad(self, *, set_to_none: bool = False) -> None:
        """Zero (or drop) every leaf's ``.grad`` in the live session."""
        self._action("zero_grad", {"op": "zero_grad", "set_to_none": set_to_none}, "zero_done")

    def repeat(
        self,
        count: int,
        root: str,
        gradient: np.ndarray | None,
        *,
        retain_graph: bool = True,
        zero_before: bool = False,
    ) -> None:
        """Run ×N in the kernel, with progress (and the live history) as signals."""
        message = {
            "op": "repeat",
            "count": int(count),
            "root": root,
            "gradient": gradient,
            "retain_graph": retain_graph,
            "zero_before": zero_before,
        }

        def progress(reply: dict) -> None:
            if reply.get("op") != "progress":
                return
            history = None
            if isinstance(reply.get("history"), dict):
                try:
                    history = history_from_wire(reply["history"])
                except (KeyError, TypeError, ValueError):
                    history = None
            self.repeatProgress.emit(int(reply["done"]), int(reply["requested"]), history)

        self._action("repeat", message, "repeat_done", on_message=progress)

    def timeline(self) -> None:
        """Ask the live child for its run's forward timeline, in the worker:
        ``actionDone("timeline", outcome)`` with the raw ``timeline`` message as reply."""
        self._action("timeline", {"op": "timeline"}, "timeline", with_state=False)

    # ---------------------------------------------------------------- on demand
    def jacobian(self, root: str, leaf: str, gradient: Any, request_id: int) -> None:
        """J = ∂root/∂leaf with vᵀJ and finite differences, in the worker:
        ``actionDone("jacobian", outcome)`` with the raw ``jacobian`` message as reply."""
        seed = self.seed

        def job() -> None:
            outcome = self.kernel.jacobian(
                root, leaf, gradient, seed=seed, request_id=request_id, clear_stop=False
            )
            self.actionDone.emit("jacobian", outcome)

        self._submit(job)

    def _on_demand(self, message: dict[str, Any], reply_op: str) -> dict[str, Any] | None:
        """Ask the live child at once; ``None`` if it is busy or gone."""
        outcome = self.kernel.request(
            message, reply_op, with_state=False, wait=ON_DEMAND_WAIT_S, seconds=ON_DEMAND_SECONDS
        )
        return outcome.reply

    def tensor_text(self, name: str) -> str | None:
        """PyTorch's full text of tensor ``name`` (``None`` if the kernel is busy)."""
        reply = self._on_demand({"op": "tensor_text", "name": name}, "tensor_text")
        return str(reply["text"]) if reply is not None else None

    def why_none(self, name: str) -> Any:
        """Why ``name``.grad is None or zero: a
        :class:`~playground.protocol.views.WhyNoneView` (``None`` if the kernel is busy)."""
        return self.kernel.why_none(name, wait=ON_DEMAND_WAIT_S, seconds=ON_DEMAND_SECONDS)

    def saved_values(self, node_id: str) -> dict[str, str]:
        """What backward node ``node_id`` saved, read live (empty if the kernel is busy)."""
        reply = self._on_demand({"op": "saved", "node_id": node_id}, "saved")
        values = reply.get("values") if reply is not None else None
        if not isinstance(values, dict):
            return {}
        return {str(k): str(v) for k, v in values.items()}
