"""Tag each backward node with the script line that made it; bound graph depth; let
cancel and the deadline end a running ``backward()``."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import torch

from playground.core.errors import LimitExceeded, RunCancelled
from playground.core.result import NODE_LINE_KEY

#: ``grad_fn.metadata`` key of a node's depth (longest path to a leaf), for the depth limit.
NODE_DEPTH_KEY = "playground_depth"


def tag_graph(
    tensor: torch.Tensor,
    line: int,
    max_depth: int | None = None,
    hook: Callable[[Any], None] | None = None,
) -> None:
    """Set ``NODE_LINE_KEY`` on every untagged backward node reachable from ``tensor``
    (stopping at tagged ones), and refuse graphs deeper than ``max_depth``: a path longer
    than that is refused before walking (and touching) any further down it. ``hook`` is
    registered as a pre-hook on every newly tagged node."""
    root = tensor.grad_fn
    if root is None or NODE_LINE_KEY in root.metadata:
        return
    stack: list[tuple[Any, bool, int]] = [(root, False, 1)]
    while stack:
        node, expanded, level = stack.pop()
        metadata = node.metadata
        if expanded:
            depth = 1 + max(
                (
                    n.metadata.get(NODE_DEPTH_KEY, 1)
                    for n, _ in node.next_functions
                    if n is not None
                ),
                default=0,
            )
            metadata[NODE_DEPTH_KEY] = depth
            if max_depth is not None and depth > max_depth:
                raise _depth_limit(max_depth)
            continue
        if NODE_LINE_KEY in metadata:
            continue
        if max_depth is not None and level > max_depth:
            raise _depth_limit(max_depth)
        metadata[NODE_LINE_KEY] = line
        if hook is not None:
            node.register_prehook(hook)
        stack.append((node, True, level))
        stack.extend(
            (n, False, level + 1)
            for n, _ in node.next_functions
            if n is not None and NODE_LINE_KEY not in n.metadata
        )


def _depth_limit(max_depth: int) -> LimitExceeded:
    return LimitExceeded(
        f"the autograd graph is more than the playground's limit of {max_depth:,} operations deep"
    )


class RunGuard:
    """A backward-node pre-hook: ends a running ``backward()`` when the run is cancelled
    or past its deadline (both are otherwise checked between statements only).

    It holds no reference to the interpreter, so graphs that outlive the run keep nothing
    else alive; once the run is over (``active`` false) it does nothing.
    """

    __slots__ = ("cancel", "deadline", "max_seconds", "active")

    def __init__(self, cancel: threading.Event | None, deadline: float, max_seconds: float):
        self.cancel = cancel
        self.deadline = deadline
        self.max_seconds = max_seconds
        self.active = False

    def __call__(self, grad_outputs: Any) -> None:
        if not self.active:
            return None
        if self.cancel is not None and self.cancel.is_set():
            raise RunCancelled("the run was cancelled")
        if time.monotonic() > self.deadline:
            raise LimitExceeded(
                f"the script ran longer than the playground's limit of {self.max_seconds:g} seconds"
            )
        return None
