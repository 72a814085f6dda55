"""The kernel child: runs one script in the sandbox, then serves the window's buttons.

A child is forked from the zygote ahead of time and waits for its ``run`` message.
Then it sandboxes itself (:mod:`playground.kernel.sandbox`), runs the script (Python
mode or the restricted interpreter), sends what it printed as it prints it, the run's
end and the state of every panel, and stays alive to answer Backward, Zero grad,
Run ×N, the step-through and the inspector until the window drops it.
"""

from __future__ import annotations

import faulthandler
import os
import select
import signal
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from playground.core.backward_trace import BackwardTracer
from playground.core.errors import ScriptFailed
from playground.core.history import RunHistory
from playground.core.history_data import history_to_wire
from playground.core.repeat import run_repeated
from playground.core.runner import run_script
from playground.core.session import Session, SessionRun
from playground.kernel import python_mode, snapshot, timeline
from playground.kernel.timeline import Timeline
from playground.protocol import codec
from playground.protocol.views import error_to_wire

#: Seconds a Python-mode run may take before it stops itself.
PYTHON_MAX_SECONDS = 30.0
#: Threads each child's PyTorch may use.
CHILD_THREADS = 2
#: Run ×N sends its progress (and its history) at most this often.
REPEAT_REPORT_S = 0.1
#: Run ×N sends the history with its progress while it has at most this many rows × tracks.
LIVE_HISTORY_ROWS = 200_000


class Child:
    """The state of one child: its socket, its session and its cancel flag."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.session = Session()
        self.mode = "python"
        self.cancel = threading.Event()
        self._in_python = False
        self.max_seconds = PYTHON_MAX_SECONDS
        self._send_lock = threading.Lock()
        self.fds: FdCapture | None = None
        #: The forward timeline of the last run (Python mode), else ``None``.
        self.timeline: Timeline | None = None
        #: Most graph nodes per state message (the run request may ask for more).
        self.graph_limit = snapshot.MAX_GRAPH_NODES

    # ---------------------------------------------------------------- signals
    def on_interrupt(self, _signum: int, _frame: Any) -> None:
        """Stop: set the flag the restricted interpreter and Run ×N poll; in Python
        mode interrupt the script itself."""
        self.cancel.set()
        if self._in_python:
            raise python_mode.Cancelled()

    def on_alarm(self, _signum: int, _frame: Any) -> None:
        """The run's time is up."""
        self.cancel.set()
        if self._in_python:
            raise python_mode.TimeLimitReached(
                f"the script ran longer than {self.max_seconds:g} s and was stopped"
            )

    # ---------------------------------------------------------------- running
    def send(self, message: dict[str, Any]) -> None:
        """One message to the window (from the main thread or the fd readers)."""
        with self._send_lock:
            codec.send(self.sock, message)

    def run(self, request: dict[str, Any]) -> None:
        """Run the script of ``request`` and report its output, end and state."""
        source = str(request["source"])
        self.mode = "restricted" if request.get("mode") == "restricted" else "python"
        grad_enabled = bool(request.get("grad_enabled", True))
        limit = request.get("max_graph_nodes")
        if isinstance(limit, int) and not isinstance(limit, bool):
            self.graph_limit = max(1, min(limit, snapshot.MAX_GRAPH_NODES_ASKED))

        def stream(chunk: Any) -> None:
            if chunk.kind == "stdout":
                chunk.text.encode("utf-8")  # what a UTF-8 stdout raises for lone surrogates
            self.send({"op": "out", "kind": chunk.kind, "text": chunk.text, "line": chunk.line})

        history, tracer = RunHistory(), BackwardTracer()
        # The forward timeline is for the window (one-shot commands ask for none).
        wanted = request.get("timeline", True) is not False
        self.timeline = Timeline(source) if self.mode == "python" and wanted else None
        if self.mode == "python":
            self.max_seconds = float(request.get("max_seconds", PYTHON_MAX_SECONDS))
            signal.setitimer(signal.ITIMER_REAL, self.max_seconds)
            self._in_python = True
            try:
                result, _globals = python_mode.run_python(
                    source,
                    filename=str(request.get("filename") or "script.py"),
                    grad_enabled=grad_enabled,
                    seed=bool(request.get("seed", True)),
                    observers=(history, tracer),
                    on_output=stream,
                    on_statement=self.timeline.record if self.timeline is not None else None,
                )
            finally:
                self._in_python = False
                signal.setitimer(signal.ITIMER_REAL, 0)
            result.grad_enabled = grad_enabled
        else:
            result = run_script(
                source,
                grad_enabled=grad_enabled,
                observers=(history, tracer),
                cancel=self.cancel,
                on_output=stream,
            )
        self.session.current = SessionRun(result=result, history=history, tracer=tracer)
        self.cancel.clear()
        if self.fds is not None:
            self.fds.drain()
        message = snapshot.run_message(self.session.current, self.mode)
        message["chunks"] = []  # already streamed
        self.send(message)
        if request.get("backward_after") is True and result.error is None:
            self.send(self._backward_after())
        self.send_state()

    def _backward_after(self) -> dict[str, Any]:
        """``.backward()`` on the default root (the ``graph`` command), unless the script
        already called backward or there is no scalar root: one state instead of two."""
        run = self.session.current
        assert run is not None
        message: dict[str, Any] = {"op": "auto_backward", "root": None, "skipped": None}
        root = self.session.default_root()
        value = run.result.namespace.get(root) if root is not None else None
        if run.tracer.last is not None:
            message["skipped"] = "traced"
        elif not isinstance(value, torch.Tensor) or value.grad_fn is None or value.numel() != 1:
            message["skipped"] = "no_root"
        else:
            message["root"] = root
            message["error"] = error_to_wire(self.session.backward(root, retain_graph=True))
        return message

    def send_state(self) -> None:
        """The state of every panel."""
        if self.session.current is not None:
            self.send(snapshot.state_message(self.session.current, self.graph_limit))

    # ---------------------------------------------------------------- requests
    def handle(self, request: dict[str, Any]) -> None:
        """Answer one request from the window."""
        op = request["op"]
        handler = getattr(self, f"_op_{op}", None)
        if handler is None or self.session.current is None:
            self.send({"op": "error", "message": f"unknown request {op!r}"})
            return
        handler(request)

    def _op_state(self, _request: dict[str, Any]) -> None:
        self.send_state()

    def _op_timeline(self, _request: dict[str, Any]) -> None:
        assert self.session.current is not None
        if self.timeline is None:
            source = self.session.current.result.source
            self.send(timeline.unavailable_message(source, self.mode))
        else:
            self.send(self.timeline.message(self.mode))

    def _gradient(self, request: dict[str, Any]) -> torch.Tensor | None:
        values = request.get("gradient")
        if values is None:
            return None
        if not isinstance(values, np.ndarray):
            raise ScriptFailed("the gradient must be an array", exc_type="TypeError")
        return torch.from_numpy(values.copy())

    def _op_backward(self, request: dict[str, Any]) -> None:
        error = self.session.backward(
            str(request["root"]),
            self._gradient(request),
            retain_graph=bool(request.get("retain_graph", True)),
            zero_before=bool(request.get("zero_before", False)),
        )
        self.send({"op": "backward_done", "error": error_to_wire(error)})
        self.send_state()

    def _op_zero_grad(self, request: dict[str, Any]) -> None:
        self.session.zero_grad(set_to_none=bool(request.get("set_to_none", False)))
        self.send({"op": "zero_done"})
        self.send_state()

    def _op_repeat(self, request: dict[str, Any]) -> None:
        run = self.session.current
        assert run is not None
        count = int(request["count"])
        try:
            step = self.session.make_repeat_step(
                str(request["root"]),
                self._gradient(request),
                retain_graph=bool(request.get("retain_graph", True)),
                zero_before=bool(request.get("zero_before", False)),
            )
        except ScriptFailed as error:
            self.send(
                {
                    "op": "repeat_done",
                    "requested": count,
                    "done": 0,
                    "cancelled": False,
                    "error": error_to_wire(error),
                    "duration_s": 0.0,
                }
            )
            return
        self.cancel.clear()

        def progress(done: int) -> None:
            message: dict[str, Any] = {"op": "progress", "done": done, "requested": count}
            if run.history.count * max(1, len(run.history.tracked_names())) <= LIVE_HISTORY_ROWS:
                message["history"] = history_to_wire(run.history)
            self.send(message)

        outcome = run_repeated(
            step,
            count,
            cancel=self.cancel,
            on_progress=progress,
            progress_interval_s=REPEAT_REPORT_S,
        )
        self.cancel.clear()
        error = None
        if outcome.error is not None:
            error = ScriptFailed(str(outcome.error), exc_type=type(outcome.error).__name__)
        self.send(
            {
                "op": "repeat_done",
                "requested": outcome.requested,
                "done": outcome.done,
                "cancelled": outcome.cancelled,
                "error": error_to_wire(error),
                "duration_s": outcome.duration_s,
            }
        )
        self.send_state()

    def _op_saved(self, request: dict[str, Any]) -> None:
        assert self.session.current is not None
        self.send(snapshot.saved_message(self.session.current, str(request["node_id"])))

    def _op_why_none(self, request: dict[str, Any]) -> None:
        from playground.kernel.why_none import explain_request

        assert self.session.current is not None
        self.send(explain_request(self.session.current, str(request["name"])))

    def _op_tensor_text(self, request: dict[str, Any]) -> None:
        assert self.session.current is not None
        value = self.session.current.result.namespace.get(str(request["name"]))
        self.send({"op": "tensor_text", "text": snapshot.full_text(value)})

    def _op_jacobian(self, request: dict[str, Any]) -> None:
        """J = ∂root/∂leaf on the live graph, vᵀJ beside leaf.grad, and finite differences
        from fresh runs of the script in Python mode (:mod:`playground.core.jacobian`)."""
        from playground.core.errors import LimitExceeded, RunCancelled
        from playground.core.jacobian import Rerun, jacobian_report
        from playground.kernel.names import user_namespace

        run = self.session.current
        assert run is not None
        source, seed, filename = run.result.source, bool(request.get("seed", True)), "rerun.py"

        def again(seconds: float) -> dict[str, Any] | None:
            dtype = torch.get_default_dtype()
            try:
                try:
                    self._in_python = True
                    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))
                    result, globals_ = python_mode.run_python(
                        source,
                        filename=filename,
                        grad_enabled=run.result.grad_enabled,
                        seed=seed,
                        tag_lines=False,
                    )
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    self._in_python = False
                    torch.set_default_dtype(dtype)
            except (python_mode.TimeLimitReached, python_mode.Cancelled):
                return None
            return None if isinstance(result.error, LimitExceeded | RunCancelled) else globals_

        self.cancel.clear()
        report = jacobian_report(
            run.result,
            str(request["root"]),
            str(request["leaf"]),
            self._gradient(request),
            rerun=Rerun(again, user_namespace, filename) if self.mode == "python" else None,
            cancel=self.cancel,
        )
        self.cancel.clear()
        self.send({"op": "jacobian", "request_id": request.get("request_id"), **report.to_wire()})


#: Most bytes forwarded from the file descriptors 1 and 2 (C-level output) per child.
FD_OUTPUT_BYTES = 1 << 20


class FdCapture:
    """Fds 1 and 2 point at pipes; threads forward what C code writes there, capped."""

    def __init__(self, child: Child) -> None:
        self.child = child
        self.budget = FD_OUTPUT_BYTES
        self.lock = threading.Lock()
        self.fds: list[int] = []
        for fd, kind in ((1, "stdout"), (2, "stderr")):
            read_fd, write_fd = os.pipe()
            os.dup2(write_fd, fd)
            os.close(write_fd)
            self.fds.append(read_fd)
            threading.Thread(target=self._forward, args=(read_fd, kind), daemon=True).start()

    def _forward(self, read_fd: int, kind: str) -> None:
        while True:
            ready, _, _ = select.select([read_fd], [], [], 0.05)
            if not ready:
                continue
            with self.lock:  # held from read to send, so drain() knows nothing is in flight
                try:
                    data = os.read(read_fd, 1 << 16)
                except OSError:
                    return
                if not data:
                    return
                data = data[: self.budget]
                self.budget -= len(data)
                if data:
                    text = data.decode("utf-8", "replace")
                    try:
                        self.child.send({"op": "out", "kind": kind, "text": text, "line": None})
                    except OSError:
                        return

    def drain(self, timeout: float = 0.2) -> None:
        """Wait until what was written to fds 1 and 2 has been sent."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select(self.fds, [], [], 0)
            if not ready:
                with self.lock:
                    return
            time.sleep(0.002)


def serve(sock: socket.socket, scratch: str, crash_fd: int, sandboxed: bool = True) -> None:
    """The child's whole life (never returns): wait for the run, sandbox, run, serve."""
    status = 0
    try:
        os.chdir(scratch)
        child = Child(sock)
        request = codec.receive(sock)
        if request.get("op") != "run":
            os._exit(0)
        faulthandler.enable(file=crash_fd, all_threads=False)
        faulthandler.register(signal.SIGUSR1, file=crash_fd, all_threads=False, chain=False)
        signal.signal(signal.SIGINT, child.on_interrupt)
        signal.signal(signal.SIGALRM, child.on_alarm)
        if sandboxed:
            from playground.kernel.sandbox import apply_sandbox

            report = apply_sandbox(Path(scratch))
            child.send({"op": "sandbox", "text": report.describe(), "complete": report.complete})
        # After the sandbox: Landlock binds only the thread that applies it and threads
        # started later, so no thread may exist before it (torch starts one here).
        torch.set_num_threads(CHILD_THREADS)
        tempfile.tempdir = scratch
        child.fds = FdCapture(child)
        child.run(request)
        while True:
            child.handle(codec.receive(sock))
    except (EOFError, ConnectionError, codec.ProtocolError):
        status = 0
    except BaseException as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        os.write(2, f"kernel internal error: {type(exc).__name__}: {exc}\n"[:2000].encode())
        status = 70
    finally:
        os._exit(status)
