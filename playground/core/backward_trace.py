"""Record what the autograd engine really does during a backward pass.

:class:`BackwardTracer` is a :class:`playground.core.result.BackwardObserver`: just
before a backward it registers a pre-hook and a post-hook on every node reachable
from the roots, and removes them all right after. The pre-hook gives the engine's
real execution order and the gradients flowing *into* each node (``grad_outputs``);
the post-hook gives the gradients flowing *out* (``grad_inputs``, one per
``next_functions`` entry). Hooks hold only the node's stable id (a string), never
the node, and store ``g.detach().clone()``, so they neither change results nor keep
the graph alive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import torch

from playground.core.graph import assign_function_ids, is_accumulate
from playground.core.result import BackwardCall
from playground.core.trace_model import BackwardTrace, GradTuple, TraceStep

__all__ = ["BackwardTrace", "BackwardTracer", "TraceStep"]


def _clone_grads(grads: Any) -> GradTuple:
    return tuple(g.detach().clone() if isinstance(g, torch.Tensor) else None for g in grads)


def _leaf_names(namespace: Mapping[str, Any]) -> dict[int, str]:
    names: dict[int, str] = {}
    for name, value in namespace.items():
        if isinstance(value, torch.Tensor) and value.is_leaf:
            names.setdefault(id(value), name)
    return names


class BackwardTracer:
    """Records a :class:`BackwardTrace` for every backward pass it is told about."""

    def __init__(self, max_traces: int = 20) -> None:
        self.traces: list[BackwardTrace] = []
        self.max_traces = max_traces
        self._handles: list[Any] = []
        self._current: BackwardTrace | None = None

    @property
    def last(self) -> BackwardTrace | None:
        """The newest trace, or ``None``."""
        return self.traces[-1] if self.traces else None

    def clear(self) -> None:
        """Forget every trace and remove any hook still registered."""
        self._remove_hooks()
        self.traces.clear()

    def backward_started(self, call: BackwardCall, namespace: Mapping[str, Any]) -> None:
        """Register pre- and post-hooks on every node reachable from ``call.roots``."""
        self._remove_hooks()
        # Keep the call without its roots: a root tensor would keep the whole graph alive.
        trace = BackwardTrace(call=dataclasses.replace(call, roots=()))
        self._current = trace
        named = [(n, v) for n, v in namespace.items() if isinstance(v, torch.Tensor)]
        named += [
            (f"<root{i}>", r)
            for i, r in enumerate(call.roots)
            if isinstance(r, torch.Tensor) and r.grad_fn is not None
        ]
        leaf_names = _leaf_names(namespace)
        functions = assign_function_ids(named)  # keeps the node wrappers (and their id()) alive
        reachable = _reachable(call.roots)
        for key, fn in functions.values():
            if id(fn) not in reachable:
                continue
            leaf_name = leaf_names.get(id(fn.variable)) if is_accumulate(fn) else None
            self._hook(fn, key, trace, leaf_name)
        self.traces.append(trace)
        del self.traces[: -self.max_traces]

    def backward_finished(
        self, call: BackwardCall, namespace: Mapping[str, Any], error: BaseException | None
    ) -> None:
        """Remove every hook; note the error, if the backward raised."""
        self._remove_hooks()
        if self._current is not None and error is not None:
            self._current.error = f"{type(error).__name__}: {error}"
        self._current = None

    def _hook(self, fn: Any, key: str, trace: BackwardTrace, leaf_name: str | None) -> None:
        name = type(fn).__name__
        accumulate = is_accumulate(fn)
        sequence_nr = int(fn._sequence_nr())

        def pre(grad_outputs: Any) -> None:
            trace.steps.append(
                TraceStep(
                    key,
                    name,
                    _clone_grads(grad_outputs),
                    None,
                    accumulate,
                    leaf_name,
                    sequence_nr=sequence_nr,
                )
            )

        def post(grad_inputs: Any, grad_outputs: Any) -> None:
            for step in reversed(trace.steps):
                if step.node_key == key and step.grad_inputs is None:
                    step.grad_inputs = _clone_grads(grad_inputs)
                    if accumulate:
                        grad = torch._C._current_autograd_node().variable.grad
                        step.grad_after = None if grad is None else grad.detach().clone()
                    break

        self._handles.append(fn.register_prehook(pre))
        self._handles.append(fn.register_hook(post))

    def _remove_hooks(self) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles.clear()


def _reachable(roots: tuple[Any, ...]) -> set[int]:
    """``id()`` of every node reachable from the roots' ``grad_fn`` (iterative).

    Only meaningful while the caller keeps the node wrappers alive (so ids stay unique).
    """
    stack = [r.grad_fn for r in roots if isinstance(r, torch.Tensor) and r.grad_fn is not None]
    seen: set[int] = set()
    while stack:
        fn = stack.pop()
        if id(fn) in seen:
            continue
        seen.add(id(fn))
        stack.extend(child for child, _ in fn.next_functions if child is not None)
    return seen
