"""The run history as plain numpy arrays: what the plot draws. Torch-free.

:class:`HistoryData` holds the arrays and every read-only query; the kernel's
:class:`playground.core.history.RunHistory` records into it from live tensors, and the
window rebuilds one from the wire (:meth:`HistoryData.from_wire`). See
:mod:`playground.core.history` for what is recorded.
"""

from __future__ import annotations

import csv
import io
import math
import os
import threading
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

#: Tensors with more elements than this keep only norm/mean/max per run.
FULL_LIMIT = 4096
#: Tensors with at most this many elements are drawn one curve per element by default.
ELEMENT_CURVE_LIMIT = 16
#: Initial number of rows of every array.
INITIAL_CAPACITY = 64
#: Most parameters whose gradient flow (mean and max ``|grad|`` per run) is recorded.
FLOW_NAMES_LIMIT = 1000
#: Most rows × names of the gradient flow one message carries (the newest rows are kept).
FLOW_WIRE_CELLS = 200_000

Mode = Literal["elements", "norm", "mean", "max"]
MODES: tuple[Mode, ...] = ("elements", "norm", "mean", "max")
SOURCES: tuple[str, ...] = ("script", "button", "repeat")
KINDS: tuple[str, ...] = ("backward", "autograd.grad")
_SOURCE_CODE = {s: i for i, s in enumerate(SOURCES)}
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


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
    #: The script line that zeroed (``zero_grad()``, ``x.grad.zero_()``, ``x.grad = None``).
    line: int | None = None


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

    def write(self, row: int, flat: np.ndarray | None) -> None:
        """Store one run's flattened ``.grad`` (``None``, or a wrong size, stores NaN)."""
        target = self.data[row]
        if flat is None or flat.size != self.numel:
            target[:] = np.nan
            return
        if self.full:
            target[:] = flat
        else:
            target[0] = float(np.linalg.norm(flat))
            target[1] = float(flat.mean())
            target[2] = float(flat.max())


class HistoryData:
    """Every backward run since the script last ran, as arrays (see the module docstring)."""

    def __init__(self, previous: HistoryData | None = None) -> None:
        #: The history of the previous script run (drawn faded), or ``None``.
        self.previous: HistoryData | None = previous
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
        #: ``optimizer.step()`` calls: the run after which each happened.
        self._steps: list[int] = []
        #: Gradient flow: per leaf that requires grad, (mean |grad|, max |grad|) per run.
        self._flow: dict[str, np.ndarray] = {}
        #: The first run whose gradient flow is present (a capped wire drops older rows).
        self._flow_first = 0
        #: Runs (0-based) that were ``torch.autograd.grad(..., allow_unused=True)``.
        self._allow_unused: list[int] = []

    # -- recording -------------------------------------------------------------------------
    def record_step_event(self, *, source: str) -> None:
        """Record that an optimizer stepped after the last run."""
        with self._lock:
            self._steps.append(self._count)

    @property
    def step_events(self) -> list[int]:
        """After which run each ``optimizer.step()`` happened, in order."""
        with self._lock:
            return list(self._steps)

    def record_zero(self, *, set_to_none: bool, source: str, line: int | None = None) -> None:
        """Record that the gradients were zeroed (or set to ``None``) after the last run,
        at script ``line`` when known (several leaves zeroed one by one between two runs
        are one event, at the last one's line)."""
        with self._lock:
            event = ZeroEvent(self._count, set_to_none, source, line)
            last = self._zeros[-1] if self._zeros else None
            same = last is not None and (last.after_run, last.set_to_none, last.source) == (
                event.after_run,
                set_to_none,
                source,
            )
            if not same:
                self._zeros.append(event)
            elif line is not None:
                self._zeros[-1] = event

    def last_zero_line(self) -> int | None:
        """The script line of a zeroing after the last run (``None``: none, or not from
        a script line)."""
        with self._lock:
            last = self._zeros[-1] if self._zeros else None
            return last.line if last is not None and last.after_run == self._count else None

    def allow_unused_runs(self) -> list[int]:
        """The runs (0-based) that were ``torch.autograd.grad(..., allow_unused=True)``."""
        with self._lock:
            return list(self._allow_unused)

    def _grow(self) -> None:
        cap = self._capacity * 2
        for track in self._tracks.values():
            track.grow(cap)
        for name, flow in self._flow.items():
            self._flow[name] = _grown_rows(flow, cap)
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

    # -- gradient flow ----------------------------------------------------------------------
    def flow_names(self) -> list[str]:
        """The leaves (parameters) whose gradient flow is recorded, in layer order (the
        order the Tensors panel lists them)."""
        with self._lock:
            return list(self._flow)

    def flow_values(self, name: str) -> np.ndarray:
        """``(count, 2)``: mean and max ``|grad|`` of ``name`` per run (NaN where its
        ``.grad`` was None, and before :attr:`flow_first`)."""
        with self._lock:
            return self._flow[name][: self._count].copy()

    def flow_last(self) -> dict[str, tuple[float, float]]:
        """``name -> (mean |grad|, max |grad|)`` of the last run (NaN for a None grad)."""
        with self._lock:
            if not self._count:
                return {}
            row = self._count - 1
            return {n: (float(f[row, 0]), float(f[row, 1])) for n, f in self._flow.items()}

    @property
    def flow_first(self) -> int:
        """Index of the first run whose gradient flow is present (0 unless a capped wire
        dropped older rows)."""
        return self._flow_first

    # -- sessions ---------------------------------------------------------------------------
    def start_next(self) -> HistoryData:
        """A fresh history for the next script run, keeping this one as its ``previous``."""
        self.previous = None
        return type(self)(previous=self if self.count else None)

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


def _zero_from_wire(item: Any) -> ZeroEvent:
    after_run, set_to_none, source, *rest = item
    line = int(rest[0]) if rest and int(rest[0]) >= 0 else None
    return ZeroEvent(int(after_run), bool(set_to_none), str(source), line)


def _grown_rows(arr: np.ndarray, capacity: int) -> np.ndarray:
    new = np.full((capacity, *arr.shape[1:]), np.nan, dtype=arr.dtype)
    new[: arr.shape[0]] = arr
    return new


def _flow_to_wire(history: HistoryData, count: int) -> dict[str, Any]:
    """The gradient flow's newest rows, at most :data:`FLOW_WIRE_CELLS` rows × names."""
    names = list(history._flow)
    rows = min(count, FLOW_WIRE_CELLS // max(1, len(names)))
    first = max(history._flow_first, count - rows)
    data = np.empty((count - first, len(names), 2), dtype=np.float64)
    for i, name in enumerate(names):
        data[:, i] = history._flow[name][first:count]
    return {"names": names, "first": first, "data": data}


def _flow_from_wire(history: HistoryData, wire: Any, count: int, capacity: int) -> None:
    if not isinstance(wire, dict):
        raise TypeError("history flow is not a dict")
    names = [str(n) for n in wire["names"]]
    first = int(wire["first"])
    if not 0 <= first <= count or len(names) > FLOW_NAMES_LIMIT or len(set(names)) < len(names):
        raise ValueError(f"history flow: first {first} of {count} runs, {len(names)} names")
    data = np.asarray(wire["data"], dtype=np.float64)
    if data.shape != (count - first, len(names), 2):
        raise ValueError(f"history flow has shape {data.shape}")
    history._flow_first = first
    for i, name in enumerate(names):
        column = np.full((capacity, 2), np.nan)
        column[first:count] = data[:, i]
        history._flow[name] = column


def _grown(arr: np.ndarray, capacity: int, fill: Any) -> np.ndarray:
    new = np.full(capacity, fill, dtype=arr.dtype)
    new[: arr.shape[0]] = arr
    return new


_WIRE_ARRAYS = ("_root", "_source", "_kind", "_line")


def history_to_wire(history: HistoryData, *, with_previous: bool = True) -> dict[str, Any]:
    """Plain data for the codec: the first ``count`` rows of every array."""
    with history._lock:
        count = history._count
        wire: dict[str, Any] = {
            "count": count,
            "tracks": [
                {"name": t.name, "shape": list(t.shape), "data": t.data[:count].copy()}
                for t in history._tracks.values()
            ],
            "root_names": list(history._root_names),
            "zeros": [
                [z.after_run, z.set_to_none, z.source, -1 if z.line is None else z.line]
                for z in history._zeros
            ],
            "allow_unused": list(history._allow_unused),
            "steps": list(history._steps),
            "flow": _flow_to_wire(history, count),
        }
        for key in _WIRE_ARRAYS:
            wire[key.lstrip("_")] = getattr(history, key)[:count].copy()
    previous = history.previous if with_previous else None
    wire["previous"] = history_to_wire(previous, with_previous=False) if previous else None
    return wire


def history_from_wire(wire: dict[str, Any]) -> HistoryData:
    """Rebuild a :class:`HistoryData` from :func:`history_to_wire`'s plain data."""
    history = HistoryData()
    count = int(wire["count"])
    capacity = max(INITIAL_CAPACITY, count)
    history._capacity = capacity
    history._count = count
    for key, fill in (("_root", np.nan), ("_source", 0), ("_kind", 0), ("_line", -1)):
        arr = np.asarray(wire[key.lstrip("_")])
        if arr.shape != (count,):
            raise ValueError(f"history array {key!r} has shape {arr.shape}, not ({count},)")
        target = np.full(capacity, fill, dtype=getattr(history, key).dtype)
        target[:count] = arr
        setattr(history, key, target)
    for item in wire["tracks"]:
        shape = tuple(int(s) for s in item["shape"])
        track = _Track(str(item["name"]), shape, capacity)
        data = np.asarray(item["data"], dtype=np.float64)
        if data.shape != (count, track.data.shape[1]):
            raise ValueError(f"history track {track.name!r} has shape {data.shape}")
        track.data[:count] = data
        history._tracks[track.name] = track
    history._root_names = [str(n) for n in wire["root_names"]]
    history._zeros = [_zero_from_wire(z) for z in wire["zeros"]]
    history._allow_unused = [int(r) for r in wire.get("allow_unused", [])]
    history._steps = [int(a) for a in wire.get("steps", [])]
    if "flow" in wire:
        _flow_from_wire(history, wire["flow"], count, capacity)
    if wire.get("previous"):
        history.previous = history_from_wire(wire["previous"])
    return history
