"""Python-mode scripts in the window: the graph, the table with parameter paths and the
plot with one point per step and its markers, for what tutorials write."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

D2L_CONTROL_FLOW = """\
import torch

def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()
print(a.grad == d / a)
"""

TRAINING_LOOP = """\
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
X = torch.randn(16, 2)
y = X.sum(dim=1, keepdim=True)
for step in range(6):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    optimizer.step()
print(f"{loss.item():.4f}")
"""

CUSTOM_FUNCTION = """\
import torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return 3 * x ** 2 * grad_output

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = Cube.apply(x).sum()
"""


@pytest.fixture
def window(open_window):
    return lambda script: open_window(script, show=False)


def test_d2l_control_flow_runs_with_its_graph_and_history(window):
    w = window(D2L_CONTROL_FLOW)
    assert w.mode == "python" and w.session.run.error is None
    assert w.session.run.stdout == "tensor(True)\n"
    state = w.session.state
    ops = {n.op for n in state.graph.nodes if n.kind == "backward"}
    assert "MulBackward0" in ops
    assert state.history.count == 1 and list(state.history.lines()) == [15]
    lines = {n.line for n in state.graph.nodes if n.op == "MulBackward0"}
    assert lines <= {4, 6}  # created inside f, tagged with f's lines


def test_training_loop_names_parameters_and_plots_every_step(window, qtbot):
    w = window(TRAINING_LOOP)
    state = w.session.state
    names = list(w.tensor_table.model().names())
    assert {"model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias"} <= set(names)
    history = state.history
    assert history.count == 6
    assert [z.after_run for z in history.zero_events] == [0, 1, 2, 3, 4, 5]
    assert history.step_events == [1, 2, 3, 4, 5, 6]
    # The loss curve has one point per step, equal to what plain PyTorch computes.
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    X = torch.randn(16, 2)
    y = X.sum(dim=1, keepdim=True)
    losses = []
    for _ in range(6):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert np.allclose(history.root_values(), losses)
    assert len(w.plot_panel.zero_marker_positions()) == 6
    assert w.plot_panel.step_marker_positions() == [1.5, 2.5, 3.5, 4.5, 5.5, 6.5]
    curves = w.plot_panel.curves()
    assert curves and all(len(c.getData()[1]) == 6 for c in curves.values())


def test_custom_function_backward_by_click_gives_its_gradient(window, qtbot):
    w = window(CUSTOM_FUNCTION)
    assert w.backward_panel.current_root() == "out"
    qtbot.mouseClick(w.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    got = w.session.state.tensors["x"].grad.values
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (x**3).sum().backward()
    assert np.allclose(got, x.grad.numpy())
    assert any(n.op == "CubeBackward" for n in w.session.state.graph.nodes)


def test_step_through_marks_the_custom_backward_and_module_nodes(window, qtbot):
    w = window(CUSTOM_FUNCTION)
    qtbot.mouseClick(w.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    panel = w.graph_panel
    steps = [s.node_name for s in w.session.state.trace.steps]
    index = steps.index("CubeBackward")
    panel.slider.setValue(index)
    assert panel.step_text().endswith("CubeBackward (custom backward)")
    t = window(TRAINING_LOOP)
    modules = {n.module for n in t.session.state.graph.nodes if n.op == "AddmmBackward0"}
    assert modules == {"model.0 (Linear)", "model.2 (Linear)"}
    labels = [
        line
        for node in t.session.state.graph.nodes
        if node.op == "AddmmBackward0"
        for line in t.graph_panel.view.graph_scene.nodes[node.id].lines
    ]
    assert "model.0 (Linear) · line 11" in labels


def test_the_seed_setting_is_remembered_and_turns_off_the_seed(window, qtbot):
    source = "import torch\nprint(torch.randn(3))\n"
    w = window(source)
    torch.manual_seed(0)
    assert w.session.run.stdout == f"{torch.randn(3)}\n"
    action = w.actions_by_name["seedRuns"]
    assert action.isChecked()
    action.trigger()  # off: fresh numbers on each run
    outputs = set()
    for _ in range(2):
        w.run_now()
        qtbot.waitUntil(lambda: not w.worker.is_busy(), timeout=10_000)
        outputs.add(w.session.run.stdout)
    assert len(outputs) == 2
    again = window(source)
    assert not again.actions_by_name["seedRuns"].isChecked()  # remembered in the settings


def test_tensor_hooks_run_in_the_kernel_and_show_on_their_node(window, qtbot):
    source = (
        "import torch\n"
        "x = torch.ones(3, requires_grad=True)\n"
        "y = x * 2\n"
        "y.register_hook(lambda g: g * 10)\n"
        "out = y.sum()\n"
    )
    w = window(source)
    qtbot.mouseClick(w.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert w.session.state.tensors["x"].grad.values.tolist() == [20.0, 20.0, 20.0]
    node = next(n for n in w.session.state.graph.nodes if n.names == ("y",))
    assert node.hooks == 1
    assert "1 hook" in w.graph_panel.view.graph_scene.nodes[node.id].lines
