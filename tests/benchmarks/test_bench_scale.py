"""Issue 13's scale figures, whole process, each against a baseline of the same run.

- ``gradient-playground graph CHAIN -o out.svg --backward`` on a ~1,000-node chain,
  against torchviz ``make_dot`` + Graphviz ``dot -Tsvg`` on the same chain, in its own
  process (target: ours ≤ 0.8 × theirs);
- the same command on a ~10,000-node chain (target ≤ 10 s), against a bare
  ``python -c "import torch"`` (the floor any tool pays), and its SVG size (≤ 10 MB).

Printed, never asserted (a shared 2-core machine). Under ``make test`` (benchmarks
disabled) a 20-step chain checks that the commands run and the ratio is computed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CHAIN_SCRIPT

CHAIN = CHAIN_SCRIPT
TORCHVIZ = """
import sys
from torchviz import make_dot
make_dot(loss).render(sys.argv[1], format="svg", cleanup=True)
"""
#: 1,000 and 10,000 nodes (7 nodes a step: tanh, add, mm, two AccumulateGrad, w, b).
STEPS_1K, STEPS_10K = 140, 1400
TIMEOUT_S = 300


def _timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    return time.perf_counter() - start, done


def _ours(script: Path, out: Path) -> float:
    exe = Path(sys.executable).with_name("gradient-playground")
    seconds, done = _timed([str(exe), "graph", str(script), "-o", str(out), "--backward"])
    assert done.returncode == 0, done.stderr
    return seconds


def _chain(tmp_path: Path, steps: int) -> Path:
    script = tmp_path / f"chain{steps}.py"
    script.write_text(CHAIN.replace("STEPS", str(steps)))
    return script


def test_graph_1k_chain_against_torchviz(tmp_path, full_bench):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    pytest.importorskip("torchviz", reason="torchviz not installed (pip install -e '.[bench]')")
    steps = STEPS_1K if full_bench else 20
    script = _chain(tmp_path, steps)
    theirs_script = tmp_path / "torchviz_chain.py"
    theirs_script.write_text(script.read_text() + TORCHVIZ)
    ours = min(_ours(script, tmp_path / "ours.svg") for _ in range(2 if full_bench else 1))
    runs = []
    for _ in range(2 if full_bench else 1):
        seconds, done = _timed([sys.executable, str(theirs_script), str(tmp_path / "theirs")])
        assert done.returncode == 0, done.stderr
        runs.append(seconds)
    theirs = min(runs)
    ratio = ours / theirs
    print(
        f"\n{steps}-step chain, whole process: gradient-playground graph {ours:.2f} s, "
        f"torchviz + dot {theirs:.2f} s: ratio {ratio:.2f} (target ≤ 0.8)"
    )
    assert (tmp_path / "theirs.svg").stat().st_size > 0
    assert ratio > 0


def test_graph_10k_chain_against_import_torch(tmp_path, full_bench):
    steps = STEPS_10K if full_bench else 20
    script = _chain(tmp_path, steps)
    out = tmp_path / "big.svg"
    ours = _ours(script, out)
    floor, done = _timed([sys.executable, "-c", "import torch"])
    assert done.returncode == 0
    size = out.stat().st_size
    print(
        f"\n{steps}-step chain, whole process: gradient-playground graph {ours:.2f} s "
        f"(target ≤ 10 s) = {ours / floor:.2f} × `import torch` ({floor:.2f} s); "
        f"SVG {size / 1e6:.2f} MB (target ≤ 10 MB)"
    )
    assert size > 0
