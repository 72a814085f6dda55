"""Security holes found by the attack suite, still open: these tests FAIL until fixed.

Each one is a script that the interpreter does not stop: a memory bomb built from pieces
that are each under the limits, or a single statement that allocates or loops before any
check. They run in the same watched child process as ``test_security.py`` (a thread kills
it past 2.5 GB; the parent kills it after ``HANG_SECONDS``), so a failure here costs a few
seconds, never the machine. When one is fixed, move its script into ``BOMBS`` in
``test_security.py``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_security import (
    ATTACK_LINE,
    PRELUDE,
    _assert_refused,
    _attack_source,
    _run_bombs,
)

from playground.core.errors import ScriptRefused
from playground.core.runner import check_script

#: name -> attack body (after ``PRELUDE``); what happened when it was found is in the comment.
OPEN_BOMBS: dict[str, str] = {
    # No budget for the total memory of a run: 1,000 tensors of 5·10⁶ elements, each under
    # the per-tensor limit, reach 2.5 GB (the watchdog kills the child; unchecked: 20 GB).
    "accumulate_in_list": (
        "xs = []\nfor i in range(1000):\n    xs = xs + [torch.ones(5 * 10**6) + i]"
    ),
    # torch.tensor(nested list) is not sized before PyTorch walks 10⁹ Python floats with the
    # GIL held: still running after HANG_SECONDS, and 4 GB requested.
    "tensor_of_nested_list": "row = [0.0] * 10**5\ny = torch.tensor([row] * 10**4)",
    # torch.tensor(range(...)) is not sized either: 10⁸ items walked with the GIL held.
    "tensor_of_range": "y = torch.tensor(range(10**8))",
    "tensor_of_huge_range": "y = torch.tensor(range(10**10))",
    # The creation check misses the keyword form: PyTorch itself tries to allocate 8 GB
    # (with end=10**10 it failed only because 80 GB could not be reserved).
    "arange_end_keyword": "y = torch.arange(end=10**9)",
    # The wall-clock limit is checked between statements only: one `sum` of 10⁶ tensors of
    # 10⁷ elements runs for hours (each item is allowed, the sum never yields).
    "sum_of_many_big_tensors": "y = sum([torch.ones(10**7)] * 10**6)",
    # allclose/isclose broadcast their operands into a 10¹⁰-element bool tensor (10 GB):
    # they are not in the broadcasting guard and allclose returns a bool, not a tensor.
    "allclose_broadcast": "print(torch.allclose(torch.ones(10**5, 1), torch.ones(1, 10**5)))",
    "isclose_broadcast": "y = torch.isclose(torch.ones(10**5, 1), torch.ones(1, 10**5))",
    # arange's count is computed from int/float arguments only; a tensor bound skips it.
    "arange_tensor_arg": "y = torch.arange(torch.tensor(10**9))",
    "arange_mixed_tensor_end": "y = torch.arange(0.0, torch.tensor(10**9))",
    # Assigning through broadcast index tensors builds 10¹⁰ indices: still running.
    "broadcast_index_put": (
        "i = torch.zeros(10**5, 1, dtype=torch.long)\n"
        "j = torch.zeros(1, 10**5, dtype=torch.long)\n"
        "y = torch.ones(10, 10)\ny[i, j] = 1.0"
    ),
    # A tensor as the repeat count bypasses the string and list length limits: a 1 GB
    # string is built (the run succeeds), and a 10⁹-item list never finishes.
    "str_times_int_tensor": 's = "a" * torch.tensor(10**9)',
    "list_times_int_tensor": "xs = [0] * torch.tensor(10**9)",
    # print joins its arguments with `sep` before the output cap applies: 1.5 GB.
    "print_huge_sep": 's = "a" * 10**6\nprint(' + ", ".join(["0"] * 1500) + ", sep=s)",
    # Tensors kept alive only by the autograd graph (saved for backward) are not counted:
    # 3,000 products of 10⁶ elements reach 2.5 GB.
    # The limit message formats the estimated size of 2**(2**65536) with `{bits:,}`: that
    # int has 19,729 digits, so building the message raises ValueError (exit 1, not 2).
    "int_tower_6": "n = 2**2**2**2**2**2",
    "saved_tensors_accumulate": (
        "w = torch.ones(10**6, requires_grad=True)\ny = w\nfor i in range(3000):\n    y = y * w"
    ),
}


@pytest.fixture(scope="module")
def open_bomb_results(tmp_path_factory) -> dict[str, dict]:
    """Every open bomb through ``run_script`` and the in-process CLI, in a watched child."""
    jobs = [
        {"name": n, "source": PRELUDE + body + "\n", "max_seconds": None, "cli": True}
        for n, body in OPEN_BOMBS.items()
    ]
    return _run_bombs(tmp_path_factory.mktemp("open_bombs"), jobs, hang_seconds=8.0)


@pytest.mark.parametrize("name", list(OPEN_BOMBS))
def test_open_bomb_is_stopped(name, open_bomb_results):
    """Should end in ``LimitExceeded``/``ScriptRefused`` quickly, like the other bombs."""
    _assert_refused(open_bomb_results[name])


def test_import_torch_nn_is_refused(tmp_path):
    """``import torch.nn as nn`` is accepted and binds the real ``torch.nn`` module's proxy
    (``print(nn)`` shows it, ``nn.functional.relu`` works). The subset allows only
    ``import torch`` and ``import torch.nn.functional``; other imports must be refused."""
    source = _attack_source("import torch.nn as nn", tmp_path / "unused")
    with pytest.raises(ScriptRefused) as refused:
        check_script(source)
    assert refused.value.line == ATTACK_LINE


@pytest.mark.slow
def test_cli_unencodable_output_is_an_error_not_a_traceback(tmp_path):
    """``print("\\ud800")``: Python fails with UnicodeEncodeError (exit 1). The CLI instead
    dies with a Python traceback while writing the output."""
    script = tmp_path / "surrogate.py"
    script.write_text('import torch\nprint("ok")\nprint("\\ud800")\n')
    python = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    ours = subprocess.run(
        [sys.executable, "-m", "playground", "run", str(script)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert python.returncode == 1 and "UnicodeEncodeError" in python.stderr
    assert "Traceback" not in ours.stderr and ours.stderr.count("\n") == 1, ours.stderr
    assert ours.returncode == 1, ours.stderr
    assert "UnicodeEncodeError" in ours.stderr


def test_discarding_a_long_graph_does_not_crash(tmp_path):
    """A 50,000-step chain ``y = y * 1.0001`` runs fine, but dropping its ``RunResult``
    segfaults the process in the garbage collector (the GUI discards runs all the time).
    Plain PyTorch survives the same script; it crashes the same way only if the script
    touches ``y.grad_fn`` at every step, which the interpreter does for it (20,000 steps
    survive)."""
    child = (
        "import gc\n"
        "from playground.core.runner import run_script\n"
        "source = 'import torch\\nx = torch.ones(1, requires_grad=True)\\ny = x\\n'"
        " + 'for i in range(50000):\\n    y = y * 1.0001\\ny.backward()\\n'\n"
        "result = run_script(source)\n"
        "assert result.ok, result.error\n"
        "del result\n"
        "gc.collect()\n"
        "print('survived')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert proc.returncode == 0 and proc.stdout == "survived\n", (proc.returncode, proc.stderr)
