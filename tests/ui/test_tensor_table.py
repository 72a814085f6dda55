"""The Tensors panel: rows of the kernel's tensor views, checkbox -> code, selection kept.

Views are built by running the script in this process (``make_views`` /
``local_kernel`` of ``tests/conftest.py``, through the real codec); what the cells
must say is read from the live PyTorch tensors or from real Python.
"""

from __future__ import annotations

import pytest
import torch
from PySide6.QtCore import Qt

from playground.core.script_edit import apply_edits
from playground.kernel.snapshot import tensor_view
from playground.resources import examples_dir
from playground.ui.tensor_table import (
    COLUMNS,
    DTYPE,
    GRAD,
    GRAD_FN,
    IS_LEAF,
    NAME,
    REQUIRES_GRAD,
    SHAPE,
    VALUE,
    TensorTable,
    compact,
    format_element,
)
from tests.conftest import seed_lesson


def real_python(source: str) -> dict:
    """The tensors ``source`` leaves when real Python runs it (the reference)."""
    namespace: dict = {}
    exec(compile(source, "<script>", "exec"), namespace)  # noqa: S102 - real Python reference
    return {k: v for k, v in namespace.items() if isinstance(v, torch.Tensor)}


def cell(table: TensorTable, name: str, col: int, role=Qt.ItemDataRole.DisplayRole):
    model = table.table_model()
    return model.data(model.index(model.row_of(name), col), role)


@pytest.fixture
def table(qtbot):
    widget = TensorTable()
    qtbot.addWidget(widget)
    return widget


LESSON3_FORWARD = "\n".join(seed_lesson(3).splitlines()[:5]) + "\n"  # up to out = z.mean()


def test_rows_show_what_pytorch_says(table, local_kernel):
    run_view, _state = local_kernel.run(LESSON3_FORWARD)
    table.set_result(run_view)
    assert table.objectName() == "tensorTable"
    assert table.table_model().names() == ["x", "y", "z", "out"]
    assert [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == list(
        COLUMNS
    )
    x, out = local_kernel.tensor("x"), local_kernel.tensor("out")
    assert cell(table, "x", NAME) == "x"
    assert cell(table, "x", SHAPE) == "(2, 2)"
    assert cell(table, "out", SHAPE) == "()"
    assert cell(table, "x", DTYPE) == "float32"
    assert cell(table, "x", REQUIRES_GRAD, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert cell(table, "x", IS_LEAF) == str(x.is_leaf) == "True"
    assert cell(table, "y", IS_LEAF) == "False"
    assert cell(table, "x", GRAD_FN) == "None"
    y_fn = type(local_kernel.tensor("y").grad_fn).__name__
    assert cell(table, "y", GRAD_FN) == y_fn == "AddBackward0"
    assert cell(table, "out", GRAD_FN) == "MeanBackward0"
    assert out.item() == 27.0
    assert cell(table, "out", VALUE) == "27."  # as PyTorch prints tensor(27.)
    assert cell(table, "y", VALUE) == "[[3., 3.], [3., 3.]]"
    assert cell(table, "x", GRAD) == "None"
    # The tooltip is PyTorch's own repr, as print shows it.
    assert cell(table, "z", VALUE, Qt.ItemDataRole.ToolTipRole) == (
        f"z =\n{local_kernel.tensor('z')!r}"
    )


def test_backward_then_update_shows_the_new_grad(table, local_kernel, qtbot):
    run_view, _state = local_kernel.run(LESSON3_FORWARD)
    table.set_result(run_view)
    model = table.table_model()
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        state = local_kernel.backward("out", retain_graph=True)
        table.update_tensors(state.tensors)
    assert cell(table, "x", GRAD) == "[[4.5, 4.5], [4.5, 4.5]]"
    tip = cell(table, "x", GRAD, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"x.grad =\n{local_kernel.tensor('x').grad!r}"
    # Non-leaves keep .grad None; the table says why instead of triggering the warning.
    assert cell(table, "y", GRAD) == "None"
    assert "retain_grad" in cell(table, "y", GRAD, Qt.ItemDataRole.ToolTipRole)
    table.update_tensors(local_kernel.backward("out", retain_graph=True).tensors)
    assert cell(table, "x", GRAD) == "[[9., 9.], [9., 9.]]"
    # refresh() re-reads the cells it holds (what was given last) ...
    with qtbot.waitSignal(model.dataChanged):
        table.refresh()
    assert cell(table, "x", GRAD) == "[[9., 9.], [9., 9.]]"
    # ... or the run's tensor_views, when the window replaced them with a newer state's.
    run_view.tensor_views = local_kernel.backward("out", retain_graph=True).tensors
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        table.refresh()
    assert cell(table, "x", GRAD) == "[[13.5, 13.5], [13.5, 13.5]]"
    table.update_tensors(local_kernel.zero_grad(set_to_none=True).tensors)
    assert cell(table, "x", GRAD) == "None"


def test_update_keeps_the_selection_and_new_names_rebuild_the_rows(table, local_kernel, qtbot):
    run_view, _state = local_kernel.run(LESSON3_FORWARD)
    table.set_result(run_view)
    table.select_tensor("z")
    state = local_kernel.backward("out")
    with qtbot.assertNotEmitted(table.tensorSelected):
        table.update_tensors(state.tensors)
    assert table.selected_name() == "z"
    assert table.selectionModel().selectedRows()[0].row() == 2
    # Other names (not an action's state): the rows are rebuilt, z stays selected.
    model = table.table_model()
    fewer = {n: v for n, v in state.tensors.items() if n != "y"}
    with qtbot.waitSignal(model.modelReset):
        table.update_tensors(fewer)
    assert model.names() == ["x", "z", "out"]
    assert table.selected_name() == "z"
    assert table.selectionModel().selectedRows()[0].row() == 1


def test_checkbox_emits_the_code_rewrite_for_a_leaf(table, qtbot, make_views):
    source = LESSON3_FORWARD
    table.set_result(make_views(source)[0])
    model = table.table_model()
    index = model.index(model.row_of("x"), REQUIRES_GRAD)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(table.editsRequested) as sig:
        assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    new_source = apply_edits(source, sig.args[0])
    assert new_source == source.replace(", requires_grad=True", "")
    # The table itself only changes with the re-run.
    assert cell(table, "x", REQUIRES_GRAD, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    table.set_result(make_views(new_source)[0])
    assert (
        cell(table, "x", REQUIRES_GRAD, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    )
    assert cell(table, "y", GRAD_FN) == "None"


def test_checkbox_on_a_non_leaf_inserts_requires_grad_call_seed_lesson_2(table, qtbot, make_views):
    source = "import torch\nx = torch.ones(3, 3)\nx = x * x + 2\n"
    table.set_result(make_views(source)[0])
    model = table.table_model()
    index = model.index(model.row_of("x"), REQUIRES_GRAD)
    with qtbot.waitSignal(table.editsRequested) as sig:
        model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    new_source = apply_edits(source, sig.args[0])
    assert new_source == source + "x.requires_grad_(True)\n"
    table.set_result(make_views(new_source)[0])
    # Seed lesson 2: it requires grad now, grad_fn stays None.
    assert cell(table, "x", REQUIRES_GRAD, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert cell(table, "x", GRAD_FN) == "None"


def test_integer_tensors_are_not_checkable(table, make_views):
    table.set_result(make_views("import torch\nn = torch.tensor([1, 2])\n")[0])
    model = table.table_model()
    index = model.index(0, REQUIRES_GRAD)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert "floating point" in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_complex_tensors_are_checkable(table, make_views):
    table.set_result(make_views("import torch\nc = torch.tensor([1 + 2j])\n")[0])
    model = table.table_model()
    assert cell(table, "c", DTYPE) == "complex64"
    assert model.flags(model.index(0, REQUIRES_GRAD)) & Qt.ItemFlag.ItemIsUserCheckable


def test_selection_emits_and_survives_reruns(table, qtbot, make_views):
    table.set_result(make_views(LESSON3_FORWARD)[0])
    model = table.table_model()
    with qtbot.waitSignal(table.tensorSelected) as sig:
        table.setCurrentIndex(model.index(model.row_of("z"), VALUE))
    assert sig.args == ["z"]
    assert table.selected_name() == "z"
    # A re-run where z moved to another row keeps z selected, without a new signal.
    moved = "import torch\nx = torch.ones(2, 2, requires_grad=True)\nz = x * 3\ny = z + 1\n"
    with qtbot.assertNotEmitted(table.tensorSelected):
        table.set_result(make_views(moved)[0])
    assert table.selected_name() == "z"
    assert table.selectionModel().selectedRows()[0].row() == model.row_of("z") == 1
    # z gone: nothing selected.
    table.set_result(make_views("import torch\nx = torch.ones(2)\n")[0])
    assert table.selected_name() is None
    assert not table.selectionModel().selectedRows()
    # Programmatic selection does not echo the signal.
    table.set_result(make_views(LESSON3_FORWARD)[0])
    with qtbot.assertNotEmitted(table.tensorSelected):
        table.select_tensor("out")
    assert table.selectionModel().selectedRows()[0].row() == model.row_of("out")
    table.select_tensor(None)
    assert table.selected_name() is None


def test_compact_values():
    assert compact(None) == "None"
    assert compact(tensor_view(torch.tensor(4.5))) == "4.5"
    assert compact(tensor_view(torch.tensor([1.0, 2.0, 3.0]))) == "[1., 2., 3.]"
    assert compact(tensor_view(torch.tensor([True, False]))) == "[True, False]"
    assert compact(tensor_view(torch.arange(10))) == "[0, 1, 2, 3, 4, 5, …] (10 values)"
    assert compact(tensor_view(torch.tensor([1 / 3]))) == "[0.3333]"
    assert compact(tensor_view(torch.tensor(1e6))) == "1e+06"
    assert compact(tensor_view(torch.tensor(-2.0))) == "-2."


def test_a_tensor_too_big_to_carry_its_values_shows_its_summary(table, make_views):
    """Over VALUE_ELEMENTS the kernel sends no values: the cell shows its summary (shape
    and norm, as in the graph) and the tooltip PyTorch's own (summarized) repr."""
    from playground.protocol.views import VALUE_ELEMENTS

    source = "import torch\nbig = torch.ones(100, 50)\n"
    run_view, _state = make_views(source)
    big = real_python(source)["big"]
    assert big.numel() > VALUE_ELEMENTS and run_view.tensors()["big"].values is None
    table.set_result(run_view)
    assert (
        cell(table, "big", VALUE) == f"100×50 ‖·‖={format_element(big.norm().item())} (5000 values)"
    )
    assert cell(table, "big", VALUE, Qt.ItemDataRole.ToolTipRole) == f"big =\n{big!r}"
    assert cell(table, "big", SHAPE) == "(100, 50)"


def test_non_tensor_variables_are_not_rows_and_none_clears(table, make_views):
    table.set_result(make_views("import torch\nn = 3\ns = 'text'\nx = torch.zeros(1)\n")[0])
    assert table.table_model().names() == ["x"]
    table.set_result(None)
    assert table.model().rowCount() == 0


def _window_with_editor(qtbot, widget, text: str):
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter

    window = QMainWindow()
    qtbot.addWidget(window)
    editor = QPlainTextEdit(text)
    editor.setObjectName("codeEditor")
    splitter = QSplitter()
    splitter.addWidget(editor)
    splitter.addWidget(widget)
    window.setCentralWidget(splitter)
    return window, editor


def test_edits_are_computed_on_the_editors_current_text(qtbot, make_views):
    table = TensorTable()
    table.set_result(make_views(LESSON3_FORWARD)[0])
    # The user typed a comment above since the run: offsets must follow the editor's text.
    typed = "# my notes\n" + LESSON3_FORWARD
    _window, editor = _window_with_editor(qtbot, table, typed)
    model = table.table_model()
    with qtbot.waitSignal(table.editsRequested) as sig:
        model.request_requires_grad("x", False)
    assert apply_edits(editor.toPlainText(), sig.args[0]) == typed.replace(
        ", requires_grad=True", ""
    )
    # A script that does not parse (the refused run left the old state on screen): no edit.
    editor.setPlainText(LESSON3_FORWARD + "y = (\n")
    with qtbot.assertNotEmitted(table.editsRequested):
        with qtbot.waitSignal(table.editFailed) as failed:
            model.request_requires_grad("x", False)
    assert "does not parse" in failed.args[0]


@pytest.fixture
def window(qtbot):
    import playground

    made = playground.main_window(LESSON3_FORWARD)
    qtbot.addWidget(made)
    yield made
    made.editor.document().setModified(False)
    made.worker.shutdown()


def test_checkbox_in_the_window_is_code_reruns_and_one_ctrl_z_undoes_it(window, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit, QTableView

    table = window.findChild(QTableView, "tensorTable")
    editor = window.findChild(QPlainTextEdit, "codeEditor")
    model = table.table_model()
    checked = Qt.ItemDataRole.CheckStateRole

    def state(name):
        return model.data(model.index(model.row_of(name), REQUIRES_GRAD), checked)

    assert state("x") == Qt.CheckState.Checked
    model.setData(
        model.index(model.row_of("x"), REQUIRES_GRAD), Qt.CheckState.Unchecked.value, checked
    )
    assert editor.toPlainText() == LESSON3_FORWARD.replace(", requires_grad=True", "")
    qtbot.waitUntil(lambda: state("x") == Qt.CheckState.Unchecked, timeout=10000)
    assert cell(table, "out", GRAD_FN) == "None"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == LESSON3_FORWARD
    qtbot.waitUntil(lambda: state("x") == Qt.CheckState.Checked, timeout=10000)
    assert cell(table, "out", GRAD_FN) == "MeanBackward0"


def test_checkbox_edits_the_binding_that_ran(table, qtbot, make_views):
    source = "import torch\nif True:\n    x = torch.ones(2)\nelse:\n    x = torch.zeros(2)\n"
    table.set_result(make_views(source)[0])
    with qtbot.waitSignal(table.editsRequested) as sig:
        table.table_model().request_requires_grad("x", True)
    assert apply_edits(source, sig.args[0]) == source.replace(
        "torch.ones(2)", "torch.ones(2, requires_grad=True)"
    )


def test_same_run_again_rereads_cells_and_keeps_column_widths(table, qtbot, local_kernel):
    run_view, _state = local_kernel.run(LESSON3_FORWARD)
    table.set_result(run_view)
    table.setColumnWidth(VALUE, 333)
    model = table.table_model()
    state = local_kernel.backward("out")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        table.update_tensors(state.tensors)
    assert table.columnWidth(VALUE) == 333
    assert cell(table, "x", GRAD) == "[[4.5, 4.5], [4.5, 4.5]]"
    # The same RunView again only re-reads the cells ...
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        table.set_result(run_view)
    assert cell(table, "x", GRAD) == "[[4.5, 4.5], [4.5, 4.5]]"
    # ... and takes the newer views when the window put them in the RunView.
    run_view.tensor_views = local_kernel.backward("out").tensors
    with qtbot.assertNotEmitted(model.modelReset):
        table.set_result(run_view)
    assert cell(table, "x", GRAD) == "[[9., 9.], [9., 9.]]"
    assert table.columnWidth(VALUE) == 333
    with qtbot.waitSignal(model.modelReset):
        table.set_result(local_kernel.run(LESSON3_FORWARD)[0])


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_every_seed_lesson_row_matches_real_python(table, n, make_views):
    source = seed_lesson(n)
    ours, _state = make_views(source)
    assert ours.ok, ours.error
    reference = real_python(source)
    table.set_result(ours)
    names = list(reference)
    assert table.table_model().names() == names
    for name in names:
        t = reference[name]
        assert cell(table, name, SHAPE) == str(tuple(t.shape))
        assert cell(table, name, DTYPE) == str(t.dtype).removeprefix("torch.")
        assert cell(table, name, IS_LEAF) == str(t.is_leaf)
        expected_state = Qt.CheckState.Checked if t.requires_grad else Qt.CheckState.Unchecked
        assert cell(table, name, REQUIRES_GRAD, Qt.ItemDataRole.CheckStateRole) == expected_state
        expected_fn = "None" if t.grad_fn is None else type(t.grad_fn).__name__
        assert cell(table, name, GRAD_FN) == expected_fn
        assert cell(table, name, VALUE) == compact(tensor_view(t))
        assert cell(table, name, GRAD) == compact(tensor_view(t.grad if t.is_leaf else None))


LESSON1 = seed_lesson(1)


def test_grad_column_stays_in_view_at_1280x800(qtbot):
    """Lesson 1 with 3×3 tensors, Backward on y: the .grad column (the one a learner
    watches) is fully in the Tensors panel, not behind a horizontal scroll bar; the
    value column gives up room instead (its full text is in the tooltip)."""
    from PySide6.QtWidgets import QComboBox, QPushButton

    import playground

    window = playground.main_window(LESSON1)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.findChild(QComboBox, "rootSelector").setCurrentText("y")
    qtbot.mouseClick(window.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    table = window.tensor_table
    text = cell(table, "x", GRAD)
    assert text.startswith("[2., 2., 2.")
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    needed = table.fontMetrics().horizontalAdvance(text)
    assert table.columnWidth(GRAD) >= needed
    assert table.columnWidth(VALUE) >= 100


def test_grad_column_still_fills_the_panel_after_backward(qtbot):
    """Re-fitting after a Backward keeps the last column stretched to the panel's edge
    (lesson 4: it used to shrink to its text, leaving a blank strip on the right)."""
    from PySide6.QtWidgets import QComboBox, QPushButton

    import playground

    lesson4 = (examples_dir() / "04_non_scalar_backward.py").read_text(encoding="utf-8")
    window = playground.main_window(lesson4)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.findChild(QComboBox, "rootSelector").setCurrentText("z")
    qtbot.mouseClick(window.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    table = window.tensor_table
    widths = sum(table.columnWidth(c) for c in range(len(COLUMNS)))
    assert widths >= table.viewport().width()


def test_column_widths_hold_across_runs_unless_the_content_needs_more(table, make_views):
    """A re-run with shorter names and values keeps every column's width; a longer name
    widens its column; a new script (forget_column_widths) fits afresh."""
    table.resize(900, 200)
    long = "import torch\nlong_name_tensor = torch.tensor([123456.5, 2.25], requires_grad=True)\n"
    short = "import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\n"
    table.set_result(make_views(long)[0])
    columns = range(table.table_model().columnCount() - 1)  # the last one fills the panel
    first = [table.columnWidth(c) for c in columns]
    table.set_result(make_views(short)[0])
    assert [table.columnWidth(c) for c in columns] == first
    wider = "import torch\na_much_longer_tensor_name = torch.tensor([1.5, 2.25])\n"
    table.set_result(make_views(wider)[0])
    assert table.columnWidth(0) > first[0]
    table.forget_column_widths()
    table.set_result(make_views(short)[0])
    assert table.columnWidth(0) < first[0]  # "x" is narrower than "long_name_tensor"
