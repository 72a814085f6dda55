"""Run ×N through the panel's buttons: worker thread, live plot, Cancel, errors, stalls."""

from __future__ import annotations

import threading
import time

import pytest
import torch
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from playground.core.errors import ScriptFailed
from playground.core.history import RunHistory
from playground.core.repeat import make_backward_step
from playground.ui.plot_panel import PlotPanel
from playground.ui.repeat_worker import RepeatController, RepeatWorker


def seed_namespace():
    """The seed's gradient example (lesson 3) as live tensors."""
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


class Rig:
    """A panel wired to a worker the way the main window wires them."""

    def __init__(self, qtbot, make_step):
        self.panel = PlotPanel()
        qtbot.addWidget(self.panel)
        self.history = RunHistory()
        self.panel.set_history(self.history)
        self.worker = RepeatWorker(self.panel)
        self.outcomes = []
        self.panel.repeatRequested.connect(self._start)
        self.panel.cancelRequested.connect(self.worker.cancel)
        self.worker.progress.connect(self.panel.set_progress)
        self.worker.finished.connect(self._finished)
        self._make_step = make_step

    def _start(self, n):
        self.panel.set_repeat_running(True)
        self.worker.start(self._make_step(self.history), n)

    def _finished(self, outcome):
        self.panel.set_repeat_running(False)
        self.outcomes.append(outcome)

    def curve(self, label="x.grad[0, 0]"):
        """The y values of a curve ([] until the panel has drawn it)."""
        item = self.panel.curves().get(label)
        if item is None or item.getOriginalDataset()[1] is None:
            return []
        return [float(v) for v in item.getOriginalDataset()[1]]


@pytest.fixture
def seed_rig(qtbot):
    ns = seed_namespace()
    rig = Rig(qtbot, lambda h: make_backward_step(h, ns, ns["out"]))
    rig.ns = ns
    yield rig
    rig.worker.shutdown()


def test_run_1000_gives_1000_points(seed_rig, qtbot):
    rig = seed_rig
    rig.panel.repeatSpin.setValue(1000)
    with qtbot.waitSignal(rig.worker.finished, timeout=30_000):
        qtbot.mouseClick(rig.panel.repeatButton, Qt.MouseButton.LeftButton)
    outcome = rig.outcomes[-1]
    assert outcome.ok and outcome.done == 1000
    qtbot.waitUntil(lambda: len(rig.curve()) == 1000)
    y = rig.curve("x.grad[1, 1]")
    assert y[:3] == [4.5, 9.0, 13.5] and y[-1] == 4.5 * 1000
    assert rig.ns["x"].grad.flatten().tolist() == [4500.0] * 4  # what PyTorch holds
    assert rig.panel.repeatProgress.value() == 1000
    assert rig.panel.repeatButton.isEnabled() and not rig.panel.cancelRepeatButton.isEnabled()
    assert not rig.worker.is_running()


def test_cancel_stops_early_and_keeps_points(qtbot):
    ns = seed_namespace()
    reached = threading.Event()
    gate = threading.Event()

    def make_step(history):
        inner = make_backward_step(history, ns, ns["out"])

        def step():
            inner()
            if history.count == 50:
                reached.set()
                gate.wait(10)

        return step

    rig = Rig(qtbot, make_step)
    rig.panel.repeatSpin.setValue(100_000)
    qtbot.mouseClick(rig.panel.repeatButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert rig.panel.cancelRepeatButton.isEnabled()
    with qtbot.waitSignal(rig.worker.finished, timeout=10_000):
        qtbot.mouseClick(rig.panel.cancelRepeatButton, Qt.MouseButton.LeftButton)
        gate.set()
    outcome = rig.outcomes[-1]
    assert outcome.cancelled and 50 <= outcome.done < 100_000
    assert rig.history.count == outcome.done
    qtbot.waitUntil(lambda: len(rig.curve()) == outcome.done)
    assert rig.curve()[-1] == 4.5 * outcome.done
    assert rig.panel.repeatButton.isEnabled()


def test_error_stops_the_loop_and_is_reported(qtbot):
    ns = seed_namespace()
    rig = Rig(qtbot, lambda h: make_backward_step(h, ns, ns["out"], retain_graph=False))
    rig.panel.repeatSpin.setValue(10)
    with qtbot.waitSignal(rig.worker.finished, timeout=10_000):
        qtbot.mouseClick(rig.panel.repeatButton, Qt.MouseButton.LeftButton)
    outcome = rig.outcomes[-1]
    assert outcome.done == 1
    assert "backward through the graph a second time" in str(outcome.error)
    qtbot.waitUntil(lambda: len(rig.curve()) == 1)


def test_one_loop_at_a_time(seed_rig, qtbot):
    gate = threading.Event()
    worker = seed_rig.worker
    assert worker.start(lambda: gate.wait(10), 1)
    assert not worker.start(lambda: None, 5)
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        gate.set()
    assert worker.last_outcome.done == 1


@pytest.mark.slow
def test_run_100000_keeps_the_event_loop_responsive(seed_rig, qtbot, capsys):
    """Measures (and prints) the longest gap of a 10 ms QTimer while Run ×100,000 runs."""
    rig = seed_rig
    rig.panel.resize(900, 600)
    rig.panel.show()
    qtbot.waitExposed(rig.panel)
    gaps = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    rig.panel.repeatSpin.setValue(100_000)
    start = time.perf_counter()
    with qtbot.waitSignal(rig.worker.finished, timeout=120_000):
        qtbot.mouseClick(rig.panel.repeatButton, Qt.MouseButton.LeftButton)
    elapsed = time.perf_counter() - start
    timer.stop()
    assert rig.outcomes[-1].done == 100_000
    qtbot.waitUntil(lambda: len(rig.curve()) == 100_000, timeout=10_000)
    with capsys.disabled():
        print(
            f"\nRun ×100,000: {elapsed:.2f} s, {len(gaps)} ticks of a 10 ms timer, "
            f"max event-loop gap {max(gaps)} ms, p90 {sorted(gaps)[len(gaps) * 9 // 10]} ms, "
            f"median {sorted(gaps)[len(gaps) // 2]} ms"
        )
    assert len(gaps) > 10  # the GUI thread kept running its event loop during the loop


def test_controller_wires_the_panel(qtbot):
    ns = seed_namespace()
    panel = PlotPanel()
    qtbot.addWidget(panel)
    history = RunHistory()
    panel.set_history(history)
    sizes = []

    def factory(n):
        sizes.append(n)
        return make_backward_step(history, ns, ns["out"])

    controller = RepeatController(panel, factory)
    panel.repeatSpin.setValue(300)
    with qtbot.waitSignal(controller.repeatFinished, timeout=30_000) as blocker:
        qtbot.mouseClick(panel.repeatButton, Qt.MouseButton.LeftButton)
    assert sizes == [300]
    assert blocker.args[0].done == 300 and history.count == 300
    assert len(panel.curves()["x.grad[0, 0]"].getOriginalDataset()[1]) == 300
    assert panel.repeatButton.isEnabled() and not controller.is_running()
    assert controller.shutdown()


def test_controller_reports_a_factory_error(qtbot):
    panel = PlotPanel()
    qtbot.addWidget(panel)

    def factory(_n):
        raise ScriptFailed("no tensor has a grad_fn", exc_type="RuntimeError")

    controller = RepeatController(panel, factory)
    with qtbot.waitSignal(controller.repeatFinished, timeout=5000) as blocker:
        qtbot.mouseClick(panel.repeatButton, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert outcome.done == 0 and isinstance(outcome.error, ScriptFailed)
    assert panel.repeatButton.isEnabled()


def test_shutdown_stops_a_running_loop(seed_rig, qtbot):
    rig = seed_rig
    rig.panel.repeatSpin.setValue(1_000_000)
    qtbot.mouseClick(rig.panel.repeatButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rig.history.count > 100, timeout=30_000)
    assert rig.worker.shutdown(10_000)  # returns once the thread has ended
    assert rig.history.count < 1_000_000
    qtbot.waitUntil(lambda: rig.outcomes != [], timeout=5000)
    assert rig.outcomes[-1].cancelled
