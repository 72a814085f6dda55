"""The Backward panel: root choice, gradient grid, and what a click asks for."""

from __future__ import annotations

import pytest
import torch
from PySide6.QtCore import Qt

from playground.ui.backward_panel import (
    MAX_GRID_ELEMENTS,
    NO_GRAD_TO_ZERO_TIP,
    ZERO_GRAD_TIP,
    BackwardPanel,
    grid_shape,
    root_shapes,
)


@pytest.fixture
def panel(qtbot):
    widget = BackwardPanel()
    qtbot.addWidget(widget)
    return widget


def test_grid_shape_folds_leading_dims_into_rows():
    assert grid_shape(()) == (1, 1)
    assert grid_shape((4,)) == (1, 4)
    assert grid_shape((2, 3)) == (2, 3)
    assert grid_shape((2, 3, 5)) == (6, 5)


def test_scalar_root_needs_no_gradient(panel, qtbot):
    tensors = {"out": torch.tensor(2.0, requires_grad=True) * 3}
    panel.set_roots(["out"], "out", root_shapes(tensors))
    assert not panel.gradient_editor.isVisibleTo(panel)
    with qtbot.waitSignal(panel.backwardRequested) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["out", None, True, False]


def test_non_scalar_root_gradient_has_its_shape_and_dtype(panel, qtbot):
    z = torch.ones(2, 3, dtype=torch.float64, requires_grad=True) * 2
    panel.set_roots(["z"], "z", root_shapes({"z": z}))
    assert panel.gradient_editor.isVisibleTo(panel)
    panel.gradient_editor.set_values([1, 2, 3, 4, 5, 6])
    with qtbot.waitSignal(panel.backwardRequested) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    name, gradient, retain, zero = blocker.args
    assert name == "z" and retain and not zero
    assert gradient.dtype == torch.float64
    assert torch.equal(gradient, torch.arange(1.0, 7.0, dtype=torch.float64).reshape(2, 3))


def test_text_in_the_grid_is_reported_not_raised(panel, qtbot):
    z = torch.ones(2, requires_grad=True) * 2
    panel.set_roots(["z"], "z", root_shapes({"z": z}))
    panel.gradient_editor.item(0, 1).setText("abc")
    with qtbot.waitSignal(panel.gradientInvalid) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    assert "'abc'" in blocker.args[0]


def test_huge_root_uses_ones_without_a_grid(panel):
    big = torch.ones(MAX_GRID_ELEMENTS + 1, requires_grad=True) * 2
    panel.set_roots(["big"], "big", root_shapes({"big": big}))
    assert not panel.gradient_editor.isVisibleTo(panel)
    assert torch.equal(panel.gradient(), torch.ones(MAX_GRID_ELEMENTS + 1))


def test_user_choice_survives_a_rerun_and_no_roots_disables_backward(panel):
    shapes = {"a": ((), torch.float32), "b": ((), torch.float32)}
    panel.set_roots(["a", "b"], "b", shapes)
    panel.root_selector.setCurrentText("a")
    panel.set_roots(["a", "b"], "b", shapes)
    assert panel.current_root() == "a"
    panel.set_roots([], None, {})
    assert panel.current_root() is None
    assert not panel.backward_button.isEnabled()


def _headers(grid, orientation, count):
    return [
        grid.model().headerData(i, orientation, Qt.ItemDataRole.DisplayRole) for i in range(count)
    ]


def test_gradient_grid_headers_are_pytorch_indices(panel):
    """The grid's headers count from 0, as z[i, j] does (and as the Inspector's grids do);
    leading dims of a 3-d root are shown as index pairs."""
    z = torch.ones(2, 3, requires_grad=True) * 2
    panel.set_roots(["z"], "z", root_shapes({"z": z}))
    grid = panel.gradient_editor
    assert _headers(grid, Qt.Orientation.Horizontal, 3) == ["0", "1", "2"]
    assert _headers(grid, Qt.Orientation.Vertical, 2) == ["0", "1"]
    w = torch.ones(2, 2, 3, requires_grad=True) * 2
    panel.set_roots(["w"], "w", root_shapes({"w": w}))
    assert _headers(grid, Qt.Orientation.Vertical, 4) == ["0, 0", "0, 1", "1, 0", "1, 1"]


def test_bad_gradient_cell_is_named_by_its_tensor_index(panel, qtbot):
    z = torch.ones(2, 3, requires_grad=True) * 2
    panel.set_roots(["z"], "z", root_shapes({"z": z}))
    panel.gradient_editor.item(1, 2).setText("abc")
    with qtbot.waitSignal(panel.gradientInvalid) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["gradient[1, 2] is not a number: 'abc'"]


def test_zero_grad_is_disabled_until_there_is_a_grad_and_says_why(panel, qtbot):
    assert not panel.zero_grad_button.isEnabled()
    assert panel.zero_grad_button.toolTip() == NO_GRAD_TO_ZERO_TIP
    panel.set_zero_grad_available(True)
    assert panel.zero_grad_button.isEnabled()
    assert panel.zero_grad_button.toolTip() == ZERO_GRAD_TIP
    with qtbot.waitSignal(panel.zeroGradRequested) as blocker:
        qtbot.mouseClick(panel.zero_grad_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [False]
    panel.set_zero_grad_available(False)
    assert not panel.zero_grad_button.isEnabled()
