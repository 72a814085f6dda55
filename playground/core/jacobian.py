"""The Jacobian panel's numbers: ``J = ∂y/∂x`` on the live graph, ``vᵀJ`` against ``x.grad``,
and a finite-difference estimate of ``J`` from fresh runs of the script (runs in the kernel).

``J`` has one row per element of the root ``y`` (flattened) and one column per element of
the leaf ``x``. It is computed with ``torch.autograd.grad(..., retain_graph=True)`` on the
graph the run left, a batch of rows at a time (``is_grads_batched``), so the graph stays
usable and nothing the panels show changes: ``x.grad`` is never touched, nothing is
recorded in the history, and the ``.grad`` of ``retain_grad()`` tensors (which autograd
also fills for ``torch.autograd.grad``) is put back as it was. Bounded: at most
:data:`MAX_ENTRIES` entries and :data:`MAX_SECONDS`; past them, or when the graph was freed,
``x`` is not reachable from ``y`` or ``y`` has no ``grad_fn``, ``status`` says why.

The finite differences re-run the script (``Rerun``: Python mode only) with one element of
``x`` moved by ``±h`` right after the statement that binds ``x``, and read ``y`` at the end:
``(y(x + h·e_j) − y(x − h·e_j)) / 2h`` for at most :data:`FD_MAX_COLUMNS` columns and
:data:`FD_MAX_SECONDS`. A float32 ``x`` bound by a plain name is moved as a float64 copy
(most of the script then computes in float64) unless that run fails; then in its own dtype.
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from playground.core.result import Assignment, RunResult

#: Most entries of J computed (rows × columns).
MAX_ENTRIES = 10_000
#: Longest the rows of J may take, in seconds.
MAX_SECONDS = 2.0
#: Rows of J per batched backward (``is_grads_batched``).
ROWS_PER_BATCH = 256
#: Most columns of J estimated by finite differences (two runs of the script each).
FD_MAX_COLUMNS = 32
#: Longest all the finite-difference runs may take together, in seconds.
FD_MAX_SECONDS = 3.0

#: PyTorch's message when a backward needs saved tensors a previous backward freed.
FREED_MARK = "backward through the graph a second time"


@dataclass
class Rerun:
    """How the kernel runs the script afresh for finite differences (Python mode)."""

    #: ``run(seconds)``: the script run again from scratch (output discarded, no observers,
    #: the run's seed), stopped after ``seconds``; its globals, or ``None`` if it failed.
    run: Callable[[float], dict[str, Any] | None]
    #: The panels' names of a run's globals (``model.0.weight``, ``params[0]``, ...).
    names: Callable[[Mapping[str, Any]], Mapping[str, Any]]
    #: The file name the script runs under (its module frame's ``co_filename``).
    filename: str


@dataclass
class JacobianReport:
    """Everything the panel shows for one (root, leaf) pair; ``status`` ``"ok"`` or why not."""

    root: str
    leaf: str
    status: str = "ok"
    #: PyTorch's own message for ``"error"``, else empty.
    detail: str = ""
    y_shape: tuple[int, ...] = ()
    x_shape: tuple[int, ...] = ()
    dtype: str = ""
    #: Rows × columns J would have (also when it was too large to compute).
    entries: int = 0
    jacobian: np.ndarray | None = None
    #: The gradient ``v`` (flattened), ``vᵀJ`` and ``x.grad`` (flattened, ``None`` if unset).
    v: np.ndarray | None = None
    vjp: np.ndarray | None = None
    grad: np.ndarray | None = None
    #: Whether ``x.grad`` equals ``vᵀJ`` (``torch.allclose``); ``None`` without an ``x.grad``.
    agree: bool | None = None
    #: ``k`` when ``x.grad`` is ``k·vᵀJ`` for a whole ``k ≥ 2`` (k backward passes accumulated).
    multiple: int | None = None
    #: Named tensors with backward hooks on the graph (they ran while J was computed).
    hooks: int = 0
    fd: np.ndarray | None = None
    fd_columns: list[int] = field(default_factory=list)
    #: ``"ok"``, ``"capped"`` (column cap), ``"timeout"``, ``"restricted"``, ``"failed"``,
    #: ``"no_binding"`` or ``"not_run"`` (no J to confirm).
    fd_status: str = "not_run"
    fd_detail: str = ""
    fd_max_diff: float | None = None
    fd_agree: bool | None = None
    fd_dtype: str = ""
    limits: dict[str, float] = field(default_factory=dict)

    def to_wire(self) -> dict[str, Any]:
        """Plain data for :func:`playground.protocol.views.jacobian_from_wire`."""

        def array(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else np.ascontiguousarray(a, dtype=np.float64)

        return {
            "root": self.root,
            "leaf": self.leaf,
            "status": self.status,
            "detail": self.detail[:2000],
            "y_shape": list(self.y_shape),
            "x_shape": list(self.x_shape),
            "dtype": self.dtype,
            "entries": self.entries,
            "jacobian": array(self.jacobian),
            "v": array(self.v),
            "vjp": array(self.vjp),
            "grad": array(self.grad),
            "agree": self.agree,
            "multiple": self.multiple,
            "hooks": self.hooks,
            "fd": array(self.fd),
            "fd_columns": list(self.fd_columns),
            "fd_status": self.fd_status,
            "fd_detail": self.fd_detail[:2000],
            "fd_max_diff": self.fd_max_diff,
            "fd_agree": self.fd_agree,
            "fd_dtype": self.fd_dtype,
            "limits": dict(self.limits),
        }


class Unavailable(Exception):
    """J cannot be shown: ``status`` (and PyTorch's message as ``detail``)."""

    def __init__(self, status: str, detail: str = "") -> None:
        super().__init__(status)
        self.status = status
        self.detail = detail


# --------------------------------------------------------------------------- J
@contextmanager
def retained_grads_kept(namespace: Mapping[str, Any]) -> Iterator[None]:
    """Put back the ``.grad`` of every named ``retain_grad()`` tensor afterwards:
    ``torch.autograd.grad`` accumulates into them too."""
    kept = []
    for value in namespace.values():
        if isinstance(value, torch.Tensor) and not value.is_leaf and value.retains_grad:
            grad = value.grad
            kept.append((value, None if grad is None else grad.detach().clone()))
    try:
        yield
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for tensor, grad in kept:
                tensor.grad = grad


def _rows(y: torch.Tensor, x: torch.Tensor, start: int, stop: int, batched: bool) -> torch.Tensor:
    """Rows ``start:stop`` of J, as a (stop − start) × x.numel() tensor."""
    m = y.numel()
    count = stop - start
    basis = torch.zeros(count, m, dtype=y.dtype)
    basis[torch.arange(count), torch.arange(start, stop)] = 1
    if batched:
        basis = basis.reshape(count, *y.shape)
        (grads,) = torch.autograd.grad(
            y, x, basis, retain_graph=True, allow_unused=True, is_grads_batched=True
        )
        if grads is None:
            raise Unavailable("unreachable")
        return grads.reshape(count, -1)
    rows = []
    for i in range(count):
        (grad,) = torch.autograd.grad(
            y, x, basis[i].reshape(y.shape), retain_graph=True, allow_unused=True
        )
        if grad is None:
            raise Unavailable("unreachable")
        rows.append(grad.reshape(-1))
    return torch.stack(rows)


def live_jacobian(
    y: torch.Tensor,
    x: torch.Tensor,
    *,
    max_seconds: float = MAX_SECONDS,
    batched: bool = True,
    cancel: Any = None,
) -> np.ndarray:
    """``J[i, j] = ∂y.flatten()[i] / ∂x.flatten()[j]`` on the live graph (float64 numpy).

    Raises :class:`Unavailable` (``"freed"``, ``"unreachable"``, ``"timeout"``,
    ``"cancelled"``, ``"error"``). The graph is kept (``retain_graph=True``).
    """
    deadline = time.monotonic() + max_seconds
    m = y.numel()
    blocks = []
    for start in range(0, m, ROWS_PER_BATCH):
        stop = min(m, start + ROWS_PER_BATCH)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # vmap's "performance drop" notes
                try:
                    block = _rows(y, x, start, stop, batched)
                except Unavailable:
                    raise
                except RuntimeError as exc:
                    if FREED_MARK in str(exc) or not batched:
                        raise
                    batched = False  # an op without a batching rule: one row at a time
                    block = _rows(y, x, start, stop, batched)
        except RuntimeError as exc:
            status = "freed" if FREED_MARK in str(exc) else "error"
            raise Unavailable(status, str(exc)) from None
        blocks.append(block.detach().to(torch.float64))
        if cancel is not None and cancel.is_set():
            raise Unavailable("cancelled")
        if time.monotonic() > deadline and stop < m:
            raise Unavailable("timeout")
    return torch.cat(blocks).numpy()


def _tolerances(dtype: torch.dtype) -> tuple[float, float]:
    """(rtol, atol) for comparing ``vᵀJ`` with ``x.grad`` of dtype ``dtype``."""
    if dtype == torch.float64:
        return 1e-5, 1e-8
    if dtype == torch.float32:
        return 1e-4, 1e-6
    return 1e-2, 1e-3


def compare_grad(
    vjp: np.ndarray, grad: torch.Tensor | None, dtype: torch.dtype
) -> tuple[np.ndarray | None, bool | None, int | None]:
    """``(x.grad flattened, agrees with vᵀJ, k when x.grad = k·vᵀJ)``."""
    if grad is None:
        return None, None, None
    flat = grad.detach().reshape(-1).to(torch.float64)
    expected = torch.from_numpy(vjp)
    rtol, atol = _tolerances(dtype)
    agree = bool(torch.allclose(flat, expected, rtol=rtol, atol=atol))
    multiple = None
    norm = float(expected.dot(expected))
    if not agree and norm > 0:
        k = round(float(flat.dot(expected)) / norm)
        if k >= 2 and torch.allclose(flat, k * expected, rtol=rtol, atol=atol):
            multiple = k
    return flat.numpy(), agree, multiple


def _hook_count(namespace: Mapping[str, Any]) -> int:
    return sum(
        1
        for value in namespace.values()
        if isinstance(value, torch.Tensor) and getattr(value, "_backward_hooks", None)
    )


# --------------------------------------------------------------------------- report
def jacobian_report(
    result: RunResult,
    root: str,
    leaf: str,
    gradient: torch.Tensor | None = None,
    *,
    rerun: Rerun | None = None,
    max_entries: int = MAX_ENTRIES,
    max_seconds: float = MAX_SECONDS,
    fd_max_columns: int = FD_MAX_COLUMNS,
    fd_max_seconds: float = FD_MAX_SECONDS,
    cancel: Any = None,
) -> JacobianReport:
    """J of ``root`` by ``leaf`` in the run's namespace, ``v``/``vᵀJ``/``x.grad`` and the
    finite differences (``rerun`` is ``None`` in restricted mode)."""
    report = JacobianReport(root=root, leaf=leaf)
    report.limits = {
        "max_entries": float(max_entries),
        "max_seconds": float(max_seconds),
        "fd_max_columns": float(fd_max_columns),
        "fd_max_seconds": float(fd_max_seconds),
    }
    namespace = result.namespace
    y, x = namespace.get(root), namespace.get(leaf)
    if not isinstance(y, torch.Tensor):
        report.status = "no_root"
        return report
    if not isinstance(x, torch.Tensor):
        report.status = "no_leaf"
        return report
    report.y_shape, report.x_shape = tuple(y.shape), tuple(x.shape)
    report.dtype = str(y.dtype).removeprefix("torch.")
    report.entries = y.numel() * x.numel()
    try:
        _check_pair(y, x, report.entries, max_entries)
        report.hooks = _hook_count(namespace)
        with retained_grads_kept(namespace):
            jac = live_jacobian(
                y, x, max_seconds=max_seconds, batched=report.hooks == 0, cancel=cancel
            )
    except Unavailable as why:
        report.status, report.detail = why.status, why.detail
        return report
    report.jacobian = jac
    report.v = _v(gradient, y)
    report.vjp = report.v @ jac
    report.grad, report.agree, report.multiple = compare_grad(report.vjp, x.grad, x.dtype)
    if rerun is None:
        report.fd_status = "restricted"
    else:
        _finite_differences(report, result, rerun, x, fd_max_columns, fd_max_seconds)
    return report


def _check_pair(y: torch.Tensor, x: torch.Tensor, entries: int, max_entries: int) -> None:
    if y.is_complex() or x.is_complex():
        raise Unavailable("complex")
    if y.grad_fn is None:
        raise Unavailable("no_grad_fn")
    if not x.requires_grad:
        raise Unavailable("leaf_no_grad")
    if entries > max_entries:
        raise Unavailable("too_large")
    if entries == 0:
        raise Unavailable("empty")


def _v(gradient: torch.Tensor | None, y: torch.Tensor) -> np.ndarray:
    """The gradient ``v`` flattened (ones for a scalar root or a grid of another shape)."""
    if gradient is not None and gradient.numel() == y.numel() and not gradient.is_complex():
        return gradient.detach().reshape(-1).to(torch.float64).numpy().copy()
    return np.ones(y.numel(), dtype=np.float64)


# --------------------------------------------------------------------------- finite differences
@contextmanager
def after_statement(
    filename: str, first: int, last: int, apply: Callable[[dict[str, Any]], None]
) -> Iterator[None]:
    """Call ``apply(module globals)`` each time the module-level code of ``filename`` has
    just run the statement on lines ``first..last`` (``sys.settrace`` on line events)."""
    inside = False

    def local(frame: Any, event: str, _arg: Any) -> Any:
        nonlocal inside
        if event == "line":
            if first <= frame.f_lineno <= last:
                inside = True
            elif inside:
                inside = False
                apply(frame.f_globals)
        elif event == "return" and inside:
            inside = False
            apply(frame.f_globals)
        return local

    def calls(frame: Any, event: str, _arg: Any) -> Any:
        code = frame.f_code
        if event == "call" and code.co_filename == filename and code.co_name == "<module>":
            return local
        return None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        yield
    finally:
        sys.settrace(previous)


def _step(value: float, dtype: torch.dtype) -> float:
    """The central-difference step for an element ``value`` (cube root of the dtype's eps)."""
    eps = torch.finfo(dtype).eps
    return float(eps ** (1 / 3)) * max(1.0, abs(value))


class _Column:
    """One perturbed run: moves ``x[index]`` by ``delta`` right after ``x`` is bound."""

    def __init__(self, leaf: str, names: Callable, index: tuple[int, ...], delta: float) -> None:
        self.leaf, self.names, self.index, self.delta = leaf, names, index, delta
        #: Promote a float32 ``x`` bound by a plain name to a float64 copy first.
        self.promote = False
        #: How far ``x[index]`` actually moved (after rounding to its dtype).
        self.moved: float | None = None

    def __call__(self, globals_: dict[str, Any]) -> None:
        x = self.names(globals_).get(self.leaf)
        if not isinstance(x, torch.Tensor) or x.is_complex():
            return
        with torch.no_grad():
            if self.promote and self.leaf in globals_ and x.dtype != torch.float64:
                x = x.detach().to(torch.float64).requires_grad_(x.requires_grad)
                globals_[self.leaf] = x
            before = float(x[self.index])
            x[self.index] += self.delta
            self.moved = float(x[self.index]) - before


def _finite_differences(
    report: JacobianReport,
    result: RunResult,
    rerun: Rerun,
    x: torch.Tensor,
    max_columns: int,
    max_seconds: float,
) -> None:
    """Fill ``report.fd*`` from perturbed runs of the script."""
    binding = _binding(result.assignments, report.leaf)
    if binding is None:
        report.fd_status = "no_binding"
        return
    n = x.numel()
    columns = list(range(min(n, max_columns)))
    deadline = time.monotonic() + max_seconds
    promote = (
        x.dtype in (torch.float32, torch.float16, torch.bfloat16) and report.leaf.isidentifier()
    )
    values = x.detach().reshape(-1).to(torch.float64)
    estimates: list[np.ndarray] = []
    status = "ok" if len(columns) == n else "capped"
    for j in columns:
        index = tuple(int(i) for i in np.unravel_index(j, tuple(x.shape)))
        step = _step(float(values[j]), torch.float64 if promote else x.dtype)
        try:
            estimate = _central(rerun, binding, report, index, step, promote, deadline)
            if estimate is None and promote and j == 0:
                promote = False  # the float64 copy broke the script: its own dtype then
                step = _step(float(values[j]), x.dtype)
                estimate = _central(rerun, binding, report, index, step, promote, deadline)
        except _OutOfTime:
            status = "timeout"
            break
        if estimate is None:
            report.fd_status = "failed"
            return
        estimates.append(estimate)
    if not estimates:
        report.fd_status = "timeout"
        return
    report.fd_status = status
    report.fd_dtype = "float64" if promote else str(x.dtype).removeprefix("torch.")
    report.fd = np.stack(estimates, axis=1)
    report.fd_columns = columns[: len(estimates)]
    assert report.jacobian is not None
    exact = report.jacobian[:, report.fd_columns]
    report.fd_max_diff = float(np.max(np.abs(report.fd - exact)))
    rtol = 1e-5 if promote or x.dtype == torch.float64 else 1e-2
    report.fd_agree = bool(np.allclose(report.fd, exact, rtol=rtol, atol=rtol))


class _OutOfTime(Exception):
    """The finite differences' time is up."""


def _binding(assignments: Mapping[str, Assignment], leaf: str) -> Assignment | None:
    """The statement binding the leaf's variable (``model`` for ``model.0.weight``)."""
    match = re.match(r"[A-Za-z_]\w*", leaf)
    return assignments.get(match.group(0)) if match else None


def _central(
    rerun: Rerun,
    binding: Assignment,
    report: JacobianReport,
    index: tuple[int, ...],
    step: float,
    promote: bool,
    deadline: float,
) -> np.ndarray | None:
    """``(y(x + h) − y(x − h)) / (moved up + moved down)`` for element ``index``, or
    ``None`` when a run failed (the reason in ``report.fd_detail``)."""
    outputs, moved = [], []
    for delta in (step, -step):
        left = deadline - time.monotonic()
        if left <= 0:
            raise _OutOfTime()
        column = _Column(report.leaf, rerun.names, index, delta)
        column.promote = promote
        with after_statement(rerun.filename, binding.line, binding.end_line, column):
            globals_ = rerun.run(left)
        if globals_ is None:
            if time.monotonic() >= deadline:
                raise _OutOfTime()
            report.fd_detail = "the script failed when run again"
            return None
        y = rerun.names(globals_).get(report.root)
        if not isinstance(y, torch.Tensor):
            report.fd_detail = f"the run again left no tensor {report.root!r}"
            return None
        if y.numel() != int(np.prod(report.y_shape)) or column.moved in (None, 0.0):
            report.fd_detail = f"{report.root} or {report.leaf} changed when run again"
            return None
        outputs.append(y.detach().reshape(-1).to(torch.float64))
        moved.append(abs(column.moved))
    return ((outputs[0] - outputs[1]) / (moved[0] + moved[1])).numpy()
