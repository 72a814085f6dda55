"""The blocking driver of the kernel session: one live child, runs and actions on it.

Qt-free and torch-free; the window wraps it in a worker thread
(:mod:`playground.ui.session_client`), the headless commands call it directly.

A run forks a fresh child; when the run replaced the state (it ran, even if it
failed), that child becomes the live session and the previous one is killed. A
refused, cancelled or killed run leaves the previous child, and what the panels show,
as they were.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playground.core.errors import PlaygroundError, RunCancelled, ScriptRefused
from playground.core.result import OutputChunk
from playground.protocol.client import (
    ChildDied,
    ChildProcess,
    KernelClient,
    Limits,
    shared_client,
)
from playground.protocol.views import (
    RunView,
    StateView,
    WireError,
    chunks_from_wire,
    error_from_wire,
    run_from_wire,
    state_from_wire,
)


@dataclass
class RunOutcome:
    """How one run ended."""

    #: What the run printed and how it ended (``None`` when its process died first).
    run: RunView | None
    #: The panels' state after it (``None`` when it did not replace the state).
    state: StateView | None
    #: Why its process died (a crash, the memory or time limit, Stop), else ``None``.
    died: ChildDied | None = None
    chunks: list[OutputChunk] = field(default_factory=list)
    sandbox: str = ""
    #: With ``run(backward_after=True)``: the backward the child did on its default root
    #: (see :class:`AutoBackward`), else ``None``.
    backward: AutoBackward | None = None

    @property
    def replaces_state(self) -> bool:
        """Whether the panels now show this run."""
        return self.state is not None


@dataclass(frozen=True)
class AutoBackward:
    """The child's own ``.backward()`` on the default root, right after the run."""

    #: The root it called backward on (``None`` when it did not).
    root: str | None
    #: Why it did not: ``"traced"`` (the script already called backward) or
    #: ``"no_root"`` (no scalar tensor with a grad_fn); ``None`` when it did.
    skipped: str | None
    error: PlaygroundError | None


def auto_backward_from_wire(message: dict[str, Any]) -> AutoBackward:
    """Check and rebuild the child's ``auto_backward`` message."""
    root, skipped = message.get("root"), message.get("skipped")
    if root is not None and not isinstance(root, str):
        raise WireError("auto_backward root: not a string")
    if skipped not in (None, "traced", "no_root"):
        raise WireError("auto_backward skipped: unknown reason")
    return AutoBackward(root, skipped, error_from_wire(message.get("error")))


@dataclass
class ActionOutcome:
    """How one request on the live session ended (Backward, Zero grad, Run ×N, ...)."""

    reply: dict[str, Any] | None
    state: StateView | None
    error: PlaygroundError | None = None
    died: ChildDied | None = None


class KernelSession:
    """See the module docstring. One job at a time (a lock serialises callers)."""

    def __init__(self, client: KernelClient | None = None, limits: Limits | None = None) -> None:
        #: Whether this session started its own zygote (and stops it on close).
        self._owns_client = client is not None
        self.client = client if client is not None else shared_client()
        self.limits = limits or Limits()
        self.child: ChildProcess | None = None
        self.sandbox_text = ""
        self.sandbox_complete = False
        self._lock = threading.Lock()
        #: The job in flight may be stopped through this.
        self.stop = threading.Event()
        #: Most graph nodes the child sends (``None``: the kernel's own cap, sized for
        #: the window; the ``graph`` command asks for whole big graphs).
        self.max_graph_nodes: int | None = None
        #: Whether Python-mode runs record the forward timeline (the window's slider).
        self.timeline = True

    def start(self) -> None:
        """Start the zygote without waiting for it."""
        if not self.client.alive():
            self.client.start()

    def close(self) -> None:
        """Kill the live child and the zygote."""
        if self.child is not None:
            self.child.close()
            self.child = None
        if self._owns_client:
            self.client.close()

    # ---------------------------------------------------------------- runs
    def run(
        self,
        source: str,
        *,
        mode: str = "python",
        grad_enabled: bool = True,
        seed: bool = True,
        filename: str = "script.py",
        on_output: Callable[[OutputChunk], None] | None = None,
        clear_stop: bool = True,
        backward_after: bool = False,
    ) -> RunOutcome:
        """Run ``source`` in a fresh child (see the module docstring).

        ``clear_stop=False`` keeps a Stop that arrived while the run was queued (the
        window clears the flag when it queues a job, not when the job starts).
        ``backward_after``: the child then calls ``.backward()`` on its default root
        (unless the script already did) before it sends the one state (``graph``).
        """
        with self._lock:
            if clear_stop:
                self.stop.clear()
            child = self.client.new_child(filename=filename, limits=self.limits)
            child.stop = self.stop
            chunks: list[OutputChunk] = []
            try:
                child.send(
                    {
                        "op": "run",
                        "source": source,
                        "mode": mode,
                        "grad_enabled": grad_enabled,
                        "seed": seed,
                        "filename": filename,
                        "max_seconds": self.limits.seconds,
                        "max_graph_nodes": self.max_graph_nodes,
                        "timeline": self.timeline,
                        "backward_after": backward_after,
                    }
                )
                run = self._receive_run(child, chunks, on_output)
                run.chunks = chunks
                if not run.ran or isinstance(run.error, ScriptRefused | RunCancelled):
                    child.close()
                    return RunOutcome(run, None, chunks=chunks, sandbox=self.sandbox_text)
                auto = None
                if backward_after and run.error is None:
                    auto = auto_backward_from_wire(self._expect(child, "auto_backward"))
                state = state_from_wire(self._expect(child, "state"))
            except ChildDied as died:
                child.close()
                return RunOutcome(None, None, died, chunks, self.sandbox_text)
            except WireError as exc:
                child.close()
                died = ChildDied(f"the kernel sent a malformed message ({exc})", None, "crashed")
                return RunOutcome(None, None, died, chunks, self.sandbox_text)
            if self.child is not None:
                self.child.close()
            self.child = child
            return RunOutcome(run, state, None, chunks, self.sandbox_text, auto)

    def _receive_run(
        self,
        child: ChildProcess,
        chunks: list[OutputChunk],
        on_output: Callable[[OutputChunk], None] | None,
    ) -> RunView:
        while True:
            message = child.receive()
            op = message["op"]
            if op == "out":
                (chunk,) = chunks_from_wire([[message["kind"], message["text"], message["line"]]])
                chunks.append(chunk)
                if on_output is not None:
                    on_output(chunk)
            elif op == "sandbox":
                self.sandbox_text = str(message.get("text", ""))[:200]
                self.sandbox_complete = bool(message.get("complete"))
            elif op == "run":
                return run_from_wire(message)

    @staticmethod
    def _expect(
        child: ChildProcess,
        op: str,
        on_other: Callable[[dict], None] | None = None,
        seconds: float | None = None,
    ) -> dict:
        while True:
            message = child.receive(seconds=seconds)
            if message["op"] == op:
                return message
            if on_other is not None:
                on_other(message)

    # ---------------------------------------------------------------- actions
    def request(
        self,
        message: dict[str, Any],
        reply_op: str,
        *,
        with_state: bool = True,
        on_message: Callable[[dict], None] | None = None,
        wait: float = -1,
        seconds: float | None = None,
        clear_stop: bool = True,
    ) -> ActionOutcome:
        """Send ``message`` to the live child; wait for ``reply_op`` (and the state).

        ``wait`` bounds how long to wait for another job to finish first (seconds; -1
        waits as long as it takes); past it the outcome's error says the kernel is busy.
        """
        if not self._lock.acquire(timeout=wait):
            return ActionOutcome(None, None, PlaygroundError("the kernel is busy"))
        try:
            if clear_stop:
                self.stop.clear()
            return self._request(message, reply_op, with_state, on_message, seconds)
        finally:
            self._lock.release()

    def jacobian(
        self,
        root: str,
        leaf: str,
        gradient: Any,
        *,
        seed: bool = True,
        request_id: int | None = None,
        seconds: float = 30.0,
        clear_stop: bool = True,
    ) -> ActionOutcome:
        """J = ∂root/∂leaf, vᵀJ beside ``leaf.grad`` and the finite differences, in the live
        child (no state after it); ``reply`` is the raw ``jacobian`` message, which
        :func:`~playground.protocol.views.jacobian_from_wire` checks."""
        message = {
            "op": "jacobian",
            "root": root,
            "leaf": leaf,
            "gradient": gradient,
            "seed": seed,
            "request_id": request_id,
        }
        return self.request(
            message, "jacobian", with_state=False, seconds=seconds, clear_stop=clear_stop
        )

    def why_none(self, name: str, *, wait: float = -1, seconds: float | None = None) -> Any:
        """Ask the live child why ``name``.grad is None or zero: a
        :class:`~playground.protocol.views.WhyNoneView`, or ``None`` when the kernel is
        busy, gone or answered nothing usable."""
        from playground.protocol.views import why_none_from_wire

        message = {"op": "why_none", "name": name}
        outcome = self.request(message, "why_none", with_state=False, wait=wait, seconds=seconds)
        if outcome.reply is None or outcome.reply.get("op") != "why_none":
            return None
        try:
            return why_none_from_wire(outcome.reply)
        except WireError:
            return None

    def _request(
        self,
        message: dict[str, Any],
        reply_op: str,
        with_state: bool,
        on_message: Callable[[dict], None] | None,
        seconds: float | None = None,
    ) -> ActionOutcome:
        child = self.child
        if child is None or not child.alive:
            error = PlaygroundError("nothing is running: click Run (Ctrl+R) first")
            return ActionOutcome(None, None, error)
        try:
            child.send(message)
            reply = self._expect(child, reply_op, on_message, seconds)
            error = error_from_wire(reply.get("error"))
            state = None
            if with_state and reply_op != "error":
                state = state_from_wire(self._expect(child, "state", on_message, seconds))
            return ActionOutcome(reply, state, error)
        except ChildDied as died:
            child.close()
            self.child = None
            return ActionOutcome(None, None, PlaygroundError(died.reason, died.line), died)
        except WireError as exc:
            child.close()
            self.child = None
            died = ChildDied(f"the kernel sent a malformed message ({exc})", None, "crashed")
            return ActionOutcome(None, None, PlaygroundError(died.reason), died)
