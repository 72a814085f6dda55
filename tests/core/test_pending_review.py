"""Holes found by the second security review: these tests FAIL until the interpreter is fixed.

Each test names the guarantee it checks (docs/language.md, issue 2) and the place where the
fix belongs. When one passes, move it into ``test_security_review.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from playground.core.errors import LimitExceeded, RunCancelled, ScriptRefused
from playground.core.limits import Limits
from playground.core.runner import run_script

PRELUDE = "import torch\nimport torch.nn.functional as F\n"
#: Small limits: every hole below shows up in milliseconds at this scale.
SMALL = Limits(
    max_elements=10**4,
    max_str_len=1000,
    max_seq_len=1000,
    max_builtin_items=1000,
    max_seconds=5.0,
)


def _run(body: str, limits: Limits = SMALL, **kwargs):
    return run_script(PRELUDE + body, limits=limits, **kwargs)


# --- lists, tuples and strings that grow past their limits ----------------------------------

#: name -> (body, where the fix belongs). Each must end in LimitExceeded under SMALL.
UNBOUNDED_SEQUENCES: dict[str, tuple[str, str]] = {
    # str % tuple: each width is checked, the total is not (default: 10,000 x 999,999 chars)
    "percent_format_total": (
        's = "%999d" * 100 % tuple(range(100))',
        "interpreter._binop: check len() of a str result (or sum the widths in _guard_binop)",
    ),
    "sum_of_lists": (
        "xs = sum([[0] * 100] * 100, [])",
        "interpreter._builtin_sum: bound the result of non-tensor sums (also quadratic time)",
    ),
    "list_iadd_range": (
        "xs = []\nxs += range(10**5)",
        "interpreter._guard_binop: list += any iterable extends the list (range, zip, tensor)",
    ),
    "list_iadd_tensor_rows": (
        "xs = []\nxs += torch.ones(5000, 0)",
        "interpreter._guard_binop: list += tensor extends with one tensor per row",
    ),
    "list_slice_assign_range": (
        "xs = []\nxs[:] = range(10**5)",
        "interpreter._setitem: slice assignment to a list consumes an iterable unbounded",
    ),
    "tolist_of_empty_rows": (
        "xs = torch.ones(10**4, 0).tolist()",
        "interpreter._call_method: bound tolist() by the list it builds, not by numel()",
    ),
    "unbind_of_empty": (
        "ts = torch.ones(0, 5000).unbind(1)",
        "safe_torch.guard_call: unbind/split/chunk return one tensor per slice",
    ),
    "split_into_ones": (
        "ts = torch.ones(5000).split(1)",
        "safe_torch.guard_call: unbind/split/chunk return one tensor per slice",
    ),
    "chunk_into_ones": (
        "ts = torch.chunk(torch.ones(5000), 5000)",
        "safe_torch.guard_call: unbind/split/chunk return one tensor per slice",
    ),
    "tensor_text_unsummarised": (
        "s = str(torch.ones([2] * 12))",
        "safe_torch._scalar_text_size: dims of size <= 6 are never summarised by PyTorch",
    ),
    "tensor_print_unsummarised": (
        "print(torch.ones(1).expand([2] * 13))",
        "interpreter._builtin_print/_check_text: tensors are not counted at all",
    ),
    "tensor_repr_unsummarised": (
        "s = repr(torch.ones([6] * 5))",
        "interpreter._builtin_repr: _check_text ignores tensors",
    ),
}


@pytest.mark.parametrize("name", sorted(UNBOUNDED_SEQUENCES))
def test_sequence_and_text_limits(name):
    body, _fix = UNBOUNDED_SEQUENCES[name]
    result = _run(body)
    assert isinstance(result.error, LimitExceeded), f"{result.error!r}; fix: {_fix}"


# --- tensors bigger than max_elements / matmul flops not checked --------------------------

UNCHECKED_TENSORS: dict[str, tuple[str, Limits, str]] = {
    "autograd_grad_batched": (
        "x = torch.ones(300, requires_grad=True)\ny = (x * 2).sum()\n"
        "g = torch.autograd.grad(y, x, grad_outputs=torch.ones(300), is_grads_batched=True)",
        SMALL,
        "interpreter._backward: the result of torch.autograd.grad never goes through "
        "_check_big, and is_grads_batched multiplies its size (default limits: 10^5 x 10^5)",
    ),
    "einsum_sublist_format": (
        "a = torch.ones(200, 200)\nb = torch.einsum(a, [0, 1], a, [1, 2], [0, 2])",
        Limits(max_matmul_flops=10**6),
        "safe_torch._einsum_work returns None for einsum(op, [dims], ...): no check at all",
    ),
    "einsum_ellipsis_broadcast": (
        "a = torch.ones(300, 1, 100)\nb = torch.ones(1, 300, 100)\n"
        'c = torch.einsum("...k,...k->...", a, b)',
        Limits(max_matmul_flops=10**5, max_elements=10**6),
        "safe_torch._einsum_work takes max() of the ellipsis sizes instead of broadcasting",
    ),
    "norm_nuclear_svd": (
        'a = torch.randn(300, 300)\nn = torch.norm(a, p="nuc")',
        Limits(max_matmul_flops=10**7),
        "safe_torch.guard_call: p='nuc' (and p=2 over two dims) is an SVD, ~n^3 per matrix; "
        "at default limits a 3000 x 3000 one runs for minutes in one call",
    ),
}


@pytest.mark.parametrize("name", sorted(UNCHECKED_TENSORS))
def test_tensor_size_and_work_checked(name):
    body, limits, fix = UNCHECKED_TENSORS[name]
    started = time.perf_counter()
    result = _run(body, limits)
    elapsed = time.perf_counter() - started
    assert isinstance(result.error, (LimitExceeded, ScriptRefused)), f"{result.error!r}; {fix}"
    assert elapsed < 0.5, f"{elapsed:.2f} s"


COMPARE_BROADCASTS = {
    # list/tuple comparisons and min/max compare tensors element by element: a 10^5 x 1
    # against a 1 x 10^5 tensor is a 10^10-element bool tensor (10 GB) before any error
    "in_list": "b = torch.ones(1000, 1) in [torch.ones(1, 1000)]",
    "list_equality": "b = [torch.ones(1000, 1)] == [torch.ones(1, 1000)]",
    "tuple_less": "b = (torch.ones(1000, 1),) < (torch.ones(1, 1000),)",
    "max_of_two": "m = max(torch.ones(1000, 1), torch.ones(1, 1000))",
    "min_of_list": "m = min([torch.ones(1000, 1), torch.ones(1, 1000)])",
}


@pytest.mark.parametrize("name", sorted(COMPARE_BROADCASTS))
def test_comparisons_inside_containers_are_size_checked(name):
    """Fix in interpreter._eval_compare (lists/tuples of tensors) and _min_max: check
    the broadcast of every pair of tensors that will be compared."""
    result = _run(COMPARE_BROADCASTS[name])
    assert isinstance(result.error, LimitExceeded), result.error


# --- time and cancel are only checked between statements ----------------------------------

HEAVY_STATEMENT = (
    "import torch\na = torch.ones(500, 500)\ny = ("
    + "(a @ a).sum(), " * 40
    + ")\nprint(len(y))\nz = 1\n"
)


def test_one_statement_cannot_outrun_the_time_limit():
    """A statement with many heavy calls runs to its end (at default limits: up to ~10^4
    products of 10^10 multiply-adds each). Fix: check deadline/cancel in _check_big (after
    every torch call) or in Interpreter.eval."""
    limits = Limits(max_seconds=0.2)
    started = time.perf_counter()
    result = run_script(HEAVY_STATEMENT, limits=limits)
    elapsed = time.perf_counter() - started
    assert isinstance(result.error, LimitExceeded), result.error
    assert result.error.line == 3, result.error
    assert elapsed < limits.max_seconds + 0.4, f"{elapsed:.2f} s"


def test_cancel_stops_one_long_statement():
    cancel = threading.Event()
    timer = threading.Timer(0.2, cancel.set)
    timer.start()
    try:
        started = time.perf_counter()
        result = run_script(HEAVY_STATEMENT, cancel=cancel)
        elapsed = time.perf_counter() - started
    finally:
        timer.cancel()
    assert isinstance(result.error, RunCancelled), result.error
    assert result.error.line == 3, result.error
    assert elapsed < 0.6, f"{elapsed:.2f} s"


# --- memory allocated before (or without) a check: measured in a child --------------------

#: Limits of the child: tensors of at most 10^6 elements (4 MB), 64 MB of growth per run.
#: Every script below reaches 150-200 MB at its peak today.
MEMORY_CASES: dict[str, tuple[str, str]] = {
    "einsum_contraction_path": (
        'a = torch.ones(70, 70)\nc = torch.einsum("ab,cd,ac,bd->", a, a, a, a)',
        "einsum contracts left to right: ab,cd is a 70^4 outer product (no opt_einsum "
        "here); _einsum_work only bounds the output and the total work",
    ),
    "reduction_over_empty_dim": (
        "c = torch.ones(0, 4 * 10**7).sum(0)",
        "sum/mean/prod/norm/std/any over an empty dim return a full-size tensor: only "
        "check_result sees it, after allocation",
    ),
    "linear_with_no_features": (
        "c = F.linear(torch.ones(4 * 10**7, 0), torch.ones(1, 0))",
        "_product_size('linear') computes rows as numel // max(in_features, 1) = 0",
    ),
    "list_literal_of_tensors": (
        "x = torch.ones(10**6)\nys = [" + "x + 1, " * 40 + "]",
        "_check_big checks memory only for results of >= 2^20 elements; many smaller "
        "ones in one statement are never checked (and statements 1-15 never check at all)",
    ),
    "intermediates_kept_alive": (
        "x = torch.ones(10**6)\nys = (" + "(x + 1).sum(), " * 40 + ")",
        "Interpreter._fresh keeps every intermediate tensor of a statement alive until "
        "the statement ends (Python would free each x + 1 at once)",
    ),
    "fstring_parts": (
        's = "a" * 10**5\nt = f"' + "{s!r}" * 1600 + '"',
        "_eval_joinedstr builds every part before checking the total length",
    ),
}

_MEMORY_CHILD = textwrap.dedent(
    """
    import ctypes, gc, json, sys
    from playground.core.limits import Limits
    from playground.core.runner import run_script

    def status(key):
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024

    libc = ctypes.CDLL("libc.so.6")
    limits = Limits(max_elements=10**6, max_memory_growth=64 << 20, max_str_len=10**5)
    prelude = "import torch\\nimport torch.nn.functional as F\\n"
    for name, body in json.loads(sys.argv[1]).items():
        gc.collect()
        libc.malloc_trim(0)  # hand freed memory back, so each peak starts from scratch
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets the peak resident size (VmHWM)
        base = status("VmRSS")
        result = run_script(prelude + body, limits=limits)
        peak = status("VmHWM") - base
        error = result.error
        del result
        print(json.dumps({"name": name, "peak": peak, "error": repr(error)}), flush=True)
    """
)

#: A control script in the child that is refused before allocating (proves the harness).
_CONTROL = "control_refused_factory"
#: Most a run under the child's limits may add to the peak resident size.
MAX_PEAK = 100 << 20


@pytest.fixture(scope="module")
def memory_peaks() -> dict[str, dict]:
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("needs Linux /proc/self/clear_refs")
    bodies = {name: body for name, (body, _) in MEMORY_CASES.items()}
    bodies[_CONTROL] = "c = torch.ones(4 * 10**7)"  # refused before allocating: ~0 MB
    proc = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD, json.dumps(bodies)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0, proc.stderr[-1000:]
    peaks = {r["name"]: r for r in records}
    # the measurement itself works: a refused allocation leaves the peak where it was
    assert peaks[_CONTROL]["peak"] < MAX_PEAK // 4, peaks[_CONTROL]
    assert "LimitExceeded" in peaks[_CONTROL]["error"], peaks[_CONTROL]
    return peaks


@pytest.mark.parametrize("name", sorted(MEMORY_CASES))
def test_peak_memory_is_checked_before_allocating(name, memory_peaks):
    record = memory_peaks[name]
    peak_mb = record["peak"] / 2**20
    assert record["peak"] < MAX_PEAK, (
        f"peak +{peak_mb:.0f} MB ({record['error']}); {MEMORY_CASES[name][1]}"
    )


def test_warnings_count_against_the_output_cap():
    """Distinct warnings are all kept (one chunk per text and line) and never cut: a loop
    whose warning text changes each time (``mse_loss`` names the target size) floods the
    console/stderr past ``max_output_bytes`` (here 600 KB of warnings against a 1 KB cap).
    Fix in interpreter._Output.warn: count warnings against the cap (or a cap of their own)."""
    limits = Limits(max_output_bytes=1000)
    result = _run(
        "for i in range(3000):\n    l = F.mse_loss(torch.ones(1), torch.ones(i + 2))", limits
    )
    warned = sum(len(c.text.encode()) for c in result.chunks if c.kind == "warning")
    assert warned <= 2 * limits.max_output_bytes, f"{warned:,} bytes of warnings"
