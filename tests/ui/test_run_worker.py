"""The background runner: debounce, latest request wins, cancel, the GUI thread stays free."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from playground.core.session import Session
from playground.ui.run_worker import RunWorker

SHORT = "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 3\n"
LONG = "import torch\nx = torch.ones(2)\nfor i in range(10**6):\n    y = x * 2\n"


@pytest.fixture
def worker(qtbot):
    runner = RunWorker(Session())
    yield runner
    assert runner.shutdown(10_000)


def _collect(worker):
    finished, cancelled = [], []
    worker.runFinished.connect(finished.append)
    worker.runCancelled.connect(lambda: cancelled.append(True))
    return finished, cancelled


def test_a_burst_of_typing_gives_one_run_of_the_last_text(worker, qtbot):
    finished, _ = _collect(worker)
    for n in range(1, 6):
        worker.request(SHORT + f"z = y * {n}\n")
    qtbot.waitUntil(lambda: bool(finished) and not worker.is_busy(), timeout=10_000)
    qtbot.wait(worker.debounce_ms + 50)  # nothing else arrives later
    assert len(finished) == 1
    run = finished[0]
    assert run.result.source.endswith("z = y * 5\n")
    assert run.result.namespace["z"].tolist() == [15.0, 15.0]


def test_immediate_request_supersedes_a_pending_debounced_one(worker, qtbot):
    finished, _ = _collect(worker)
    worker.request(SHORT + "a = 1\n")
    worker.request(SHORT + "b = 2\n", immediate=True)
    qtbot.waitUntil(lambda: not worker.is_busy(), timeout=10_000)
    qtbot.wait(worker.debounce_ms + 50)
    assert [r.result.source for r in finished] == [SHORT + "b = 2\n"]


def test_newer_request_cancels_a_long_run_and_only_the_newest_is_reported(worker, qtbot):
    finished, cancelled = _collect(worker)
    with qtbot.waitSignal(worker.runStarted, timeout=5000):
        worker.request(LONG, immediate=True)
    long_thread = worker._thread
    worker.request(SHORT, immediate=True)
    assert long_thread.cancel.is_set()
    qtbot.waitUntil(lambda: bool(finished) and not worker.is_busy(), timeout=15_000)
    assert [r.result.source for r in finished] == [SHORT]
    assert cancelled == []


def test_cancel_stops_the_run_and_the_event_loop_keeps_turning(worker, qtbot):
    finished, cancelled = _collect(worker)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    with qtbot.waitSignal(worker.runStarted, timeout=5000):
        worker.request(LONG, immediate=True)
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=5000)
    assert worker.is_busy()
    with qtbot.waitSignal(worker.runCancelled, timeout=10_000):
        worker.cancel()
    timer.stop()
    assert finished == []
    assert not worker.is_busy()


def test_grad_enabled_is_passed_to_the_run(worker, qtbot):
    finished, _ = _collect(worker)
    worker.request(SHORT, grad_enabled=False, immediate=True)
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    result = finished[0].result
    assert result.grad_enabled is False
    assert result.namespace["y"].grad_fn is None
