"""The run history: every backward pass of a session, as numbers the plot can draw.

A :class:`RunHistory` is a :class:`~playground.core.result.BackwardObserver`. After each
successful backward it records one *run*: for every tracked tensor (each tensor variable
that is a leaf with ``requires_grad``, or a non-leaf with ``retains_grad``) a copy of its
``.grad`` (NaN where ``.grad`` is ``None``), the root's value when it is a scalar (the
loss), where the run came from (``"script"``, ``"button"``, ``"repeat"``), its kind and the
script line. Zeroing the gradients is recorded as an event between two runs.

Values live in preallocated numpy arrays that grow by doubling, never in lists of
tensors, so 100,000 runs cost a few megabytes and one run costs a few microseconds.

Simplifications (documented on purpose):

* ``torch.autograd.grad(...)`` does not touch ``.grad``; such a call is recorded as a run
  of kind ``"autograd.grad"`` with the ``.grad`` values as they are (unchanged) and the
  root's value. Its returned gradients are not stored.
* A tensor with more than :data:`FULL_LIMIT` elements is stored as three summary columns
  (L2 norm, mean, max) per run instead of every element.
* The gradient flow: for every leaf that requires grad (parameters by their path,
  ``model.0.weight``; at most :data:`FLOW_NAMES_LIMIT`) the mean and max of ``|grad|``
  per run, reduced here in the kernel (NaN where ``.grad`` is None).
* A tracked name first seen at a later run has NaN for the earlier runs; a run in which a
  tracked name is missing, no longer tracked, or has a different number of elements
  records NaN for it.
* Writers (one thread at a time) and readers (e.g. the GUI thread) may run concurrently:
  a row is fully written before the run count grows, and growing copies before it
  swaps arrays, so a reader never sees a half-written run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch

from playground.core.history_data import (  # noqa: F401 (re-exported)
    _KIND_CODE,
    _SOURCE_CODE,
    ELEMENT_CURVE_LIMIT,
    FLOW_NAMES_LIMIT,
    FULL_LIMIT,
    INITIAL_CAPACITY,
    KINDS,
    MODES,
    SOURCES,
    HistoryData,
    Mode,
    ZeroEvent,
    _Track,
    element_label,
    summary_label,
)
from playground.core.result import BackwardCall


def is_tracked(value: Any) -> bool:
    """Whether ``value`` is a tensor whose ``.grad`` the history records.

    True for leaves that require grad and for non-leaves that ``retain_grad()``.
    """
    if not isinstance(value, torch.Tensor):
        return False
    if value.is_leaf:
        return bool(value.requires_grad)
    return bool(value.retains_grad)


def _as_numpy(grad: torch.Tensor | None) -> np.ndarray | None:
    if grad is None:
        return None
    g = grad.detach()
    if g.is_complex():
        g = g.abs()
    if g.layout != torch.strided:
        g = g.to_dense()
    if g.dtype not in (torch.float32, torch.float64, torch.float16):
        g = g.to(torch.float64)
    return g.reshape(-1).cpu().numpy()


def abs_mean_max(grad: torch.Tensor | None) -> tuple[float, float]:
    """``(|grad|.mean(), |grad|.max())`` as floats; NaN for None or an empty gradient."""
    if grad is None or grad.numel() == 0:
        return math.nan, math.nan
    g = grad.detach()
    if g.layout != torch.strided:
        g = g.to_dense()
    magnitude = g.abs()
    if not magnitude.is_floating_point():
        magnitude = magnitude.to(torch.float64)
    return float(magnitude.mean()), float(magnitude.max())


class RunHistory(HistoryData):
    """Records every backward run of a session from the live tensors (see the module docstring)."""

    def __init__(self, previous: HistoryData | None = None) -> None:
        super().__init__(previous)
        self._pending: BackwardCall | None = None
        #: The last successful backward's roots (live tensors, kernel only; for "why None").
        self.last_roots: tuple[Any, ...] = ()
        #: Its ``torch.autograd.grad`` inputs when it had ``allow_unused=True``, else ``()``.
        self.last_unused_inputs: tuple[Any, ...] = ()
        self._grad_call: tuple[tuple[Any, ...], bool] | None = None

    def note_grad_call(self, *, inputs: tuple[Any, ...], allow_unused: bool) -> None:
        """The next run is ``torch.autograd.grad(outputs, inputs, allow_unused=...)``."""
        self._grad_call = (tuple(inputs), bool(allow_unused))

    # -- BackwardObserver ---------------------------------------------------------------
    def backward_started(self, call: BackwardCall, namespace: Mapping[str, Any]) -> None:
        """Note a zeroing the script did since the last run; the run itself is recorded
        when the backward finishes.

        A script's ``x.grad.zero_()`` / ``x.grad = None`` is plain tensor code that no
        observer hears about; it is recorded as a zero event (source ``"script"``) when
        a tracked leaf's ``.grad`` is all zeros or ``None`` here while its last recorded
        value was not (unless a zero event was already recorded at this point).
        """
        self._pending = call
        if call.kind == "backward" and self._count:
            zeroed = self._zeroed_since_last_run(namespace)
            if zeroed is not None:
                self.record_zero(set_to_none=zeroed, source=call.source)

    def _zeroed_since_last_run(self, namespace: Mapping[str, Any]) -> bool | None:
        """``None`` if nothing was zeroed; else whether ``.grad`` was set to ``None``."""
        with self._lock:
            if self._zeros and self._zeros[-1].after_run == self._count:
                return None
            row = self._count - 1
            for name, track in self._tracks.items():
                value = namespace.get(name)
                if not (is_tracked(value) and value.is_leaf and track.full):
                    continue
                last = track.data[row]
                if not (np.isfinite(last).all() and last.any()):
                    continue
                grad = value.grad
                if grad is None:
                    return True
                if grad.numel() == track.numel and not bool(grad.detach().any()):
                    return False
        return None

    def backward_finished(
        self, call: BackwardCall, namespace: Mapping[str, Any], error: BaseException | None
    ) -> None:
        """Record one run when the backward succeeded; a failed backward records nothing."""
        self._pending = None
        grad_call, self._grad_call = self._grad_call, None
        if error is not None:
            return
        root = call.roots[0] if call.roots else None
        self.last_roots = tuple(call.roots)
        self.last_unused_inputs = ()
        if call.kind == "autograd.grad" and grad_call is not None and grad_call[1]:
            self.last_unused_inputs = grad_call[0]
            with self._lock:
                self._allow_unused.append(self._count)
        self._record(namespace, call.source, root, call.kind, call.line)

    # -- recording -------------------------------------------------------------------------
    def record_step(self, namespace: Mapping[str, Any], *, source: str, root: Any) -> None:
        """Record one backward run without a :class:`BackwardCall` (Run ×N's fast path)."""
        self.last_roots, self.last_unused_inputs = (root,), ()
        self._record(namespace, source, root, "backward", None)

    def _record(
        self,
        namespace: Mapping[str, Any],
        source: str,
        root: Any,
        kind: str,
        line: int | None,
    ) -> None:
        with self._lock:
            row = self._count
            if row == self._capacity:
                self._grow()
            seen = set()
            for name, value in namespace.items():
                if not is_tracked(value):
                    continue
                track = self._tracks.get(name)
                if track is None:
                    track = _Track(name, tuple(value.shape), self._capacity)
                    self._tracks[name] = track
                track.write(row, _as_numpy(value.grad))
                seen.add(name)
                if value.is_leaf:
                    self._record_flow(row, name, value.grad)
            if len(seen) != len(self._tracks):
                for name, track in self._tracks.items():
                    if name not in seen:
                        track.data[row] = np.nan
            self._root[row] = _scalar_value(root)
            self._source[row] = _SOURCE_CODE.get(source, 0)
            self._kind[row] = _KIND_CODE.get(kind, 0)
            self._line[row] = -1 if line is None else line
            if isinstance(root, torch.Tensor):
                self._note_root_name(namespace, root)
            self._count = row + 1

    def _record_flow(self, row: int, name: str, grad: torch.Tensor | None) -> None:
        flow = self._flow.get(name)
        if flow is None:
            if len(self._flow) >= FLOW_NAMES_LIMIT:
                return
            flow = self._flow[name] = np.full((self._capacity, 2), np.nan)
        flow[row] = abs_mean_max(grad)

    def _note_root_name(self, namespace: Mapping[str, Any], root: torch.Tensor) -> None:
        for name, value in namespace.items():
            if value is root:
                if name not in self._root_names:
                    self._root_names.append(name)
                return


def _scalar_value(root: Any) -> float:
    if isinstance(root, torch.Tensor) and root.numel() == 1 and not root.is_complex():
        return float(root.detach().reshape(()).item())
    return math.nan
