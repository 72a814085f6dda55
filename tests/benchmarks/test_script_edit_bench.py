"""How long structured edits take on a long script (each checkbox/gutter click parses it)."""

from __future__ import annotations

from playground.core.script_edit import (
    apply_edits,
    set_requires_grad,
    statement_lines,
    toggle_no_grad,
)

LINES = 2000
SOURCE = "import torch\nx = torch.ones(2, requires_grad=True)\n" + "".join(
    f"y{i} = x * {i}  # step {i}\n" for i in range(LINES)
)


def test_bench_set_requires_grad_long_script(benchmark):
    edits = benchmark(set_requires_grad, SOURCE, "y1500", True)
    assert "y1500 = x * 1500  # step 1500\ny1500.requires_grad_(True)\n" in apply_edits(
        SOURCE, edits
    )


def test_bench_toggle_no_grad_long_script(benchmark):
    edits = benchmark(toggle_no_grad, SOURCE, 1000)
    assert "with torch.no_grad():\n    y997 = x * 997" in apply_edits(SOURCE, edits)


def test_bench_statement_lines_long_script(benchmark):
    lines = benchmark(statement_lines, SOURCE)
    assert lines == list(range(1, LINES + 3))
