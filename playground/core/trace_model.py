"""One recorded backward pass as plain data: the engine's steps in order. Torch-free.

:mod:`playground.core.backward_trace` records it with hooks on the real backward in the
kernel; the window receives it with every gradient replaced by a
:class:`playground.protocol.views.TensorView`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playground.core.result import BackwardCall

#: Gradients of a node's outputs or inputs (``None`` entries where undefined).
GradTuple = tuple[Any, ...]


@dataclass
class TraceStep:
    """One node the engine ran, in order."""

    node_key: str
    node_name: str
    #: Gradients w.r.t. the node's outputs, flowing in (``None`` entries where undefined).
    grad_outputs: GradTuple | None
    #: Gradients the node produced for its ``next_functions`` (``()`` for AccumulateGrad).
    grad_inputs: GradTuple | None
    is_accumulate: bool
    #: Variable name of the leaf an AccumulateGrad fills (``None`` if unnamed).
    leaf_name: str | None
    #: The leaf's ``.grad`` right after this AccumulateGrad ran (a clone).
    grad_after: Any = None
    #: ``node._sequence_nr()``: creation order (the engine runs higher numbers first).
    sequence_nr: int = -1


@dataclass
class BackwardTrace:
    """All the steps of one backward pass."""

    #: The call, with ``roots`` emptied (the trace must not keep the graph alive).
    call: BackwardCall
    steps: list[TraceStep] = field(default_factory=list)
    error: str | None = None

    def edge_gradients(self) -> dict[tuple[str, int], Any]:
        """``{(node_key, input_index): gradient}`` that flowed along each ``next`` edge."""
        out: dict[tuple[str, int], Any] = {}
        for step in self.steps:
            for index, g in enumerate(step.grad_inputs or ()):
                if g is not None:
                    out[(step.node_key, index)] = g
        return out

    def step_of(self, node_key: str) -> int | None:
        """Index of the step that ran ``node_key``, or ``None``."""
        for i, step in enumerate(self.steps):
            if step.node_key == node_key:
                return i
        return None
