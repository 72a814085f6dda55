"""Every resource limit of a playground run, as one named, documented constant each.

The limits are checked *before* the work they bound is done (parsing, allocating,
big-int arithmetic), so hitting one is a clear sentence, never a hang or a crash.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The bounds of one run; ``DEFAULT_LIMITS`` is what the app and the CLI use."""

    #: Largest script accepted, in UTF-8 bytes (checked before parsing).
    max_source_bytes: int = 100_000
    #: Deepest nesting of syntax-tree nodes (expressions inside expressions, blocks in blocks).
    max_nesting: int = 100
    #: Most elements any one tensor may have (checked before it is allocated).
    max_elements: int = 10**7
    #: Most bytes any one tensor allocation may request.
    max_bytes: int = 1 << 30
    #: Most bits a Python integer may have (``10**10**10`` is refused before computing it).
    max_int_bits: int = 100_000
    #: Longest string (or format width/precision) a run may build.
    max_str_len: int = 1_000_000
    #: Longest list or tuple a run may build (``*``, ``+``, ``+=``, slice assignment,
    #: ``append``, ``list()``, ``sum(lists, [])``, ``tolist()``), and most tensors one
    #: ``unbind``/``split``/``chunk`` may return.
    max_seq_len: int = 1_000_000
    #: Most items ``sum``/``min``/``max``/``list``/``tuple`` may consume from one iterable.
    max_builtin_items: int = 1_000_000
    #: Most multiply-adds one matrix product (``@``, ``mm``, ``einsum``, ``F.linear``) may need.
    max_matmul_flops: int = 10**10
    #: Most statements (and loop iterations) executed in one run.
    max_statements: int = 10**6
    #: Wall-clock budget of one run, in seconds.
    max_seconds: float = 10.0
    #: Most bytes of printed output kept; the rest is cut with a note.
    max_output_bytes: int = 1 << 20
    #: Most the process's resident memory may grow during one run (all tensors together;
    #: checked between statements where the platform reports it).
    max_memory_growth: int = 768 << 20
    #: Deepest autograd graph a run may build (PyTorch crashes freeing much deeper ones).
    max_graph_depth: int = 10_000
    #: Check the memory growth every this many statements (and after every 16 MB of
    #: tensor results, also inside one statement).
    memory_check_every: int = 16


#: The limits every run uses unless told otherwise.
DEFAULT_LIMITS = Limits()
