"""The Inspector: attributes, value/.grad grids from the live tensor, value edits as code."""

from __future__ import annotations

import ast

import pytest
import torch
from PySide6.QtCore import Qt

from playground.core.result import Assignment, RunResult
from playground.core.script_edit import apply_edits
from playground.resources import examples_dir
from playground.ui.inspector import MAX_COLS, MAX_ROWS, InspectorPanel, parse_element
from playground.ui.tensor_table import format_element


def _no_grad_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and "no_grad" in ast.unparse(node.items[0].context_expr):
            for stmt in node.body:
                lines.update(range(stmt.lineno, stmt.end_lineno + 1))
    return lines


def real_result(source: str) -> RunResult:
    """Run ``source`` with real Python (test side) and wrap it as a RunResult."""
    namespace: dict = {}
    exec(compile(source, "<script>", "exec"), namespace)  # noqa: S102 - real Python reference
    tree = ast.parse(source)
    no_grad = _no_grad_lines(tree)
    assignments = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            assignments[name] = Assignment(
                name,
                node.lineno,
                node.col_offset + 1,
                node.end_lineno,
                node.end_col_offset + 1,
                node.lineno not in no_grad,
            )
    values = {k: v for k, v in namespace.items() if not k.startswith("__") and k != "torch"}
    return RunResult(source, values, "", [], None, assignments)


def lesson(n: int) -> str:
    (path,) = examples_dir().glob(f"0{n}_*.py")
    return path.read_text()


LESSON3_FORWARD = "\n".join(lesson(3).splitlines()[:5]) + "\n"


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


def test_leaf_after_backward(inspector):
    result = real_result(LESSON3_FORWARD)
    result.namespace["out"].backward()
    inspector.show_tensor("x", result)
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


def test_refresh_after_another_backward_shows_accumulation(inspector):
    result = real_result(LESSON3_FORWARD)
    inspector.show_tensor("x", result)
    assert inspector.grad_note.text() == ".grad: None (no backward has reached it yet)"
    assert inspector.grad_grid.isHidden()
    assert grid_texts(inspector.grad_grid) == []
    for expected in ("4.5", "9.", "13.5"):
        result.namespace["out"].backward(retain_graph=True)
        inspector.refresh()
        assert grid_texts(inspector.grad_grid)[0][0] == expected


def test_editing_a_cell_rewrites_the_creation_and_the_gradient_follows(inspector, qtbot):
    source = LESSON3_FORWARD + "out.backward()\n"
    result = real_result(source)
    inspector.show_tensor("x", result)
    model = inspector.value_model
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        assert model.setData(model.index(1, 0), "5", Qt.ItemDataRole.EditRole)
    new_source = apply_edits(source, sig.args[0])
    assert new_source == source.replace(
        "torch.ones(2, 2, requires_grad=True)",
        "torch.tensor([[1.0, 1.0], [5.0, 1.0]], requires_grad=True)",
    )
    # The live tensor is untouched until the re-run.
    assert result.namespace["x"][1, 0].item() == 1.0
    rerun = real_result(new_source)
    inspector.show_tensor("x", rerun)
    assert grid_texts(inspector.value_grid) == [["1.", "1."], ["5.", "1."]]
    # Same gradient as torch.autograd computes for those values directly.
    x = torch.tensor([[1.0, 1.0], [5.0, 1.0]], requires_grad=True)
    (expected,) = torch.autograd.grad(((x + 2) * (x + 2) * 3).mean(), x)
    assert torch.equal(rerun.namespace["x"].grad, expected)
    assert (
        grid_texts(inspector.grad_grid)
        == [[format_element(v, 6) for v in row] for row in expected.tolist()]
        == [["4.5", "4.5"], ["10.5", "4.5"]]
    )


def test_edit_keeps_dtype_and_scalar_shape(inspector, qtbot):
    source = "import torch\na = torch.zeros(3, dtype=torch.float64)\ns = torch.tensor(2.)\n"
    result = real_result(source)
    inspector.show_tensor("a", result)
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        inspector.value_model.setData(inspector.value_model.index(0, 2), "0.1")
    assert apply_edits(source, sig.args[0]).splitlines()[1] == (
        "a = torch.tensor([0.0, 0.0, 0.1], dtype=torch.float64)"
    )
    inspector.show_tensor("s", result)
    assert grid_texts(inspector.value_grid) == [["2."]]
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        inspector.value_model.setData(inspector.value_model.index(0, 0), "-0.25")
    new = apply_edits(source, sig.args[0])
    assert new.splitlines()[2] == "s = torch.tensor(-0.25)"
    assert real_result(new).namespace["s"].shape == torch.Size([])


def test_invalid_text_is_refused_with_a_message(inspector, qtbot):
    source = "import torch\nn = torch.tensor([1, 2])\n"
    inspector.show_tensor("n", real_result(source))
    model = inspector.value_model
    with qtbot.assertNotEmitted(inspector.editsRequested):
        assert not model.setData(model.index(0, 0), "abc")
        assert not model.setData(model.index(0, 0), "2.5")
    assert "not an integer" in inspector.message.text()
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        assert model.setData(model.index(0, 1), "7")
    assert apply_edits(source, sig.args[0]) == "import torch\nn = torch.tensor([1, 7])\n"


def test_non_leaf_is_read_only_and_grad_not_stored(inspector):
    result = real_result(LESSON3_FORWARD)
    result.namespace["out"].backward()
    inspector.show_tensor("y", result)
    assert inspector.attribute_labels["is_leaf"].text() == "False"
    assert inspector.attribute_labels["grad_fn"].text() == "AddBackward0"
    assert not inspector.value_model.flags(inspector.value_model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    assert "y.retain_grad()" in inspector.grad_note.text()
    assert grid_texts(inspector.grad_grid) == []


def test_retained_grad_of_a_non_leaf_is_shown(inspector):
    source = LESSON3_FORWARD.replace("out = z.mean()", "y.retain_grad()\nout = z.mean()")
    result = real_result(source)
    result.namespace["out"].backward()
    inspector.show_tensor("y", result)
    assert inspector.attribute_labels["retains_grad"].text() == "True"
    # d out / d y = 6y/4 = 4.5 at y = 3.
    assert grid_texts(inspector.grad_grid) == [["4.5", "4.5"], ["4.5", "4.5"]]


def test_made_under_no_grad_seed_lesson_5(inspector):
    result = real_result(lesson(5))
    inspector.show_tensor("y2", result)
    assert inspector.attribute_labels["made under no_grad"].text() == (
        "yes (line 5 ran under torch.no_grad())"
    )
    assert inspector.attribute_labels["requires_grad"].text() == "False"
    inspector.show_tensor("y1", result)
    assert inspector.attribute_labels["made under no_grad"].text() == "no (line 3)"
    result.grad_enabled = False
    inspector.show_tensor("y1", result)
    assert inspector.attribute_labels["made under no_grad"].text().startswith("yes")


def test_version_counter_follows_in_place_ops(inspector):
    result = real_result("import torch\nx = torch.ones(2)\nx.add_(1)\nx.mul_(2)\n")
    inspector.show_tensor("x", result)
    assert (
        inspector.attribute_labels["_version"].text() == str(result.namespace["x"]._version) == "2"
    )


def test_big_tensors_are_capped_and_say_so(inspector):
    result = real_result("import torch\nbig = torch.arange(150 * 120.).reshape(150, 120)\n")
    inspector.show_tensor("big", result)
    model = inspector.value_model
    assert (model.rowCount(), model.columnCount()) == (MAX_ROWS, MAX_COLS) == (100, 100)
    assert model.data(model.index(99, 99)) == f"{99 * 120 + 99}."
    assert "showing 100 of 150 rows × 100 of 120 columns of 18000 values" in (
        inspector.value_note.text()
    )
    assert "edit them in the code" in inspector.value_note.text()
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_three_dimensional_tensor_headers_name_the_index(inspector, qtbot):
    source = "import torch\nt = torch.arange(24.).reshape(2, 3, 4)\n"
    inspector.show_tensor("t", real_result(source))
    model = inspector.value_model
    assert (model.rowCount(), model.columnCount()) == (6, 4)
    assert model.headerData(5, Qt.Orientation.Vertical) == "[1, 2]"
    assert model.data(model.index(5, 3)) == "23."
    assert model.tensor_index(5, 3) == (1, 2, 3)
    with qtbot.waitSignal(inspector.editsRequested) as sig:
        model.setData(model.index(4, 1), "-1")
    new = real_result(apply_edits(source, sig.args[0])).namespace["t"]
    expected = torch.arange(24.0).reshape(2, 3, 4)
    expected[1, 1, 1] = -1
    assert torch.equal(new, expected)


def test_nothing_selected(inspector):
    inspector.show_tensor(None, None)
    assert inspector.shown_name() is None
    assert "Select a tensor" in inspector.title.text()
    inspector.show_tensor("n", real_result("n = 3\n"))
    assert inspector.shown_name() is None


def test_parse_element():
    assert parse_element(" 1e-3 ", torch.float32) == 0.001
    assert parse_element("true", torch.bool) is True
    assert parse_element("4.0", torch.int64) == 4
    with pytest.raises(ValueError):
        parse_element("x", torch.float32)


def test_layout_follows_the_dock_width(inspector, qtbot):
    inspector.show_tensor("x", real_result(LESSON3_FORWARD))
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


def test_value_edit_uses_the_editors_current_text(qtbot):
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
    inspector.show_tensor("x", real_result(LESSON3_FORWARD))
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


def test_same_tensor_again_keeps_the_current_cell(inspector, qtbot):
    result = real_result(LESSON3_FORWARD)
    inspector.show_tensor("x", result)
    inspector.value_grid.setCurrentIndex(inspector.value_model.index(1, 1))
    result.namespace["out"].backward(retain_graph=True)
    inspector.show_tensor("x", result)  # first .grad: a new tensor, the grad grid resets
    assert grid_texts(inspector.grad_grid)[1][1] == "4.5"
    inspector.grad_grid.setCurrentIndex(inspector.grad_model.index(0, 1))
    result.namespace["out"].backward()
    with qtbot.assertNotEmitted(inspector.grad_model.modelReset):
        inspector.show_tensor("x", result)  # accumulation is in place: same .grad object
    assert grid_texts(inspector.grad_grid)[1][1] == "9."
    assert inspector.value_grid.currentIndex().row() == 1
    assert inspector.value_grid.currentIndex().column() == 1
    assert inspector.grad_grid.currentIndex().column() == 1


def test_leaves_made_by_an_expression_are_edited_in_the_code(inspector):
    result = real_result(lesson(5))
    inspector.show_tensor("y2", result)
    assert inspector.title.text() == "y2: leaf (made under no_grad)"
    assert not inspector.value_model.flags(inspector.value_model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    assert "made by an expression" in inspector.value_note.text()
    inspector.show_tensor("x", result)
    assert inspector.title.text() == "x: leaf, requires grad"
    assert (
        inspector.value_model.flags(inspector.value_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    )
