"""Run ×N loop: counts, cancel, errors, and the backward step against PyTorch."""

from __future__ import annotations

import threading

import numpy as np
import torch

from playground.core.history import RunHistory
from playground.core.repeat import make_backward_step, run_repeated


def seed_namespace():
    """The seed's gradient example as live tensors."""
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


def test_runs_n_times_and_reports_final_progress():
    calls = []
    seen = []
    outcome = run_repeated(lambda: calls.append(1), 250, on_progress=seen.append)
    assert outcome.ok and outcome.done == 250 and not outcome.cancelled
    assert len(calls) == 250
    assert seen[-1] == 250
    assert seen == sorted(seen)


def test_progress_is_throttled():
    seen = []
    run_repeated(lambda: None, 10_000, on_progress=seen.append, progress_interval_s=10.0)
    assert seen == [10_000]


def test_cancel_stops_early_and_keeps_runs():
    ns = seed_namespace()
    h = RunHistory()
    cancel = threading.Event()
    inner = make_backward_step(h, ns, ns["out"])

    def step():
        inner()
        if h.count == 40:
            cancel.set()

    outcome = run_repeated(step, 1000, cancel=cancel)
    assert outcome.cancelled and not outcome.ok
    assert 40 <= outcome.done < 1000
    assert h.count == outcome.done
    assert h.series("x", "elements")["x.grad[1, 1]"][-1] == 4.5 * outcome.done


def test_preset_cancel_runs_nothing():
    cancel = threading.Event()
    cancel.set()
    outcome = run_repeated(lambda: None, 5, cancel=cancel)
    assert outcome.done == 0 and outcome.cancelled


def test_step_error_is_returned_with_runs_so_far():
    ns = seed_namespace()
    h = RunHistory()
    step = make_backward_step(h, ns, ns["out"], retain_graph=False)
    outcome = run_repeated(step, 10)
    assert outcome.done == 1
    assert isinstance(outcome.error, RuntimeError)
    assert "backward through the graph a second time" in str(outcome.error)
    assert h.count == 1


def test_repeat_matches_plain_pytorch_loop():
    ns = seed_namespace()
    h = RunHistory()
    outcome = run_repeated(make_backward_step(h, ns, ns["out"]), 1000)
    assert outcome.done == 1000 and h.count == 1000
    # the same loop in plain PyTorch
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    for _ in range(1000):
        out.backward(retain_graph=True)
    assert h.values("x")[-1].tolist() == x.grad.flatten().tolist()
    assert np.array_equal(h.series("x", "elements")["x.grad[0, 1]"], 4.5 * np.arange(1, 1001))
    assert h.sources().tolist() == ["repeat"] * 1000


def test_zero_before_keeps_the_line_flat():
    ns = seed_namespace()
    h = RunHistory()
    run_repeated(make_backward_step(h, ns, ns["out"], zero_before=True), 20)
    for y in h.series("x", "elements").values():
        assert y.tolist() == [4.5] * 20
    assert len(h.zero_events) == 20


def test_non_scalar_root_with_gradient():
    # seed lesson 6: z.backward(w)
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    y = x * x + 2
    z = y.view(2, 2)
    w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
    ns = {"x": x, "y": y, "z": z, "w": w}
    h = RunHistory()
    run_repeated(make_backward_step(h, ns, z, gradient=w), 2)
    (vjp,) = torch.autograd.grad(z, [x], w)
    assert h.values("x")[0].tolist() == vjp.tolist()
    assert h.values("x")[1].tolist() == (2 * vjp).tolist()
    assert np.isnan(h.root_values()).all()  # a non-scalar root has no "loss" value


def test_gate_holds_the_loop_until_set():
    gate = threading.Event()
    calls = []
    result = {}
    worker = threading.Thread(
        target=lambda: result.update(outcome=run_repeated(lambda: calls.append(1), 10, gate=gate))
    )
    worker.start()
    worker.join(timeout=0.2)
    assert worker.is_alive() and calls == []  # held at the gate
    gate.set()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert result["outcome"].done == 10 and len(calls) == 10
