"""Benchmarks of the run history and Run ×N (``make bench``); they print, never assert timing.

* Run ×10,000 on the seed's gradient example (recording every run) against a plain PyTorch
  loop of the same ``out.backward(retain_graph=True)`` calls: prints the throughput ratio
  (the issue asks for ≥ 50 %).
* A redraw of the plot with 100,000 recorded runs (clipToView + peak downsampling), paint
  included: prints milliseconds (the issue asks for ≤ 30 ms).
"""

from __future__ import annotations

import time

import pytest
import torch

from playground.core.history import RunHistory
from playground.core.repeat import make_backward_step, run_repeated

N = 10_000


def seed_namespace():
    """The seed's gradient example (lesson 3) as live tensors."""
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


def plain_loop(n: int = N) -> torch.Tensor:
    """What a learner would write: the same backward calls, nothing recorded."""
    ns = seed_namespace()
    out = ns["out"]
    for _ in range(n):
        out.backward(retain_graph=True)
    return ns["x"].grad


def recorded_loop(n: int = N) -> RunHistory:
    """Run ×N: the same backward calls through the repeat loop, every run recorded."""
    ns = seed_namespace()
    history = RunHistory()
    outcome = run_repeated(make_backward_step(history, ns, ns["out"]), n)
    assert outcome.done == n
    return history


def _best_of(fn, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def test_plain_backward_loop(benchmark):
    grad = benchmark(plain_loop)
    assert grad.flatten().tolist() == [4.5 * N] * 4


def test_run_repeated_recording_every_run(benchmark):
    history = benchmark(recorded_loop)
    assert history.count == N
    assert history.series("x", "elements")["x.grad[1, 1]"][-1] == 4.5 * N


def test_throughput_ratio(capsys):
    plain = _best_of(plain_loop)
    recorded = _best_of(recorded_loop)
    ratio = plain / recorded
    with capsys.disabled():
        print(
            f"\nRun ×{N:,} on the seed example: plain loop {plain * 1e3:.0f} ms "
            f"({N / plain:,.0f} backward/s), recorded {recorded * 1e3:.0f} ms "
            f"({N / recorded:,.0f} backward/s): throughput ratio {ratio:.0%} (goal ≥ 50%)"
        )
    assert recorded_loop(100).values("x")[-1].tolist() == plain_loop(100).flatten().tolist()


@pytest.fixture
def panel_100k(qtbot):
    from playground.ui.plot_panel import PlotPanel

    ns = seed_namespace()
    history = RunHistory()
    run_repeated(make_backward_step(history, ns, ns["out"]), 100_000)
    panel = PlotPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_history(history)
    return panel


def _redraw_and_paint(panel) -> None:
    panel.redraw()
    panel.gradPlot.viewport().repaint()
    panel.lossPlot.viewport().repaint()


def test_redraw_100000_runs(benchmark, panel_100k, capsys):
    panel = panel_100k
    benchmark(_redraw_and_paint, panel)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        _redraw_and_paint(panel)
        times.append(time.perf_counter() - start)
    # zoomed in on a window of 1,000 runs: clipToView draws only those
    panel.gradPlot.getPlotItem().setXRange(50_000, 51_000, padding=0)
    zoomed = []
    for _ in range(5):
        start = time.perf_counter()
        _redraw_and_paint(panel)
        zoomed.append(time.perf_counter() - start)
    with capsys.disabled():
        print(
            f"\nredraw + paint of 100,000 runs (4 curves + loss): best {min(times) * 1e3:.1f} ms, "
            f"median {sorted(times)[2] * 1e3:.1f} ms; zoomed to 1,000 runs: best "
            f"{min(zoomed) * 1e3:.1f} ms (goal ≤ 30 ms)"
        )
    x, y = panel.curves()["x.grad[0, 0]"].getOriginalDataset()
    assert len(x) == 100_000 and y[-1] == 4.5 * 100_000
