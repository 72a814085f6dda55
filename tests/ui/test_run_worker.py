"""The background runner: debounce, latest request wins, cancel, the GUI thread stays free.

Runs happen in kernel children (a :class:`SessionClient`); outcomes carry plain views."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from playground.ui.run_worker import RunWorker
from playground.ui.session_client import SessionClient

SHORT = "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 3\n"
LONG = "import torch\nx = torch.ones(2)\nfor i in range(10**8):\n    y = x * 2\n"


@pytest.fixture
def worker(qtbot):
    client = SessionClient()
    runner = RunWorker(client)
    yield runner
    assert runner.shutdown(10_000)
    client.shutdown()


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
    outcome = finished[0]
    assert outcome.run.source.endswith("z = y * 5\n")
    assert outcome.state.tensors["z"].tolist() == [15.0, 15.0]


def test_immediate_request_supersedes_a_pending_debounced_one(worker, qtbot):
    finished, _ = _collect(worker)
    worker.request(SHORT + "a = 1\n")
    worker.request(SHORT + "b = 2\n", immediate=True)
    qtbot.waitUntil(lambda: not worker.is_busy(), timeout=10_000)
    qtbot.wait(worker.debounce_ms + 50)
    assert [r.run.source for r in finished] == [SHORT + "b = 2\n"]


def test_newer_request_cancels_a_long_run_and_only_the_newest_is_reported(worker, qtbot):
    finished, cancelled = _collect(worker)
    with qtbot.waitSignal(worker.runStarted, timeout=5000):
        worker.request(LONG, immediate=True)
    worker.request(SHORT, immediate=True)
    assert worker.client.kernel.stop.is_set()  # the long run's child is being stopped
    qtbot.waitUntil(lambda: bool(finished) and not worker.is_busy(), timeout=15_000)
    assert [r.run.source for r in finished] == [SHORT]
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
    outcome = finished[0]
    assert outcome.run.grad_enabled is False
    assert outcome.state.tensors["y"].grad_fn is None
