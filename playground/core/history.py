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
* A tracked name first seen at a later run has NaN for the earlier runs; a run in which a
  tracked name is missing, no longer tracked, or has a different number of elements
  records NaN for it.
* Writers (one thread at a time) and readers (e.g. the GUI thread) may run concurrently:
  a row is fully written before the run count grows, and growing copies before it
  swaps arrays, so a reader never sees a half-written run.
"""

from __future__ import annotations

import csv
import io
import math
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import torch

from playground.core.result import BackwardCall

#: Tensors with more elements than this keep only norm/mean/max per run.
FULL_LIMIT = 4096
#: Tensors with at most this many elements are drawn one curve per element by default.
ELEMENT_CURVE_LIMIT = 16
#: Initial number of rows of every array.
INITIAL_CAPACITY = 64

Mode = Literal["elements", "norm", "mean", "max"]
MODES: tuple[Mode, ...] = ("elements", "norm", "mean", "max")
SOURCES: tuple[str, ...] = ("script", "button", "repeat")
KINDS: tuple[str, ...] = ("backward", "autograd.grad")
_SOURCE_CODE = {s: i for i, s in enumerate(SOURCES)}
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


def is_tracked(value: Any) -> bool:
    """Whether ``value`` is a tensor whose ``.grad`` the history records.

    True for leaves that require grad and for non-leaves that ``retain_grad()``.
    """
    if not isinstance(value, torch.Tensor):
        return False
    if value.is_leaf:
        return bool(value.requires_grad)
    return bool(value.retains_grad)


def element_label(name: str, shape: tuple[int, ...], flat_index: int) -> str:
    """The curve name of one element: ``x.grad``, ``x.grad[2]``, ``x.grad[0, 1]``."""
    if len(shape) == 0:
        return f"{name}.grad"
    idx = np.unravel_index(flat_index, shape)
    return f"{name}.grad[{', '.join(str(int(i)) for i in idx)}]"


def summary_label(name: str, mode: Mode) -> str:
    """The curve name of a summary: ``‖x.grad‖``, ``mean(x.grad)``, ``max(x.grad)``."""
    if mode == "norm":
        return f"‖{name}.grad‖"
    return f"{mode}({name}.grad)"


@dataclass(frozen=True)
class ZeroEvent:
    """Gradients were zeroed after run ``after_run`` (0 = before the first run)."""

    after_run: int
    set_to_none: bool
    source: str


class _Track:
    """The stored ``.grad`` values of one tracked name."""

    __slots__ = ("name", "shape", "numel", "full", "data")

    def __init__(self, name: str, shape: tuple[int, ...], capacity: int) -> None:
        self.name = name
        self.shape = shape
        self.numel = math.prod(shape)
        self.full = self.numel <= FULL_LIMIT
        width = self.numel if self.full else 3
        # NaN-filled: rows before the name was first seen stay NaN.
        self.data = np.full((capacity, width), np.nan, dtype=np.float64)

    def grow(self, capacity: int) -> None:
        new = np.full((capacity, self.data.shape[1]), np.nan, dtype=np.float64)
        new[: self.data.shape[0]] = self.data
        self.data = new

    def write(self, row: int, grad: torch.Tensor | None) -> None:
        target = self.data[row]
        if grad is None or grad.numel() != self.numel:
            target[:] = np.nan
            return
        flat = _as_numpy(grad)
        if self.full:
            target[:] = flat
        else:
            target[0] = float(np.linalg.norm(flat))
            target[1] = float(flat.mean())
            target[2] = float(flat.max())


def _as_numpy(grad: torch.Tensor) -> np.ndarray:
    g = grad.detach()
    if g.is_complex():
        g = g.abs()
    if g.layout != torch.strided:
        g = g.to_dense()
    if g.dtype not in (torch.float32, torch.float64, torch.float16):
        g = g.to(torch.float64)
    return g.reshape(-1).cpu().numpy()


class RunHistory:
    """Every backward run since the script last ran (see the module docstring)."""

    def __init__(self, previous: RunHistory | None = None) -> None:
        #: The history of the previous script run (drawn faded), or ``None``.
        self.previous: RunHistory | None = previous
        self._lock = threading.Lock()
        self._count = 0
        self._capacity = INITIAL_CAPACITY
        self._tracks: dict[str, _Track] = {}
        self._root = np.full(self._capacity, np.nan)
        self._source = np.zeros(self._capacity, dtype=np.uint8)
        self._kind = np.zeros(self._capacity, dtype=np.uint8)
        self._line = np.full(self._capacity, -1, dtype=np.int32)
        self._root_names: list[str] = []
        self._zeros: list[ZeroEvent] = []
        self._pending: BackwardCall | None = None

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
        if error is not None:
            return
        root = call.roots[0] if call.roots else None
        self._record(namespace, call.source, root, call.kind, call.line)

    # -- recording -------------------------------------------------------------------------
    def record_step(self, namespace: Mapping[str, Any], *, source: str, root: Any) -> None:
        """Record one backward run without a :class:`BackwardCall` (Run ×N's fast path)."""
        self._record(namespace, source, root, "backward", None)

    def record_zero(self, *, set_to_none: bool, source: str) -> None:
        """Record that the gradients were zeroed (or set to ``None``) after the last run."""
        with self._lock:
            self._zeros.append(ZeroEvent(self._count, set_to_none, source))

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
                track.write(row, value.grad)
                seen.add(name)
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

    def _note_root_name(self, namespace: Mapping[str, Any], root: torch.Tensor) -> None:
        for name, value in namespace.items():
            if value is root:
                if name not in self._root_names:
                    self._root_names.append(name)
                return

    def _grow(self) -> None:
        cap = self._capacity * 2
        for track in self._tracks.values():
            track.grow(cap)
        self._root = _grown(self._root, cap, np.nan)
        self._source = _grown(self._source, cap, 0)
        self._kind = _grown(self._kind, cap, 0)
        self._line = _grown(self._line, cap, -1)
        self._capacity = cap

    # -- reading ---------------------------------------------------------------------------
    @property
    def count(self) -> int:
        """Number of recorded runs."""
        return self._count

    def tracked_names(self) -> list[str]:
        """Names of the tracked tensors, in the order they were first seen."""
        with self._lock:
            return list(self._tracks)

    def shape(self, name: str) -> tuple[int, ...]:
        """Shape of the tracked tensor ``name`` (as first recorded)."""
        return self._tracks[name].shape

    def default_mode(self, name: str) -> Mode:
        """``"elements"`` for tensors of at most 16 elements, else ``"norm"``."""
        return "elements" if self._tracks[name].numel <= ELEMENT_CURVE_LIMIT else "norm"

    def values(self, name: str) -> np.ndarray:
        """A copy of the stored ``.grad`` rows of ``name``: shape ``(count, numel)``.

        For tensors above :data:`FULL_LIMIT` the columns are (norm, mean, max).
        """
        with self._lock:
            return self._tracks[name].data[: self._count].copy()

    def series(self, name: str, mode: Mode) -> dict[str, np.ndarray]:
        """Curve label -> y values (x is ``1..count``) for tensor ``name`` in ``mode``."""
        with self._lock:
            track = self._tracks[name]
            data = track.data[: self._count].copy()
        if not track.full:
            col = {"norm": 0, "mean": 1, "max": 2}.get(mode, 0)
            label_mode: Mode = mode if mode != "elements" else "norm"
            return {summary_label(name, label_mode): data[:, col]}
        if mode == "elements":
            return {element_label(name, track.shape, i): data[:, i] for i in range(data.shape[1])}
        if data.shape[1] == 0:
            return {summary_label(name, mode): np.full(data.shape[0], np.nan)}
        if mode == "norm":
            y = np.sqrt(np.sum(data * data, axis=1))
        elif mode == "mean":
            y = data.mean(axis=1)
        else:
            y = data.max(axis=1)
        return {summary_label(name, mode): y}

    def runs(self) -> np.ndarray:
        """The x values: ``1..count``."""
        return np.arange(1, self._count + 1, dtype=np.float64)

    def root_values(self) -> np.ndarray:
        """The root's value per run (NaN where it was not a scalar)."""
        with self._lock:
            return self._root[: self._count].copy()

    def root_names(self) -> list[str]:
        """Variable names of the roots seen so far (e.g. ``["out"]``)."""
        return list(self._root_names)

    def sources(self) -> np.ndarray:
        """Where each run came from: an array of ``"script"``/``"button"``/``"repeat"``."""
        with self._lock:
            codes = self._source[: self._count].copy()
        return np.array(SOURCES, dtype=object)[codes]

    def source_codes(self) -> np.ndarray:
        """Sources as small integers (index into :data:`SOURCES`); cheap for drawing."""
        with self._lock:
            return self._source[: self._count].copy()

    def kinds(self) -> np.ndarray:
        """``"backward"`` or ``"autograd.grad"`` per run."""
        with self._lock:
            codes = self._kind[: self._count].copy()
        return np.array(KINDS, dtype=object)[codes]

    def lines(self) -> np.ndarray:
        """Script line per run (``-1`` for GUI-driven runs)."""
        with self._lock:
            return self._line[: self._count].copy()

    @property
    def zero_events(self) -> list[ZeroEvent]:
        """The zero-grad events, in order."""
        with self._lock:
            return list(self._zeros)

    # -- sessions ---------------------------------------------------------------------------
    def start_next(self) -> RunHistory:
        """A fresh history for the next script run, keeping this one as its ``previous``."""
        self.previous = None
        return RunHistory(previous=self if self.count else None)

    def clear_previous(self) -> None:
        """Forget the faded previous series."""
        self.previous = None

    # -- export -----------------------------------------------------------------------------
    def to_csv(self, path_or_file: str | os.PathLike[str] | io.TextIOBase | Any) -> None:
        """Write the history as CSV with columns ``run,source,tensor,index,value``.

        One row per run and element: ``tensor`` is ``x.grad`` and ``index`` like ``0, 1``
        (empty for a 0-d tensor; ``norm``/``mean``/``max`` for tensors stored as
        summaries). The root's value is a row with ``tensor`` set to the root's name
        (``root`` if unnamed) and an empty index. A zero-grad event is a row with
        source ``zero`` (or ``zero:none`` for ``set_to_none``), the run after which it
        happened, tensor ``*`` and value ``0`` (or ``None``). NaN is written as ``nan``.
        """
        if isinstance(path_or_file, str | os.PathLike):
            with open(path_or_file, "w", newline="", encoding="utf-8") as fh:
                self._write_csv(fh)
        else:
            self._write_csv(path_or_file)

    def _write_csv(self, fh: Any) -> None:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["run", "source", "tensor", "index", "value"])
        names = self.tracked_names()
        data = {n: self.values(n) for n in names}
        sources = self.sources()
        roots = self.root_values()
        root_name = self._root_names[0] if self._root_names else "root"
        zeros = _zero_rows_by_run(self.zero_events)
        writer.writerows(zeros.get(0, ()))
        for r in range(len(roots)):
            run = r + 1
            src = sources[r]
            for n in names:
                track = self._tracks[n]
                row = data[n][r]
                for i, v in enumerate(row):
                    writer.writerow([run, src, f"{n}.grad", _index_text(track, i), repr(float(v))])
            writer.writerow([run, src, root_name, "", repr(float(roots[r]))])
            writer.writerows(zeros.get(run, ()))


def _zero_rows_by_run(zeros: list[ZeroEvent]) -> dict[int, list[list[Any]]]:
    rows: dict[int, list[list[Any]]] = {}
    for z in zeros:
        src = "zero:none" if z.set_to_none else "zero"
        rows.setdefault(z.after_run, []).append(
            [z.after_run, src, "*", "", "None" if z.set_to_none else 0]
        )
    return rows


def _index_text(track: _Track, i: int) -> str:
    if not track.full:
        return ("norm", "mean", "max")[i]
    if not track.shape:
        return ""
    return ", ".join(str(int(k)) for k in np.unravel_index(i, track.shape))


def _scalar_value(root: Any) -> float:
    if isinstance(root, torch.Tensor) and root.numel() == 1 and not root.is_complex():
        return float(root.detach().reshape(()).item())
    return math.nan


def _grown(arr: np.ndarray, capacity: int, fill: Any) -> np.ndarray:
    new = np.full(capacity, fill, dtype=arr.dtype)
    new[: arr.shape[0]] = arr
    return new
