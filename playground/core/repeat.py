"""Run ×N: the same backward pass N times, fast, recording every run (Qt-free).

:func:`run_repeated` is the loop (cancellable, with throttled progress reports);
:func:`make_backward_step` builds the usual step from live tensors: optionally zero the
gradients, call ``root.backward(gradient, retain_graph=...)``, record the run into a
:class:`~playground.core.history.RunHistory`. The GUI runs the loop in a worker thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import torch

from playground.core.history import RunHistory, is_tracked

#: Progress is reported at most this often (seconds), plus once at the end.
PROGRESS_INTERVAL_S = 1 / 30
#: The cancel flag is looked at every this many runs (checking an Event is not free).
CANCEL_CHECK_EVERY = 16


@dataclass(frozen=True)
class RepeatOutcome:
    """How a Run ×N ended."""

    requested: int
    #: Runs that completed (and were recorded).
    done: int
    cancelled: bool
    #: What the step raised (e.g. PyTorch's "backward through the graph a second time").
    error: BaseException | None
    duration_s: float

    @property
    def ok(self) -> bool:
        """True when all ``requested`` runs completed."""
        return self.done == self.requested and self.error is None


def run_repeated(
    step: Callable[[], None],
    n: int,
    *,
    cancel: threading.Event | None = None,
    on_progress: Callable[[int], None] | None = None,
    progress_interval_s: float = PROGRESS_INTERVAL_S,
    gate: threading.Event | None = None,
) -> RepeatOutcome:
    """Call ``step()`` ``n`` times; stop early when ``cancel`` is set or ``step`` raises.

    ``on_progress(done)`` is called at most every ``progress_interval_s`` seconds and
    once at the end. Exceptions from ``step`` end the loop and are returned in the
    outcome, not raised; the runs before it are kept.

    ``gate``: before each run the loop waits while this event is clear. The GUI clears
    it while it paints, so that a loop in a worker thread does not keep taking the GIL
    from the GUI thread (which would stall the window).
    """
    n = max(0, int(n))
    start = time.perf_counter()
    last_report = start
    done = 0
    error: BaseException | None = None
    cancelled = False
    is_set = cancel.is_set if cancel is not None else (lambda: False)
    clock = time.perf_counter
    try:
        while done < n:
            if done % CANCEL_CHECK_EVERY == 0:
                if is_set():
                    cancelled = True
                    break
                now = clock()
                if on_progress is not None and now - last_report >= progress_interval_s:
                    last_report = now
                    on_progress(done)
            if gate is not None and not gate.is_set():
                gate.wait()
                if is_set():
                    cancelled = True
                    break
            step()
            done += 1
    except Exception as exc:  # the step's error is the outcome, reported to the user
        error = exc
    if on_progress is not None:
        on_progress(done)
    return RepeatOutcome(n, done, cancelled, error, time.perf_counter() - start)


def make_backward_step(
    history: RunHistory,
    namespace: Mapping[str, Any],
    root: torch.Tensor,
    *,
    gradient: torch.Tensor | None = None,
    retain_graph: bool = True,
    zero_before: bool = False,
    set_to_none: bool = False,
    source: str = "repeat",
) -> Callable[[], None]:
    """A step for :func:`run_repeated`: (zero,) backward, record.

    With ``zero_before`` every tracked leaf's ``.grad`` is zeroed in place (as
    ``x.grad.zero_()``; or set to ``None`` with ``set_to_none``) before each backward,
    and the event is recorded in ``history``.
    """
    leaves = [v for v in namespace.values() if is_tracked(v) and v.is_leaf]
    record = history.record_step
    backward = root.backward

    def zero() -> None:
        for leaf in leaves:
            if set_to_none:
                leaf.grad = None
            elif leaf.grad is not None:
                leaf.grad.zero_()
        history.record_zero(set_to_none=set_to_none, source=source)

    def step() -> None:
        if zero_before:
            zero()
        backward(gradient, retain_graph=retain_graph)
        record(namespace, source=source, root=root)

    return step
