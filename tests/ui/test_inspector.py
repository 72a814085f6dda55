"""The Inspector: attributes, value/.grad grids from the kernel's tensor views, value edits
as code.

Views are built by running the script in this process (``make_views`` /
``local_kernel`` of ``tests/conftest.py``, through the real codec); what the panel
must show is read from the live PyTorch tensors.
"""

from __future__ import annotations

import pytest
import torch
from PySide6.QtCore import Qt

from playground.core.script_edit import apply_edits
from playground.kernel.snapshot import tensor_view
from playground.ui.inspector import (
    MAX_COLS,
    MAX_ROWS,
    SUMMARIZED,
    InspectorPanel,
    literal_dtype,
    parse_element,
)
from playground.ui.tensor_table import format_element
from tests.conftest import seed_lesson

LESSON3_FORWARD = "\n".join(seed_lesson(3).splitlines()[:5]) + "\n"


def grid_texts(view) -> list[list[str]]:
    model = view.model()
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.fixture
def inspector(qtbot):
    widget = InspectorPanel()
    qtbot.addWidget(widget)
    return widget


def test_leaf_after_backward(inspector, make_views):
    run_view, _state = make_views(LESSON3_FORWARD, backward="out")
    inspector.show_tensor("x", run_view)
    assert inspector.objectName() == "inspector"
    assert inspector.shown_name() == "x"
    labels = {k: v.text() for k, v in inspector.attribute_labels.items()}
    assert labels == {
        "shape": "(2, 2)",
        "dtype": "float32",
        "requires_grad": "True",
        "is_leaf": "True",
        "grad_fn": "None",
        "retains_grad": "False",
        "_version": "0",
        "made under no_grad": "no (line 2)",
    }
    assert grid_texts(inspector.value_grid) == [["1.", "1."], ["1.", "1."]]
    assert grid_texts(inspector.grad_grid) == [["4.5", "4.5"], ["4.5", "4.5"]]
    assert (
        inspector.value_model.flags(inspector.value_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    )
    assert inspector.grad_model.flags(
        inspector.grad_model.index(0, 0)
    ) & Qt.ItemFlag.ItemIsEditable == (Qt.ItemFlag.NoItemFlags)


def test_update_after_another_backward_shows_accumulation(inspector, local_kernel):
    run_view, _state = local_kernel.run(LESSON3_FORWARD)
    inspector.show_tensor("x", run_view)
    assert inspector.grad_note.text() == ".grad: None (no backward has reached it yet)"
    assert inspector.grad_grid.isHidden()
    assert grid_texts(inspector.grad_grid) == []
    for expected in ("4.5", "9.", "13.5"):
        inspector.update_tensors(local_kernel.backward("out", retain_graph=True).tensors)
        assert grid_texts(inspector.grad_grid)[0][0] == expected
        assert float(expected) == local_kernel.tensor("x").grad[0, 0].item()
    inspector.refresh()  # re-shows what it was given last
    assert grid_texts(inspector.grad_grid)[0][0] == "13.5"
    inspector.update_tensors(local_kernel.zero_grad().tensors)
    assert grid_texts(inspector.grad_grid)[0][0] == "0."
    # The window's way: the run's tensor_views replaced by the new state's, then refresh.
    run_view.tensor_views = local_kernel.backward("out", retain_graph=True).tensors
    inspector.refresh()
    assert grid_texts(inspector.grad_grid)[0][0] == "4.5"


def test_editing_a_cell_rewrites_the_creation_and_the_gradient_follows(
    inspector, qtbot, local_kernel
):
    source = LESSON3_FORWARD + "out.backward()\n"
    run_view, _state = local_kernel.run(source)
    inspector.show_tensor("x", run_view)
    model = inspector.value_model
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        assert model.setData(model.index(1, 0), "5", Qt.ItemDataRole.EditRole)
    new_source = apply_edits(source, sig.args[0])
    assert new_source == source.replace(
        "torch.ones(2, 2, requires_grad=True)",
        "torch.tensor([[1.0, 1.0], [5.0, 1.0]], requires_grad=True)",
    )
    # The tensor is untouched until the re-run.
    assert local_kernel.tensor("x")[1, 0].item() == 1.0
    assert run_view.tensors()["x"].values[1, 0] == 1.0
    rerun, _state = local_kernel.run(new_source)
    inspector.show_tensor("x", rerun)
    assert grid_texts(inspector.value_grid) == [["1.", "1."], ["5.", "1."]]
    # Same gradient as torch.autograd computes for those values directly.
    x = torch.tensor([[1.0, 1.0], [5.0, 1.0]], requires_grad=True)
    (expected,) = torch.autograd.grad(((x + 2) * (x + 2) * 3).mean(), x)
    assert torch.equal(local_kernel.tensor("x").grad, expected)
    assert (
        grid_texts(inspector.grad_grid)
        == [[format_element(v, 6) for v in row] for row in expected.tolist()]
        == [["4.5", "4.5"], ["10.5", "4.5"]]
    )


def test_edit_keeps_dtype_and_scalar_shape(inspector, qtbot, make_views):
    source = "import torch\na = torch.zeros(3, dtype=torch.float64)\ns = torch.tensor(2.)\n"
    run_view, _state = make_views(source)
    inspector.show_tensor("a", run_view)
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        inspector.value_model.setData(inspector.value_model.index(0, 2), "0.1")
    assert apply_edits(source, sig.args[0]).splitlines()[1] == (
        "a = torch.tensor([0.0, 0.0, 0.1], dtype=torch.float64)"
    )
    inspector.show_tensor("s", run_view)
    assert grid_texts(inspector.value_grid) == [["2."]]
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        inspector.value_model.setData(inspector.value_model.index(0, 0), "-0.25")
    new = apply_edits(source, sig.args[0])
    assert new.splitlines()[2] == "s = torch.tensor(-0.25)"
    new_view, _state = make_views(new)
    assert new_view.tensors()["s"].shape == ()


def test_edits_keep_the_dtypes_precision_and_kind(inspector, qtbot, make_views):
    """A float32 value is stored as float32 (as torch.tensor(values, dtype=...) stores
    it), written back as its shortest text; float16 and int8 keep their dtype= and
    their own range."""
    source = (
        "import torch\nf = torch.zeros(2)\nh = torch.zeros(2, dtype=torch.float16)\n"
        "i = torch.zeros(2, dtype=torch.int8)\nb = torch.tensor([True, False])\n"
    )
    run_view, _state = make_views(source)
    cases = [
        ("f", "0.1", "torch.tensor([0.0, 0.1])", torch.tensor([0.0, 0.1])),
        (
            "h",
            "0.1",
            "torch.tensor([0.0, 0.099975586], dtype=torch.float16)",
            torch.tensor([0.0, 0.1], dtype=torch.float16),
        ),
        (
            "i",
            "7",
            "torch.tensor([0, 7], dtype=torch.int8)",
            torch.tensor([0, 7], dtype=torch.int8),
        ),
        ("b", "true", "torch.tensor([True, True])", torch.tensor([True, True])),
    ]
    for name, typed, literal, expected in cases:
        inspector.show_tensor(name, run_view)
        with qtbot.waitSignal(inspector.editsRequested) as sig:
            assert inspector.value_model.setData(inspector.value_model.index(0, 1), typed)
        new = apply_edits(source, sig.args[0])
        assert f"{name} = {literal}" in new.splitlines()
        rerun, _state = make_views(new)
        assert rerun.ok, rerun.error
        assert rerun.tensors()[name].values.tolist() == expected.tolist()
        assert rerun.tensors()[name].dtype == str(expected.dtype).removeprefix("torch.")
    # Out of int8's range: refused with a message, no edit.
    inspector.show_tensor("i", run_view)
    with qtbot.assertNotEmitted(inspector.editsRequested):
        inspector.value_model.setData(inspector.value_model.index(0, 0), "300")
    assert "int8" in inspector.message.text()
    with pytest.raises(RuntimeError):
        torch.tensor([300], dtype=torch.int8)  # PyTorch refuses it too


def test_invalid_text_is_refused_with_a_message(inspector, qtbot, make_views):
    source = "import torch\nn = torch.tensor([1, 2])\n"
    inspector.show_tensor("n", make_views(source)[0])
    model = inspector.value_model
    with qtbot.assertNotEmitted(inspector.editsRequested):
        assert not model.setData(model.index(0, 0), "abc")
        assert not model.setData(model.index(0, 0), "2.5")
    assert "not an integer" in inspector.message.text()
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        assert model.setData(model.index(0, 1), "7")
    assert apply_edits(source, sig.args[0]) == "import torch\nn = torch.tensor([1, 7])\n"


def test_non_leaf_is_read_only_and_grad_not_stored(inspector, make_views):
    run_view, _state = make_views(LESSON3_FORWARD, backward="out")
    inspector.show_tensor("y", run_view)
    assert inspector.attribute_labels["is_leaf"].text() == "False"
    assert inspector.attribute_labels["grad_fn"].text() == "AddBackward0"
    assert not inspector.value_model.flags(inspector.value_model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    assert "y.retain_grad()" in inspector.grad_note.text()
    assert grid_texts(inspector.grad_grid) == []


def test_retained_grad_of_a_non_leaf_is_shown(inspector, make_views):
    source = LESSON3_FORWARD.replace("out = z.mean()", "y.retain_grad()\nout = z.mean()")
    run_view, _state = make_views(source, backward="out")
    inspector.show_tensor("y", run_view)
    assert inspector.attribute_labels["retains_grad"].text() == "True"
    # d out / d y = 6y/4 = 4.5 at y = 3.
    assert grid_texts(inspector.grad_grid) == [["4.5", "4.5"], ["4.5", "4.5"]]


def test_made_under_no_grad_seed_lesson_5(inspector, make_views):
    run_view, _state = make_views(seed_lesson(5))
    inspector.show_tensor("y2", run_view)
    assert inspector.attribute_labels["made under no_grad"].text() == (
        "yes (line 5 ran under torch.no_grad())"
    )
    assert inspector.attribute_labels["requires_grad"].text() == "False"
    inspector.show_tensor("y1", run_view)
    assert inspector.attribute_labels["made under no_grad"].text() == "no (line 3)"
    run_view.grad_enabled = False
    inspector.show_tensor("y1", run_view)
    assert inspector.attribute_labels["made under no_grad"].text().startswith("yes")


def test_version_counter_follows_in_place_ops(inspector, local_kernel):
    run_view, _state = local_kernel.run("import torch\nx = torch.ones(2)\nx.add_(1)\nx.mul_(2)\n")
    inspector.show_tensor("x", run_view)
    assert (
        inspector.attribute_labels["_version"].text()
        == str(local_kernel.tensor("x")._version)
        == "2"
    )


def test_big_grids_are_capped_and_say_so(inspector, make_views):
    source = (
        "import torch\ntall = torch.arange(150 * 20.).reshape(150, 20)\n"
        "wide = torch.arange(20 * 120.).reshape(20, 120)\n"
    )
    run_view, _state = make_views(source)
    inspector.show_tensor("tall", run_view)
    model = inspector.value_model
    assert (model.rowCount(), model.columnCount()) == (MAX_ROWS, 20) == (100, 20)
    assert model.data(model.index(99, 19)) == f"{99 * 20 + 19}."
    assert "showing 100 of 150 rows × 20 of 20 columns of 3000 values" in (
        inspector.value_note.text()
    )
    assert "edit them in the code" in inspector.value_note.text()
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    inspector.show_tensor("wide", run_view)
    assert (model.rowCount(), model.columnCount()) == (20, MAX_COLS) == (20, 100)
    assert model.data(model.index(19, 99)) == f"{19 * 120 + 99}."
    assert "showing 20 of 20 rows × 100 of 120 columns of 2400 values" in (
        inspector.value_note.text()
    )


def test_a_tensor_too_big_to_carry_its_values_is_pytorchs_text(inspector, local_kernel):
    """Over VALUE_ELEMENTS the kernel sends no values: no grid, read-only, and PyTorch's
    own text, asked of the kernel by name through text_provider."""
    source = "import torch\nbig = torch.arange(150 * 120.).reshape(150, 120)\n"
    run_view, _state = local_kernel.run(source)
    big = local_kernel.tensor("big")
    inspector.show_tensor("big", run_view)
    assert inspector.value_grid.isHidden() and not inspector.value_text.isHidden()
    assert inspector.value_model.rowCount() == 0
    assert not inspector.value_model.flags(inspector.value_model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    assert SUMMARIZED in inspector.value_note.text()
    assert "18000 values" in inspector.value_note.text()
    assert inspector.value_text.toPlainText() == repr(big)  # the view's own text
    asked = []

    def provider(name: str) -> str:
        asked.append(name)
        return f"full text of {name}"

    inspector.text_provider = provider
    inspector.show_tensor("big", run_view)
    assert asked == ["big"]
    assert inspector.value_text.toPlainText() == "full text of big"
    # A small tensor is a grid: nothing is asked.
    small, _state = local_kernel.run("import torch\nx = torch.ones(2)\n")
    inspector.show_tensor("x", small)
    assert asked == ["big"] and inspector.value_text.isHidden()
    assert not inspector.value_grid.isHidden()


def test_three_dimensional_tensor_headers_name_the_index(inspector, qtbot, local_kernel):
    source = "import torch\nt = torch.arange(24.).reshape(2, 3, 4)\n"
    inspector.show_tensor("t", local_kernel.run(source)[0])
    model = inspector.value_model
    assert (model.rowCount(), model.columnCount()) == (6, 4)
    assert model.headerData(5, Qt.Orientation.Vertical) == "[1, 2]"
    assert model.data(model.index(5, 3)) == "23."
    assert model.tensor_index(5, 3) == (1, 2, 3)
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        model.setData(model.index(4, 1), "-1")
    local_kernel.run(apply_edits(source, sig.args[0]))
    new = local_kernel.tensor("t")
    expected = torch.arange(24.0).reshape(2, 3, 4)
    expected[1, 1, 1] = -1
    assert torch.equal(new, expected)


def test_nothing_selected(inspector, make_views):
    inspector.show_tensor(None, None)
    assert inspector.shown_name() is None
    assert "Select a tensor" in inspector.title.text()
    inspector.show_tensor("n", make_views("n = 3\n")[0])
    assert inspector.shown_name() is None


def test_parse_element():
    assert parse_element(" 1e-3 ", "float32") == 0.001
    assert parse_element("true", "bool") is True
    assert parse_element("4.0", "int64") == 4
    assert parse_element("0.5", "float16") == 0.5
    with pytest.raises(ValueError):
        parse_element("x", "float32")
    with pytest.raises(ValueError):
        parse_element("1", "complex64")


def test_literal_dtype_is_written_unless_torch_tensor_infers_it():
    assert literal_dtype(tensor_view(torch.ones(2))) is None
    assert literal_dtype(tensor_view(torch.tensor([1, 2]))) is None
    assert literal_dtype(tensor_view(torch.tensor([True]))) is None
    assert literal_dtype(tensor_view(torch.ones(2, dtype=torch.float64))) == "float64"
    assert literal_dtype(tensor_view(torch.ones(2, dtype=torch.int32))) == "int32"


def test_layout_follows_the_dock_width(inspector, qtbot, make_views):
    inspector.show_tensor("x", make_views(LESSON3_FORWARD)[0])
    inspector.resize(1000, 260)
    inspector.show()
    qtbot.waitUntil(lambda: not inspector.is_narrow())
    inspector.resize(400, 240)
    qtbot.waitUntil(inspector.is_narrow)
    # Two attribute pairs per row when narrow: shape and dtype side by side.
    shape, dtype = inspector.attribute_labels["shape"], inspector.attribute_labels["dtype"]
    qtbot.waitUntil(lambda: shape.geometry().top() == dtype.geometry().top())
    assert dtype.geometry().left() > shape.geometry().right()
    inspector.resize(1000, 260)
    qtbot.waitUntil(lambda: not inspector.is_narrow())
    qtbot.waitUntil(lambda: dtype.geometry().top() > shape.geometry().top())


def test_value_edit_uses_the_editors_current_text(qtbot, make_views):
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter

    window = QMainWindow()
    qtbot.addWidget(window)
    inspector = InspectorPanel()
    typed = "# notes\n" + LESSON3_FORWARD
    editor = QPlainTextEdit(typed)
    editor.setObjectName("codeEditor")
    splitter = QSplitter()
    splitter.addWidget(editor)
    splitter.addWidget(inspector)
    window.setCentralWidget(splitter)
    inspector.show_tensor("x", make_views(LESSON3_FORWARD)[0])
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        inspector.value_model.setData(inspector.value_model.index(0, 1), "2")
    assert apply_edits(editor.toPlainText(), sig.args[0]) == typed.replace(
        "torch.ones(2, 2, requires_grad=True)",
        "torch.tensor([[1.0, 2.0], [1.0, 1.0]], requires_grad=True)",
    )
    editor.setPlainText("x = (")
    with qtbot.assertNotEmitted(inspector.editsRequested):
        inspector.value_model.setData(inspector.value_model.index(0, 1), "3")
    assert "does not parse" in inspector.message.text()


@pytest.fixture
def window(qtbot):
    import playground

    made = playground.main_window(LESSON3_FORWARD)
    qtbot.addWidget(made)
    yield made
    made.editor.document().setModified(False)
    made.worker.shutdown()


def test_value_edit_in_the_window_is_code_reruns_and_one_ctrl_z_undoes_it(window, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit, QTableView

    table = window.findChild(QTableView, "tensorTable")
    editor = window.findChild(QPlainTextEdit, "codeEditor")
    inspector = window.findChild(InspectorPanel, "inspector")
    model = table.table_model()
    table.setCurrentIndex(model.index(model.row_of("x"), 0))
    qtbot.waitUntil(lambda: inspector.shown_name() == "x")
    inspector.value_model.setData(inspector.value_model.index(0, 0), "-3")
    edited = LESSON3_FORWARD.replace(
        "torch.ones(2, 2, requires_grad=True)",
        "torch.tensor([[-3.0, 1.0], [1.0, 1.0]], requires_grad=True)",
    )
    assert editor.toPlainText() == edited
    qtbot.waitUntil(lambda: grid_texts(inspector.value_grid)[0][0] == "-3.", timeout=10000)
    assert table.selected_name() == "x"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == LESSON3_FORWARD
    qtbot.waitUntil(lambda: grid_texts(inspector.value_grid)[0][0] == "1.", timeout=10000)


def test_same_tensor_again_keeps_the_current_cell(inspector, qtbot, local_kernel):
    run_view, _state = local_kernel.run(LESSON3_FORWARD)
    inspector.show_tensor("x", run_view)
    inspector.value_grid.setCurrentIndex(inspector.value_model.index(1, 1))
    # The first .grad: there was none, the grad grid resets.
    with qtbot.waitSignal(inspector.grad_model.modelReset):
        inspector.update_tensors(local_kernel.backward("out", retain_graph=True).tensors)
    assert grid_texts(inspector.grad_grid)[1][1] == "4.5"
    inspector.grad_grid.setCurrentIndex(inspector.grad_model.index(0, 1))
    state = local_kernel.backward("out")
    with (
        qtbot.assertNotEmitted(inspector.grad_model.modelReset),
        qtbot.assertNotEmitted(inspector.value_model.modelReset),
    ):
        inspector.update_tensors(state.tensors)  # accumulation: same shape, cells re-read
    assert grid_texts(inspector.grad_grid)[1][1] == "9."
    assert inspector.value_grid.currentIndex().row() == 1
    assert inspector.value_grid.currentIndex().column() == 1
    assert inspector.grad_grid.currentIndex().column() == 1
    # The window may also put the new views in the RunView and show it again.
    run_view.tensor_views = state.tensors
    with qtbot.assertNotEmitted(inspector.grad_model.modelReset):
        inspector.show_tensor("x", run_view)
    assert inspector.grad_grid.currentIndex().column() == 1
    # Another tensor, or a new run, starts afresh.
    with qtbot.waitSignal(inspector.value_model.modelReset):
        inspector.show_tensor("y", run_view)


def test_leaves_made_by_an_expression_are_edited_in_the_code(inspector, make_views):
    run_view, _state = make_views(seed_lesson(5))
    inspector.show_tensor("y2", run_view)
    assert inspector.title.text() == "y2: leaf (made under no_grad)"
    assert not inspector.value_model.flags(inspector.value_model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    assert "made by an expression" in inspector.value_note.text()
    inspector.show_tensor("x", run_view)
    assert inspector.title.text() == "x: leaf, requires grad"
    assert (
        inspector.value_model.flags(inspector.value_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    )
