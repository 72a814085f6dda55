"""The live state behind the window: the current run, its history and its backward trace.

A :class:`Session` turns GUI actions (Backward, Zero grad, Run ×N) into real PyTorch
calls on the live objects of the last run, and records each of them in that run's
:class:`~playground.core.history.RunHistory` and
:class:`~playground.core.backward_trace.BackwardTracer`, exactly as the interpreter
does for the script's own ``.backward()`` calls. Qt-free.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import torch

from playground.core.backward_trace import BackwardTracer
from playground.core.errors import PlaygroundError, ScriptFailed, ScriptRefused
from playground.core.history import RunHistory
from playground.core.result import BackwardCall, BackwardObserver, RunResult
from playground.core.runner import run_script


@dataclass
class SessionRun:
    """One run of the script and everything that hangs off its live objects."""

    result: RunResult
    history: RunHistory
    tracer: BackwardTracer

    @property
    def replaces_state(self) -> bool:
        """False for a script that never ran (refused): the previous good state stays on screen."""
        return not isinstance(self.result.error, ScriptRefused)

    def observers(self) -> tuple[BackwardObserver, ...]:
        """Everything told about a backward pass of this run."""
        return (self.history, self.tracer)


def _is_tensor(value: Any) -> bool:
    return isinstance(value, torch.Tensor)


def backward_roots(result: RunResult) -> list[str]:
    """Names of the tensor variables that have a ``grad_fn`` (candidates for Backward)."""
    return [name for name, t in result.tensors().items() if t.grad_fn is not None]


def default_root(result: RunResult) -> str | None:
    """The last scalar with a ``grad_fn`` assigned (by statement position), else the last with one."""
    roots = backward_roots(result)
    if not roots:
        return None

    def position(name: str) -> tuple[int, int]:
        where = result.assignments.get(name)
        return (where.line, where.col) if where else (0, 0)

    ordered = sorted(roots, key=position)
    scalars = [n for n in ordered if result.namespace[n].numel() == 1]
    return (scalars or ordered)[-1]


def leaves_requiring_grad(namespace: Mapping[str, Any]) -> list[torch.Tensor]:
    """Distinct leaf tensors of the namespace that require grad (each once)."""
    seen: set[int] = set()
    leaves = []
    for value in namespace.values():
        if _is_tensor(value) and value.is_leaf and value.requires_grad and id(value) not in seen:
            seen.add(id(value))
            leaves.append(value)
    return leaves


def zero_leaf_grads(namespace: Mapping[str, Any], *, set_to_none: bool = False) -> None:
    """Zero (``x.grad.zero_()``) or drop (``x.grad = None``) every leaf's ``.grad``."""
    for leaf in leaves_requiring_grad(namespace):
        if leaf.grad is None:
            continue
        if set_to_none:
            leaf.grad = None
        else:
            leaf.grad.zero_()


def _as_failure(error: Exception) -> ScriptFailed:
    return ScriptFailed(str(error), exc_type=type(error).__name__)


class Session:
    """Owns the current :class:`SessionRun` and performs the GUI's autograd actions on it."""

    def __init__(self) -> None:
        self.current: SessionRun | None = None
        # Run ×N may drive backward from a worker thread; one backward at a time.
        self._lock = threading.Lock()

    def run(
        self,
        source: str,
        *,
        grad_enabled: bool = True,
        cancel: threading.Event | None = None,
    ) -> SessionRun:
        """Run *source* with a fresh history and tracer; touches no state (worker-thread safe)."""
        history = RunHistory()
        tracer = BackwardTracer()
        result = run_script(
            source, grad_enabled=grad_enabled, observers=(history, tracer), cancel=cancel
        )
        return SessionRun(result=result, history=history, tracer=tracer)

    def adopt(self, run: SessionRun) -> None:
        """Make *run* current; the previous run's history becomes its faded "previous" series."""
        if self.current is not None:
            previous = self.current.history
            previous.previous = None  # keep one generation only
            run.history.previous = previous
        self.current = run

    def backward_roots(self) -> list[str]:
        """Names of the current run's tensors that have a ``grad_fn``."""
        return backward_roots(self.current.result) if self.current else []

    def default_root(self) -> str | None:
        """The root the Backward button uses unless the user picks another."""
        return default_root(self.current.result) if self.current else None

    def _root_tensor(self, root: str) -> torch.Tensor:
        if self.current is None:
            raise ScriptFailed("nothing has run yet", exc_type="RuntimeError")
        value = self.current.result.namespace.get(root)
        if not _is_tensor(value):
            raise ScriptFailed(f"'{root}' is not a tensor of the last run", exc_type="NameError")
        return value

    def backward(
        self,
        root: str,
        gradient: torch.Tensor | None = None,
        *,
        retain_graph: bool = True,
        zero_before: bool = False,
    ) -> PlaygroundError | None:
        """``root.backward(gradient, retain_graph=...)`` on the live objects, recorded.

        Returns PyTorch's error as :class:`ScriptFailed` (its own type name and
        message) instead of raising, so the caller can show it and carry on.
        """
        try:
            tensor = self._root_tensor(root)
        except ScriptFailed as missing:
            return missing
        run = self.current
        namespace = run.result.namespace
        with self._lock:
            if zero_before:
                self.zero_grad()
            call = BackwardCall(kind="backward", roots=(tensor,), line=None, source="button")
            for observer in run.observers():
                observer.backward_started(call, namespace)
            error: Exception | None = None
            try:
                with torch.enable_grad():
                    tensor.backward(gradient=gradient, retain_graph=retain_graph)
            except Exception as exc:  # PyTorch's own error, shown to the user
                error = exc
            for observer in run.observers():
                observer.backward_finished(call, namespace, error)
        return _as_failure(error) if error is not None else None

    def zero_grad(self, *, set_to_none: bool = False) -> None:
        """Zero every leaf's ``.grad`` (or set it to ``None``) and record the event."""
        if self.current is None:
            return
        zero_leaf_grads(self.current.result.namespace, set_to_none=set_to_none)
        self.current.history.record_zero(set_to_none=set_to_none, source="button")

    def make_repeat_step(
        self,
        root: str,
        gradient: torch.Tensor | None = None,
        *,
        retain_graph: bool = True,
        zero_before: bool = False,
    ) -> Callable[[], None]:
        """A callable doing one recorded backward for Run ×N (fast path: no tracing),
        :func:`playground.core.repeat.make_backward_step` on the current run.

        It raises PyTorch's error (e.g. a second backward without ``retain_graph``);
        the repeat loop stops there and reports it.
        """
        from playground.core.repeat import make_backward_step

        tensor = self._root_tensor(root)
        run = self.current
        step = make_backward_step(
            run.history,
            run.result.namespace,
            tensor,
            gradient=gradient,
            retain_graph=retain_graph,
            zero_before=zero_before,
        )
        lock = self._lock

        def locked_step() -> None:
            with lock, torch.enable_grad():
                step()

        return locked_step
