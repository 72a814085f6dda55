"""The Jacobian dock in a real window: the model of ``jacobianTable`` holds exactly J's
entries from PyTorch, ✓ when vᵀJ equals the real x.grad, leaf switching, and the window
live while the kernel computes."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDockWidget, QTableView

SCRIPT = (
    "import torch\n"
    "x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)\n"
    "b = torch.tensor([0.5, -1.0, 2.0, 3.0], requires_grad=True)\n"
    "y = x * x * b + 2\n"
    "z = y.view(2, 2)\n"
)
W = [1.0, 0.1, 1.0, 0.01]


def explicit_j(leaf: str) -> np.ndarray:
    x0 = torch.tensor([1.0, 2.0, 3.0, 4.5])
    b0 = torch.tensor([0.5, -1.0, 2.0, 3.0])
    fn = {"x": lambda x: (x * x * b0 + 2).view(2, 2), "b": lambda b: (x0 * x0 * b + 2).view(2, 2)}
    start = {"x": x0, "b": b0}[leaf]
    return torch.autograd.functional.jacobian(fn[leaf], start).reshape(4, 4).double().numpy()


def model_entries(window) -> np.ndarray:
    table = window.findChild(QTableView, "jacobianTable")
    model = table.model()
    rows, cols = model.rowCount(), model.columnCount()
    return np.array(
        [
            [model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(cols)]
            for r in range(rows)
        ]
    )


def test_table_holds_exactly_j_and_checks_vjp_against_x_grad(open_window, qtbot):
    window = open_window(SCRIPT)
    assert window.backward_panel.current_root() == "z"
    window.backward_panel.gradient_editor.set_values(W)
    feature = window.features["jacobian"]
    feature.show_leaf("x")
    assert feature.shown_leaf() == "x"
    assert not window.findChild(QDockWidget, "jacobianDock").visibleRegion().isEmpty()
    np.testing.assert_array_equal(model_entries(window), explicit_j("x"))
    model = window.findChild(QTableView, "jacobianTable").model()
    header = [model.headerData(i, Qt.Orientation.Vertical) for i in range(4)]
    assert header == ["z[0, 0]", "z[0, 1]", "z[1, 0]", "z[1, 1]"]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "x[3]"
    assert feature.panel.check.text().startswith("x.grad is None")
    # the real z.backward(w): ✓
    window.backward_panel.backward_button.click()
    qtbot.waitUntil(lambda: window.session.state.tensors["x"].grad is not None)
    feature.show_leaf("x")
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    (x * x * torch.tensor([0.5, -1.0, 2.0, 3.0]) + 2).view(2, 2).backward(
        torch.tensor(W).view(2, 2)
    )
    np.testing.assert_allclose(feature.view.grad, x.grad.double().numpy())
    assert feature.panel.check.text().startswith("✓")
    # a second click accumulates: ✗ and why
    window.backward_panel.backward_button.click()
    qtbot.waitUntil(lambda: feature.view is not None and feature.view.multiple == 2, timeout=20_000)
    assert feature.panel.check.text().startswith("✗ x.grad = 2 × vᵀJ")


def test_switching_the_leaf_shows_its_j(open_window, qtbot):
    window = open_window(SCRIPT)
    feature = window.features["jacobian"]
    feature.show_leaf("x")
    chooser = window.findChild(QComboBox, "jacobianLeaf")
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["x", "b"]
    chooser.setCurrentText("b")
    qtbot.waitUntil(lambda: feature.shown_leaf() == "b", timeout=20_000)
    np.testing.assert_array_equal(model_entries(window), explicit_j("b"))
    assert feature.panel.fd_label.text().endswith("✓")


def test_the_window_stays_live_while_the_kernel_computes(open_window, qtbot):
    # each finite-difference column runs the script twice: 8 slow runs for x
    window = open_window("import time\n" + SCRIPT + "time.sleep(0.15)\n")
    feature = window.features["jacobian"]
    feature.show_leaf("b")
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(feature.shown_leaf() == "x"))
    timer.start(20)
    window.findChild(QComboBox, "jacobianLeaf").setCurrentText("x")
    qtbot.waitUntil(lambda: feature.shown_leaf() == "x", timeout=30_000)
    timer.stop()
    assert ticks.count(False) >= 3  # the event loop ran while J was being computed
    np.testing.assert_array_equal(model_entries(window), explicit_j("x"))


def test_a_sentence_when_there_is_no_j(open_window):
    window = open_window(SCRIPT + "z.backward(torch.ones(2, 2))\n")
    feature = window.features["jacobian"]
    feature.show_leaf("x")
    assert feature.shown_leaf() is None and feature.view.status == "freed"
    assert "freed" in feature.panel.status.text()
    assert window.findChild(QTableView, "jacobianTable").model().rowCount() == 0


def test_step_through_shows_each_nodes_local_derivative(qtbot, make_views):
    from playground.core.local_derivatives import local_derivative
    from playground.ui.graph_panel import GraphPanel

    source = SCRIPT + "out = z.sum()\n"
    _run, state = make_views(source, backward="out", mode="python")
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    panel.show_graph(state.graph, state.trace, total=state.graph_total)
    seen = {}
    for _ in state.trace.steps:
        panel.step()
        step = panel.current_step()
        seen[step.node_name] = (panel.step_text(), panel.details.toPlainText())
    text, details = seen["MulBackward0"]
    assert text.endswith("MulBackward0: grad_self = grad · other, grad_other = grad · self")
    assert "local derivative: grad_self = grad · other" in details
    for name, (text, _details) in seen.items():  # Sum, View, Add, Mul, AccumulateGrad
        assert text.endswith(f"{name}: {local_derivative(name)}")
