"""The Backward panel: root choice, gradient grid, and what a click asks for.

Roots are the kernel's tensor views (``make_views`` of ``tests/conftest.py``, the
script run in this process); the gradient a click sends is a numpy array, which the
kernel turns into a tensor with ``torch.from_numpy`` and gives to PyTorch's backward.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from playground.ui.backward_panel import (
    MAX_GRID_ELEMENTS,
    NO_GRAD_TO_ZERO_TIP,
    ZERO_GRAD_TIP,
    BackwardPanel,
    GradientEditor,
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


def test_scalar_root_needs_no_gradient(panel, qtbot, make_views):
    _run, state = make_views("import torch\nout = torch.tensor(2.0, requires_grad=True) * 3\n")
    panel.set_roots(state.roots, state.default_root, root_shapes(state.tensors))
    assert panel.current_root() == "out"
    assert not panel.gradient_editor.isVisibleTo(panel)
    with qtbot.waitSignal(panel.backwardRequested) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["out", None, True, False]


def test_non_scalar_root_gradient_has_its_shape_and_dtype(panel, qtbot, local_kernel):
    source = (
        "import torch\nx = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)\nz = x * 2\n"
    )
    _run, state = local_kernel.run(source)
    panel.set_roots(state.roots, state.default_root, root_shapes(state.tensors))
    assert panel.current_root() == "z"
    assert panel.gradient_editor.isVisibleTo(panel)
    panel.gradient_editor.set_values([1, 2, 3, 4, 5, 6])
    with qtbot.waitSignal(panel.backwardRequested) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    name, gradient, retain, zero = blocker.args
    assert name == "z" and retain and not zero
    assert isinstance(gradient, np.ndarray) and gradient.dtype == np.float64
    expected = torch.arange(1.0, 7.0, dtype=torch.float64).reshape(2, 3)
    # As the kernel receives it: a tensor of the root's shape and dtype.
    sent = torch.from_numpy(gradient.copy())
    assert sent.dtype == torch.float64 and torch.equal(sent, expected)
    state = local_kernel.backward(name, sent, retain_graph=retain)
    assert torch.equal(local_kernel.tensor("x").grad, 2 * expected)
    assert np.array_equal(state.tensors["x"].grad.values, (2 * expected).numpy())


def test_text_in_the_grid_is_reported_not_raised(panel, qtbot, make_views):
    _run, state = make_views("import torch\nz = torch.ones(2, requires_grad=True) * 2\n")
    panel.set_roots(["z"], "z", root_shapes(state.tensors))
    panel.gradient_editor.item(0, 1).setText("abc")
    with qtbot.waitSignal(panel.gradientInvalid) as blocker:
        qtbot.mouseClick(panel.backward_button, Qt.MouseButton.LeftButton)
    assert "'abc'" in blocker.args[0]


def test_huge_root_uses_ones_without_a_grid(panel, make_views):
    n = MAX_GRID_ELEMENTS + 1
    _run, state = make_views(f"import torch\nbig = torch.ones({n}, requires_grad=True) * 2\n")
    panel.set_roots(["big"], "big", root_shapes(state.tensors))
    assert not panel.gradient_editor.isVisibleTo(panel)
    gradient = panel.gradient()
    assert gradient.dtype == np.float32
    assert torch.equal(torch.from_numpy(gradient), torch.ones(n))


def test_user_choice_survives_a_rerun_and_no_roots_disables_backward(panel):
    shapes = {"a": ((), "float32"), "b": ((), "float32")}
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


def test_gradient_grid_headers_are_pytorch_indices(panel, make_views):
    """The grid's headers count from 0, as z[i, j] does (and as the Inspector's grids do);
    leading dims of a 3-d root are shown as index pairs."""
    _run, state = make_views(
        "import torch\nz = torch.ones(2, 3, requires_grad=True) * 2\n"
        "w = torch.ones(2, 2, 3, requires_grad=True) * 2\n"
    )
    shapes = root_shapes(state.tensors)
    panel.set_roots(["z"], "z", shapes)
    grid = panel.gradient_editor
    assert _headers(grid, Qt.Orientation.Horizontal, 3) == ["0", "1", "2"]
    assert _headers(grid, Qt.Orientation.Vertical, 2) == ["0", "1"]
    panel.set_roots(["w"], "w", shapes)
    assert _headers(grid, Qt.Orientation.Vertical, 4) == ["0, 0", "0, 1", "1, 0", "1, 1"]


def test_bad_gradient_cell_is_named_by_its_tensor_index(panel, qtbot, make_views):
    _run, state = make_views("import torch\nz = torch.ones(2, 3, requires_grad=True) * 2\n")
    panel.set_roots(["z"], "z", root_shapes(state.tensors))
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


def test_root_shapes_are_shapes_and_dtype_names(make_views):
    _run, state = make_views(
        "import torch\nx = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)\n"
        "s = (x * 2).sum()\nn = torch.tensor([1, 2])\n"
    )
    assert root_shapes(state.tensors) == {
        "x": ((2, 3), "float64"),
        "s": ((), "float64"),
        "n": ((2,), "int64"),
    }


@pytest.mark.parametrize(
    ("dtype", "expected"),
    [
        ("float32", np.float32),
        ("float64", np.float64),
        ("float16", np.float16),
        ("bfloat16", np.float32),
        ("complex64", np.complex64),
        ("complex128", np.complex128),
    ],
)
def test_gradient_dtype_follows_the_root_and_pytorch_takes_it(panel, local_kernel, dtype, expected):
    """Every floating and complex root gets a gradient array PyTorch accepts for it
    (bfloat16 has no numpy dtype: float32, which backward casts to the root's dtype)."""
    values = "1 + 1j, 2, 3" if dtype.startswith("complex") else "1.0, 2.0, 3.0"
    source = (
        f"import torch\nx = torch.tensor([{values}], dtype=torch.{dtype}, requires_grad=True)\n"
        "z = x * 2\n"
    )
    _run, state = local_kernel.run(source)
    panel.set_roots(state.roots, "z", root_shapes(state.tensors))
    if dtype.startswith("complex"):
        panel.gradient_editor.item(0, 1).setText("0.5-2j")
    gradient = panel.gradient()
    assert gradient.dtype == expected and gradient.shape == (3,)
    local_kernel.backward("z", torch.from_numpy(gradient.copy()))
    grad = local_kernel.tensor("x").grad
    assert str(grad.dtype) == f"torch.{dtype}"
    assert torch.equal(grad, 2 * torch.from_numpy(gradient.copy()).to(grad.dtype))


def test_a_float32_gradient_fills_the_grid_as_written_and_reads_back_the_same(qtbot):
    """Lesson 4's ``w`` pre-fills the grid: float32 0.1 reads ``0.1`` (not its float64
    expansion) and the grid gives PyTorch exactly ``w`` back."""
    w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
    grid = GradientEditor()
    qtbot.addWidget(grid)
    grid.set_shape((2, 2), "float32")
    grid.set_values(list(w.numpy().reshape(-1)))
    texts = [grid.item(r, c).text() for r in range(2) for c in range(2)]
    assert texts == ["1.0", "0.1", "1.0", "0.01"]
    assert torch.equal(torch.from_numpy(grid.gradient()), w)
