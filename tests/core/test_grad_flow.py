"""Gradient flow in the history: mean and max |grad| per parameter after every backward,
checked against PyTorch's own ``p.grad.abs().mean()`` / ``.max()``."""

from __future__ import annotations

import contextlib
import io
import math
import textwrap

import numpy as np
import pytest
import torch

from playground.core import history_data
from playground.core.history import RunHistory
from playground.core.history_data import history_from_wire, history_to_wire
from playground.core.result import BackwardCall
from playground.protocol import codec

TRAINING = textwrap.dedent(
    """\
    import torch
    from torch import nn

    x = torch.randn(16, 4)
    target = torch.randn(16, 1)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))
    unused = nn.Parameter(torch.ones(3))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


    def report():
        for path, p in model.named_parameters():
            print("model." + path, repr(p.grad.abs().mean().item()), repr(p.grad.abs().max().item()))
        print("unused", unused.grad is None)


    for step in range(4):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), target)
        loss.backward()
        report()
        optimizer.step()
    loss = nn.functional.mse_loss(model(x), target)
    """
)


def _printed(stdout: str) -> list[dict[str, tuple[float, float]]]:
    """The script's own numbers, one dict per backward."""
    steps: list[dict[str, tuple[float, float]]] = [{}]
    for line in stdout.splitlines():
        name, *rest = line.split()
        if name == "unused":
            assert rest == ["True"]  # PyTorch: a parameter the loss does not use has no .grad
            steps.append({})
        else:
            steps[-1][name] = (float(rest[0]), float(rest[1]))
    return steps[:-1]


def test_flow_equals_pytorch_after_each_backward_in_a_kernel_child(kernel_session) -> None:
    outcome = kernel_session.run(TRAINING)
    assert outcome.run.error is None, outcome.run.error
    history = outcome.state.history
    printed = _printed(outcome.run.stdout)
    assert len(printed) == 4 == history.count
    names = list(printed[0])  # the script's model.named_parameters(), in layer order
    assert len(names) == 6
    # Module-level tensors first, then the module's parameters by path (the Tensors panel).
    assert history.flow_names() == ["unused", *names]
    for name in names:
        values = history.flow_values(name)
        for row, step in enumerate(printed):
            assert values[row, 0] == step[name][0]
            assert values[row, 1] == step[name][1]
    unused = history.flow_values("unused")
    assert np.isnan(unused).all()
    assert all(math.isnan(v) for v in history.flow_last()["unused"])


def test_button_and_run_x_n_backwards_equal_pytorch(kernel_session) -> None:
    outcome = kernel_session.run(TRAINING)
    assert outcome.run.error is None
    action = kernel_session.request({"op": "backward", "root": "loss"}, "backward_done")
    assert action.error is None, action.error
    action = kernel_session.request(
        {"op": "repeat", "count": 3, "root": "loss", "zero_before": False}, "repeat_done"
    )
    assert action.error is None and action.reply["done"] == 3
    history = action.state.history
    assert history.count == 4 + 1 + 3

    # The same in plain PyTorch: the script (after the kernel's manual_seed(0)), then
    # one backward and three more that accumulate.
    torch.manual_seed(0)
    scope: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(TRAINING, "training.py", "exec"), scope)
    model, loss = scope["model"], scope["loss"]
    expected = []
    for _ in range(4):
        loss.backward(retain_graph=True)
        expected.append(
            {
                f"model.{p}": (t.grad.abs().mean().item(), t.grad.abs().max().item())
                for p, t in model.named_parameters()
            }
        )
    for offset, step in enumerate(expected):
        row = 4 + offset
        for name, (mean, top) in step.items():
            got = history.flow_values(name)[row]
            np.testing.assert_allclose(got, [mean, top], rtol=1e-5)


def test_a_million_element_parameter_costs_a_reduction_on_the_wire(kernel_session) -> None:
    source = textwrap.dedent(
        """\
        import torch
        w = torch.randn(1000, 1000, requires_grad=True)
        for step in range(3):
            loss = (w * w).sum()
            loss.backward()
            print(repr(w.grad.abs().mean().item()), repr(w.grad.abs().max().item()))
        """
    )
    outcome = kernel_session.run(source)
    assert outcome.run.error is None
    history = outcome.state.history
    printed = [tuple(float(v) for v in line.split()) for line in outcome.run.stdout.splitlines()]
    np.testing.assert_array_equal(history.flow_values("w"), np.array(printed))
    wire = codec.encode({"op": "history", "history": history_to_wire(history)})
    tensor_bytes = 1000 * 1000 * torch.float32.itemsize
    assert len(wire) < tensor_bytes / 1000  # a few numbers per run, never the gradient


def _record(history: RunHistory, namespace: dict, root: torch.Tensor) -> None:
    call = BackwardCall(kind="backward", roots=(root,), line=None, source="script")
    history.backward_started(call, namespace)
    root.backward()
    history.backward_finished(call, namespace, None)


def test_wire_keeps_the_newest_rows_under_the_cap(monkeypatch) -> None:
    a = torch.ones(3, requires_grad=True)
    b = torch.ones(2, requires_grad=True)
    history = RunHistory()
    expected = []
    for k in range(5):
        _record(history, {"a": a, "b": b}, (a * (k + 1)).sum() + (b * b).sum())
        expected.append([a.grad.abs().mean().item(), a.grad.abs().max().item()])
    monkeypatch.setattr(history_data, "FLOW_WIRE_CELLS", 4)  # 2 names: 2 rows
    rebuilt = history_from_wire(codec.roundtrip({"op": "h", "h": history_to_wire(history)})["h"])
    assert rebuilt.count == 5 and rebuilt.flow_first == 3
    values = rebuilt.flow_values("a")
    assert np.isnan(values[:3]).all()
    np.testing.assert_array_equal(values[3:], np.array(expected[3:]))


def test_malformed_flow_is_refused() -> None:
    a = torch.ones(2, requires_grad=True)
    history = RunHistory()
    _record(history, {"a": a}, (a * 3).sum())
    wire = codec.roundtrip({"op": "h", "h": history_to_wire(history)})["h"]
    wire["flow"]["data"] = np.zeros((1, 1, 3))
    with pytest.raises(ValueError):
        history_from_wire(wire)
