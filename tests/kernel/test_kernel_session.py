"""The kernel: a fresh sandboxed child per run, the live session after it, and nothing a
script does (crash, hang, blow-up, global state) reaching the caller or the next run."""

from __future__ import annotations

import os
import threading
import time

import numpy as np
import pytest

from tests.conftest import LESSON3


def test_run_then_backward_clicks_accumulate(kernel_session):
    outcome = kernel_session.run(LESSON3)
    assert outcome.died is None and outcome.run.error is None
    grads = []
    for _ in range(3):
        action = kernel_session.request(
            {"op": "backward", "root": "out", "retain_graph": True}, "backward_done"
        )
        assert action.error is None
        grads.append(float(action.state.tensors["x"].grad.values[0, 0]))
    assert grads == [4.5, 9.0, 13.5]
    zero = kernel_session.request({"op": "zero_grad"}, "zero_done")
    assert np.array_equal(zero.state.tensors["x"].grad.values, np.zeros((2, 2)))
    assert zero.state.history.count == 3 and len(zero.state.history.zero_events) == 1


@pytest.mark.parametrize(
    "poison",
    [
        "torch.set_default_dtype(torch.float64)",
        "torch.set_grad_enabled(False)",
        "m = torch.inference_mode()\nm.__enter__()\nm.__enter__()",
        "torch.Tensor.__add__ = lambda a, b: 'patched'",
        "import sys\nsys.modules['math'] = None",
    ],
    ids=["default-dtype", "grad-mode", "inference-mode-twice", "monkeypatch", "sys-modules"],
)
def test_no_global_state_survives_into_the_next_run(kernel_session, poison):
    assert kernel_session.run(f"import torch\n{poison}\n").run.error is None
    probe = (
        "import math, torch\n"
        "print(torch.get_default_dtype(), torch.is_grad_enabled(),"
        " torch.is_inference_mode_enabled(), torch.ones(1) + torch.ones(1), math.pi > 3)\n"
    )
    outcome = kernel_session.run(probe)
    assert outcome.run.stdout == "torch.float32 True False tensor([2.]) True\n"


def test_warn_once_warnings_come_back_every_run(kernel_session):
    source = "import torch\nx = torch.ones(2, requires_grad=True) * 2\nx.grad\n"
    for _ in range(2):
        chunks = kernel_session.run(source).chunks
        assert any(".grad attribute of a Tensor that is not a leaf" in c.text for c in chunks)


def test_leaked_cycles_die_with_their_child(kernel_session):
    """``w.grad = w * 2`` with create_graph leaks a C++ cycle; each run's child takes it away."""
    source = (
        "import torch\nw = torch.ones(4_000_000, requires_grad=True)\n"
        "w.grad = w * 2\n(w * w).sum().backward(create_graph=True)\n"
    )
    pids = set()
    for _ in range(4):
        outcome = kernel_session.run(source)
        assert outcome.run.error is None
        pids.add(kernel_session.child.pid)
    assert len(pids) == 4  # a fresh process each time
    zygote = kernel_session.client.info["pid"]
    with open(f"/proc/{zygote}/statm") as fh:
        zygote_rss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    assert zygote_rss < 1 << 30


def test_a_crash_keeps_the_live_session(kernel_session):
    kernel_session.run(LESSON3)
    live = kernel_session.child
    outcome = kernel_session.run("import ctypes\nprint('before')\nctypes.string_at(0)\n")
    assert outcome.died.kind == "crashed" and outcome.died.line == 3
    assert "SIGSEGV" in outcome.died.reason
    assert [c.text for c in outcome.chunks] == ["before", "\n"]
    assert kernel_session.child is live
    action = kernel_session.request({"op": "backward", "root": "out"}, "backward_done")
    assert action.error is None and action.state.tensors["x"].grad is not None


def test_stop_ends_a_gil_holding_call_within_two_seconds(kernel_session):
    stopper = threading.Timer(0.5, kernel_session.stop.set)
    started = time.monotonic()
    stopper.start()
    outcome = kernel_session.run("x = sum(range(10**18))\n")
    elapsed = time.monotonic() - started
    assert outcome.died is not None and outcome.died.kind == "stopped"
    assert outcome.died.line == 1
    assert elapsed < 2.5  # 0.5 s before Stop, then at most STOP_GRACE_S + a tick


def test_stop_interrupts_python_code_at_once(kernel_session):
    stopper = threading.Timer(0.5, kernel_session.stop.set)
    stopper.start()
    outcome = kernel_session.run("while True:\n    pass\n")
    assert outcome.run is not None and outcome.run.error.message.startswith("stopped")


def test_python_mode_records_backwards_inside_functions_and_loops(kernel_session):
    source = (
        "import torch\n"
        "w = torch.tensor([1.0, -2.0], requires_grad=True)\n"
        "opt = torch.optim.SGD([w], lr=0.1)\n"
        "def step():\n"
        "    opt.zero_grad()\n"
        "    loss = (w * w).sum()\n"
        "    loss.backward()\n"
        "    opt.step()\n"
        "for _ in range(3):\n"
        "    step()\n"
    )
    outcome = kernel_session.run(source)
    history = outcome.state.history
    assert history.count == 3
    assert list(history.lines()) == [7, 7, 7]
    w = torch_free_grads(history, "w")
    expected = [[2.0, -4.0], [1.6, -3.2], [1.28, -2.56]]
    assert np.allclose(w, expected)


def torch_free_grads(history, name):
    return history.values(name)


def test_graph_nodes_carry_the_script_line_inside_functions(kernel_session):
    source = (
        "import torch\n"
        "def f(a):\n"
        "    b = a * 2\n"
        "    return b.sum()\n"
        "x = torch.ones(3, requires_grad=True)\n"
        "out = f(x)\n"
    )
    state = kernel_session.run(source).state
    lines = {n.op: n.line for n in state.graph.nodes if n.kind == "backward"}
    assert lines == {"SumBackward0": 4, "MulBackward0": 3}


def test_module_parameters_are_named_by_path(kernel_session):
    source = (
        "import torch\nfrom torch import nn\n"
        "model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))\n"
        "params = [torch.zeros(1, requires_grad=True)]\n"
        "state = {'w': torch.ones(2)}\n"
    )
    names = list(kernel_session.run(source).state.tensors)
    assert names == [
        "params[0]",
        "state['w']",
        "model.0.weight",
        "model.0.bias",
        "model.2.weight",
        "model.2.bias",
    ]


def test_the_zygote_is_restarted_when_it_dies(kernel_session):
    kernel_session.run("x = 1\n")
    os.kill(kernel_session.client.info["pid"], 9)
    kernel_session.client._process.wait(5)
    outcome = kernel_session.run("print('again')\n")
    assert outcome.run.stdout == "again\n"
    assert kernel_session.client.restarts >= 1


def test_the_graph_is_cut_to_its_node_cap(kernel_session):
    source = (
        "import torch\nx = torch.ones(1, requires_grad=True)\n"
        "out = torch.stack([x * i for i in range(6000)]).sum()\n"
    )
    state = kernel_session.run(source).state
    assert len(state.graph.nodes) == 2000 and state.graph_total > 6000


def test_zeroing_in_the_script_is_recorded_where_it_happens(kernel_session):
    """``x.grad.zero_()`` and ``x.grad = None`` are events at their place, not inferred at
    the next backward; several leaves zeroed between two runs are one event."""
    source = (
        "import torch\n"
        "w = torch.ones(2, requires_grad=True)\n"
        "b = torch.zeros(1, requires_grad=True)\n"
        "for i in range(3):\n"
        "    (w * 2 + b).sum().backward()\n"
        "    if i == 0:\n"
        "        w.grad.zero_()\n"
        "        b.grad.zero_()\n"
        "    else:\n"
        "        w.grad = None\n"
        "        b.grad = None\n"
    )
    history = kernel_session.run(source).state.history
    assert history.count == 3
    assert [(z.after_run, z.set_to_none) for z in history.zero_events] == [
        (1, False),
        (2, True),
        (3, True),
    ]


def test_run_n_with_zero_before_records_its_zero_events(kernel_session):
    """Regression: the window's Run ×N with "zero grads before backward" recorded no zero
    events, so the plot's markers were missing."""
    kernel_session.run(LESSON3)
    action = kernel_session.request(
        {"op": "repeat", "count": 5, "root": "out", "retain_graph": True, "zero_before": True},
        "repeat_done",
    )
    history = action.state.history
    assert action.reply["done"] == 5 and history.count == 5
    assert [z.after_run for z in history.zero_events] == [0, 1, 2, 3, 4]
    assert history.values("x")[:, 0].tolist() == [4.5] * 5
