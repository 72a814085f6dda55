"""Add tensor / Add operation forms: the statement they append runs as PyTorch says.

The forms see runs as the kernel's views (``make_views`` of ``tests/conftest.py``);
what their statements do is checked by running them (``run_script``) and against
real PyTorch.
"""

from __future__ import annotations

import builtins
import keyword

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from playground.core.checker import check_script
from playground.core.errors import ScriptRefused
from playground.core.runner import run_script
from playground.core.script_edit import apply_edits
from playground.ui import forms
from playground.ui.forms import (
    AddOperationDialog,
    AddTensorDialog,
    add_operation,
    add_tensor,
    assigned_names,
    operations,
)

BASE = "import torch\nx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nw = torch.full((3,), 0.5)\n"


@pytest.fixture
def tensor_dialog(qtbot):
    dialog = AddTensorDialog(None, assigned_names(BASE))
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def op_dialog(qtbot):
    dialog = AddOperationDialog(None, ["x", "w"], assigned_names(BASE))
    qtbot.addWidget(dialog)
    return dialog


def test_add_tensor_defaults_make_a_leaf_that_requires_grad(tensor_dialog):
    assert tensor_dialog.name_edit.text() == "a"
    assert tensor_dialog.statement() == "a = torch.ones(2, 2, requires_grad=True)"
    assert tensor_dialog.ok_button().isEnabled()
    new = apply_edits(BASE, tensor_dialog.edits_for(BASE))
    assert new == BASE + "a = torch.ones(2, 2, requires_grad=True)\n"
    result = run_script(new)
    assert result.ok
    a = result.namespace["a"]
    assert a.is_leaf and a.requires_grad and a.grad_fn is None
    assert torch.equal(a, torch.ones(2, 2))


@pytest.mark.parametrize(
    ("factory", "shape", "value", "grad", "expected"),
    [
        ("zeros", "3", "", False, "v = torch.zeros(3)"),
        ("randn", "(2, 3)", "", True, "v = torch.randn(2, 3, requires_grad=True)"),
        ("ones", "", "", False, "v = torch.ones(())"),
        ("full", "4", "0.25", True, "v = torch.full((4,), 0.25, requires_grad=True)"),
        ("full", "2,2", "-1", False, "v = torch.full((2, 2), -1)"),
        ("tensor", "", "[1.0, 2.5]", True, "v = torch.tensor([1.0, 2.5], requires_grad=True)"),
    ],
)
def test_add_tensor_statements_run_like_pytorch(
    qtbot, tensor_dialog, factory, shape, value, grad, expected
):
    tensor_dialog.name_edit.setText("v")
    tensor_dialog.factory_combo.setCurrentText(factory)
    tensor_dialog.shape_edit.setText(shape)
    tensor_dialog.value_edit.setText(value)
    tensor_dialog.requires_grad_check.setChecked(grad)
    assert tensor_dialog.problem_text() is None
    assert tensor_dialog.statement() == expected
    assert tensor_dialog.preview.text() == expected
    result = run_script(apply_edits(BASE, tensor_dialog.edits_for(BASE)))
    assert result.ok, result.error
    reference: dict = {}
    torch.manual_seed(0)  # run_script seeds 0 too
    exec(compile("import torch\n" + expected, "<ref>", "exec"), reference)  # noqa: S102
    ours, theirs = result.namespace["v"], reference["v"]
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    assert ours.requires_grad == theirs.requires_grad == grad
    if factory != "randn":
        assert torch.equal(ours, theirs)


@pytest.mark.parametrize(
    ("field", "text", "problem"),
    [
        ("name_edit", "", "give it a name"),
        ("name_edit", "2x", "not a valid Python name"),
        ("name_edit", "for", "not a valid Python name"),
        ("name_edit", "torch", "reserved"),
        ("shape_edit", "2, x", "shape"),
        ("shape_edit", "-1", "shape"),
    ],
)
def test_add_tensor_refuses_bad_input(qtbot, tensor_dialog, field, text, problem):
    getattr(tensor_dialog, field).setText(text)
    assert problem in tensor_dialog.problem_text()
    assert problem in tensor_dialog.problem.text()
    assert not tensor_dialog.ok_button().isEnabled()
    assert tensor_dialog.preview.text() == ""


def test_add_tensor_value_fields(qtbot, tensor_dialog):
    tensor_dialog.factory_combo.setCurrentText("full")
    assert tensor_dialog.value_edit.isEnabled()
    assert "fill value" in tensor_dialog.problem_text()
    tensor_dialog.factory_combo.setCurrentText("tensor")
    assert not tensor_dialog.shape_edit.isEnabled()
    tensor_dialog.value_edit.setText("[1, 'a']")
    assert tensor_dialog.problem_text() == "values: numbers only"
    tensor_dialog.value_edit.setText("__import__('os')")
    assert "values" in tensor_dialog.problem_text()
    tensor_dialog.factory_combo.setCurrentText("ones")
    assert not tensor_dialog.value_edit.isEnabled()


def test_add_operation_multiplies_and_the_gradient_is_pytorchs(qtbot, op_dialog):
    op_dialog.select_operation("a * b")
    assert op_dialog.a_combo.currentText() == "x" and op_dialog.b_combo.currentText() == "w"
    assert op_dialog.result_edit.text() == "a"
    op_dialog.result_edit.setText("y")
    assert op_dialog.statement() == "y = x * w"
    new = apply_edits(BASE, op_dialog.edits_for(BASE)) + "y.sum().backward()\n"
    result = run_script(new)
    assert result.ok, result.error
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (expected,) = torch.autograd.grad((x * torch.full((3,), 0.5)).sum(), x)
    assert torch.equal(result.namespace["x"].grad, expected)
    assert type(result.namespace["y"].grad_fn).__name__ == "MulBackward0"


def test_add_operation_unary_hides_b_and_numbers_are_operands(qtbot, op_dialog):
    op_dialog.show()
    op_dialog.select_operation("F.relu(a)")
    assert op_dialog.b_combo.isHidden()
    assert op_dialog.statement() == "a = torch.nn.functional.relu(x)"
    op_dialog.select_operation("a ** b")
    assert not op_dialog.b_combo.isHidden()
    op_dialog.b_combo.setCurrentText("2")
    assert op_dialog.problem_text() is None
    assert op_dialog.statement() == "a = x ** 2"
    op_dialog.b_combo.setCurrentText("nope")
    assert "b:" in op_dialog.problem_text()
    assert not op_dialog.ok_button().isEnabled()
    op_dialog.a_combo.setCurrentText("3")
    assert "a:" in op_dialog.problem_text()


def test_every_offered_operation_runs_in_the_interpreter():
    """Each operation, on suitable operands, runs in run_script like in PyTorch."""
    source = (
        "import torch\np = torch.tensor([0.2, 0.7], requires_grad=True)\n"
        "q = torch.tensor([0.5, 0.25])\nm = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\n"
    )
    for op in operations():
        needs_matrix = any(k in op.template for k in ("mm(", "@", "matmul", ".t()", "mv("))
        a = "m" if needs_matrix else "p"
        b = "q" if ("mv(" in op.template or not needs_matrix) else "m"
        statement = "r = " + op.template.format(a=a, b=b)
        result = run_script(source + statement + "\n")
        assert result.ok, (statement, result.error)
        ref: dict = {}
        exec(compile(source + statement, "<ref>", "exec"), ref)  # noqa: S102
        assert torch.allclose(result.namespace["r"], ref["r"]), statement


def test_operations_come_from_the_whitelist():
    templates = [op.template for op in operations()]
    assert "torch.exp({a})" in templates
    assert "torch.nn.functional.mse_loss({a}, {b})" in templates
    assert all("numpy" not in t for t in templates)


def test_module_helpers_open_the_form_and_return_edits(qtbot, monkeypatch, make_views):
    monkeypatch.setattr(AddTensorDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    edits = add_tensor(None, BASE)
    assert apply_edits(BASE, edits) == BASE + "a = torch.ones(2, 2, requires_grad=True)\n"
    result, _state = make_views(BASE)
    assert list(result.tensors()) == ["x", "w"]
    monkeypatch.setattr(AddOperationDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    edits = add_operation(None, BASE, result)
    assert apply_edits(BASE, edits) == BASE + "a = x + w\n"
    monkeypatch.setattr(AddOperationDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert add_operation(None, BASE, result) is None
    # Without a run there are no tensors to operate on: OK stays off.
    monkeypatch.setattr(AddOperationDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert add_operation(None, BASE, None) is None


def test_free_names_skip_existing():
    assert forms.free_name(["a", "b", "c"]) == "d"
    assert forms.free_name(list("abcdefghpqrsuvw")) == "t1"
    assert assigned_names("x = 1\nfor i in range(2):\n    y = i\n") == ["x", "i", "y"]
    assert assigned_names("x = (") == []


def test_ok_accepts_and_enter_does_nothing_when_invalid(qtbot, tensor_dialog):
    tensor_dialog.name_edit.setText("")
    with qtbot.assertNotEmitted(tensor_dialog.accepted):
        qtbot.keyClick(tensor_dialog.name_edit, Qt.Key.Key_Return)
    tensor_dialog.name_edit.setText("k")
    with qtbot.waitSignal(tensor_dialog.accepted):
        tensor_dialog.ok_button().click()


def _checker_accepts(name: str) -> bool:
    try:
        check_script(f"import torch\n{name} = torch.ones(2)\n")
    except ScriptRefused:
        return False
    return True


@pytest.mark.parametrize("name", ["map", "type", "dir", "sorted", "ｍap", "_x", "__class__"])
def test_add_tensor_refuses_names_the_checker_refuses(qtbot, tensor_dialog, name):
    """Regression: the form accepted map, type, dir and sorted, and the run was then
    refused ("name 'map' is not available in the playground")."""
    assert not _checker_accepts(name)
    tensor_dialog.name_edit.setText(name)
    assert "not available in the playground" in tensor_dialog.problem_text()
    assert not tensor_dialog.ok_button().isEnabled()


def test_form_names_are_exactly_those_the_checker_accepts():
    """Over every built-in, keyword, refused name and a few others: a name the form
    takes is one the checker takes (``torch`` aside, which the form keeps for the module),
    and a name the checker takes is one the form takes."""
    from playground.core.names_table import FORBIDDEN_NAMES

    candidates = (
        set(dir(builtins))
        | set(keyword.kwlist)
        | set(keyword.softkwlist)
        | FORBIDDEN_NAMES
        | {"x", "t1", "input", "grad", "_", "_private", "ｔype", "ｘ", "é", "2x", "a-b", ""}
    )
    for name in sorted(candidates):
        form_ok = forms.name_problem(name) is None
        if name == "torch":
            continue
        assert form_ok == _checker_accepts(name), name


def test_name_tables_are_the_interpreters():
    """The torch-free tables the forms and the highlighter read are what the interpreter
    allows with the installed PyTorch (safe_torch builds its whitelists from them)."""
    from playground.core import names_table, safe_torch

    assert names_table.TORCH_FUNCTIONS == safe_torch.TORCH_FUNCTIONS
    assert names_table.TENSOR_METHODS == safe_torch.TENSOR_METHODS
    assert names_table.F_FUNCTIONS == safe_torch.F_FUNCTIONS
    assert names_table.TENSOR_ATTRIBUTES == safe_torch.TENSOR_ATTRIBUTES
