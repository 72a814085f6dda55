"""The "Add tensor" and "Add operation" forms: each builds one statement that is
appended to the script (:func:`playground.core.script_edit.append_statement`), so the
result shows as code and is undone with Ctrl+Z like typing.

:func:`add_tensor` / :func:`add_operation` open the form modally and return the
edits (``None`` when cancelled); the window applies them to the editor.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from playground.core.names_table import (
    F_FUNCTIONS,
    TENSOR_METHODS,
    TORCH_FUNCTIONS,
    variable_name_problem,
)
from playground.core.script_edit import TextEdit, append_statement
from playground.protocol.views import RunView

__all__ = [
    "FACTORY_CHOICES",
    "AddOperationDialog",
    "AddTensorDialog",
    "Operation",
    "add_operation",
    "add_tensor",
    "assigned_names",
    "operations",
]

#: Factories offered by the Add tensor form (all in the interpreter's whitelist).
FACTORY_CHOICES = ("ones", "zeros", "rand", "randn", "full", "tensor")


@dataclass(frozen=True)
class Operation:
    """One entry of the Add operation form: ``template`` uses ``{a}`` and ``{b}``."""

    label: str
    template: str
    arity: int


_OPERATORS = (
    Operation("a + b", "{a} + {b}", 2),
    Operation("a - b", "{a} - {b}", 2),
    Operation("a * b", "{a} * {b}", 2),
    Operation("a / b", "{a} / {b}", 2),
    Operation("a @ b  (matrix product)", "{a} @ {b}", 2),
    Operation("a ** b", "{a} ** {b}", 2),
)
_TORCH_UNARY = "exp log sqrt abs neg square sin cos tanh sigmoid relu sum mean prod norm".split()
_TORCH_BINARY = "add sub mul div pow maximum minimum matmul mm mv dot outer".split()
_METHODS_UNARY = "sum mean max min norm t flatten".split()
_F_UNARY = "relu sigmoid tanh gelu silu softplus elu leaky_relu".split()
_F_BINARY = "mse_loss l1_loss smooth_l1_loss binary_cross_entropy".split()


def operations() -> list[Operation]:
    """The operations offered, restricted to the interpreter's whitelists."""
    ops = list(_OPERATORS)
    ops += [Operation(f"torch.{f}(a)", f"torch.{f}({{a}})", 1) for f in _TORCH_UNARY]
    ops += [Operation(f"torch.{f}(a, b)", f"torch.{f}({{a}}, {{b}})", 2) for f in _TORCH_BINARY]
    ops += [Operation(f"a.{m}()", f"{{a}}.{m}()", 1) for m in _METHODS_UNARY]
    ops += [Operation(f"F.{f}(a)", f"torch.nn.functional.{f}({{a}})", 1) for f in _F_UNARY]
    ops += [
        Operation(f"F.{f}(a, b)", f"torch.nn.functional.{f}({{a}}, {{b}})", 2) for f in _F_BINARY
    ]
    return [op for op in ops if _whitelisted(op)]


def _whitelisted(op: Operation) -> bool:
    template = op.template
    if template.startswith("torch.nn.functional."):
        return template.split(".")[3].split("(")[0] in F_FUNCTIONS
    if template.startswith("torch."):
        return template.split(".")[1].split("(")[0] in TORCH_FUNCTIONS
    if template.startswith("{a}."):
        return template.split(".")[1].split("(")[0] in TENSOR_METHODS
    return True


def assigned_names(source: str) -> list[str]:
    """Names assigned anywhere in ``source`` (first-assignment order; ``[]`` if it
    does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id not in names:
            names.append(node.id)
    return names


def free_name(taken: Iterable[str], stem: str = "t") -> str:
    """``a``, ``b``, ... (skipping ``taken``), then ``t1``, ``t2``, ..."""
    used = set(taken)
    for letter in "abcdefghpqrsuvw":
        if letter not in used:
            return letter
    i = 1
    while f"{stem}{i}" in used:
        i += 1
    return f"{stem}{i}"


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a variable name (``None`` if it can): not a Python name,
    one the restricted checker refuses (:func:`playground.core.names_table.is_refused_name`:
    ``map``, ``type``, ``_x``, ...), or ``torch`` itself."""
    if name == "torch":
        return QCoreApplication.translate("Forms", "{name} is reserved in the playground").format(
            name=repr(name)
        )
    return variable_name_problem(name)


def _is_number(text: str) -> bool:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_number_list(value: object) -> bool:
    if isinstance(value, list):
        return all(_is_number_list(v) for v in value)
    return isinstance(value, int | float | bool)


class _StatementDialog(QDialog):
    """A form that builds one statement; OK is enabled only when it is valid."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.preview = QLabel()
        self.preview.setObjectName("statementPreview")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.preview.font()
        font.setFamily("monospace")
        self.preview.setFont(font)
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def ok_button(self):  # noqa: ANN201 - QPushButton
        """The OK button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def problem_text(self) -> str | None:
        """Why the form cannot make a statement yet (``None`` when it can)."""
        raise NotImplementedError

    def statement(self) -> str:
        """The statement the form builds (valid Python once :meth:`problem_text` is None)."""
        raise NotImplementedError

    def edits_for(self, source: str) -> list[TextEdit]:
        """The edits that append :meth:`statement` to ``source``."""
        return append_statement(source, self.statement())

    def _update(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem or "")
        self.preview.setText("" if problem else self.statement())
        self.ok_button().setEnabled(problem is None)


class AddTensorDialog(_StatementDialog):
    """Name, factory, shape, requires_grad -> ``name = torch.ones(2, 2, requires_grad=True)``."""

    def __init__(self, parent: QWidget | None = None, existing_names: Sequence[str] = ()) -> None:
        super().__init__(QCoreApplication.translate("AddTensorDialog", "Add tensor"), parent)
        self.existing = list(existing_names)
        self.name_edit = QLineEdit(free_name(self.existing))
        self.name_edit.setObjectName("tensorName")
        self.factory_combo = QComboBox()
        self.factory_combo.setObjectName("tensorFactory")
        self.factory_combo.addItems(
            [f for f in FACTORY_CHOICES if f in TORCH_FUNCTIONS]  # all of them today
        )
        self.shape_edit = QLineEdit("2, 2")
        self.shape_edit.setObjectName("tensorShape")
        self.shape_edit.setPlaceholderText(self.tr("e.g. 2, 3  (empty: a scalar)"))
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("tensorValue")
        self.requires_grad_check = QCheckBox("requires_grad=True")
        self.requires_grad_check.setObjectName("tensorRequiresGrad")
        self.requires_grad_check.setChecked(True)
        self.form.addRow(self.tr("Name:"), self.name_edit)
        self.form.addRow(self.tr("Factory:"), self.factory_combo)
        self.form.addRow(self.tr("Shape:"), self.shape_edit)
        self.form.addRow(self.tr("Value:"), self.value_edit)
        self.form.addRow("", self.requires_grad_check)
        for edit in (self.name_edit, self.shape_edit, self.value_edit):
            edit.textChanged.connect(self._update)
        self.factory_combo.currentTextChanged.connect(self._on_factory_changed)
        self.requires_grad_check.toggled.connect(self._update)
        self._on_factory_changed(self.factory_combo.currentText())

    def _on_factory_changed(self, factory: str) -> None:
        self.shape_edit.setEnabled(factory != "tensor")
        self.value_edit.setEnabled(factory in ("full", "tensor"))
        if factory == "full":
            self.value_edit.setPlaceholderText(self.tr("fill value, e.g. 0.5"))
        elif factory == "tensor":
            self.value_edit.setPlaceholderText(self.tr("values, e.g. [1.0, 2.0, 3.0]"))
        else:
            self.value_edit.setPlaceholderText("")
        self._update()

    def _shape(self) -> list[int] | None:
        text = self.shape_edit.text().strip().strip("()[]")
        if not text:
            return []
        try:
            dims = [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            return None
        return dims if all(d >= 0 for d in dims) else None

    def problem_text(self) -> str | None:
        """Why the form cannot make a statement yet (``None`` when it can)."""
        problem = name_problem(self.name_edit.text().strip())
        if problem:
            return problem
        factory = self.factory_combo.currentText()
        value = self.value_edit.text().strip()
        if factory == "tensor":
            try:
                parsed = ast.literal_eval(value)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return self.tr("values: a number or a list of numbers, e.g. [1.0, 2.0]")
            return None if _is_number_list(parsed) else self.tr("values: numbers only")
        if self._shape() is None:
            return self.tr("shape: whole numbers separated by commas, e.g. 2, 3")
        if factory == "full" and not _is_number(value):
            return self.tr("fill value: a number, e.g. 0.5")
        return None

    def statement(self) -> str:
        """``name = torch.<factory>(...)``."""
        name = self.name_edit.text().strip()
        factory = self.factory_combo.currentText()
        value = self.value_edit.text().strip()
        shape = self._shape() or []
        if factory == "tensor":
            args = [value]
        elif factory == "full":
            args = [f"({', '.join(map(str, shape))}{',' if len(shape) == 1 else ''})", value]
        else:
            args = [", ".join(map(str, shape))] if shape else ["()"]
        if self.requires_grad_check.isChecked():
            args.append("requires_grad=True")
        return f"{name} = torch.{factory}({', '.join(args)})"


class AddOperationDialog(_StatementDialog):
    """An operation from the whitelist, its operands and a result name
    -> ``c = a * b``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        tensor_names: Sequence[str] = (),
        existing_names: Sequence[str] = (),
    ) -> None:
        super().__init__(QCoreApplication.translate("AddOperationDialog", "Add operation"), parent)
        self.ops = operations()
        self.tensor_names = list(tensor_names)
        self.existing = list(dict.fromkeys([*existing_names, *tensor_names]))
        self.op_combo = QComboBox()
        self.op_combo.setObjectName("operation")
        self.op_combo.addItems([op.label for op in self.ops])
        self.op_combo.setMaxVisibleItems(20)
        self.a_combo = self._operand("operandA")
        self.b_combo = self._operand("operandB")
        if len(self.tensor_names) > 1:
            self.b_combo.setCurrentText(self.tensor_names[1])
        self.result_edit = QLineEdit(free_name(self.existing))
        self.result_edit.setObjectName("resultName")
        self.form.addRow(self.tr("Operation:"), self.op_combo)
        self.form.addRow("a:", self.a_combo)
        self.b_label = QLabel("b:")
        self.form.addRow(self.b_label, self.b_combo)
        self.form.addRow(self.tr("Result name:"), self.result_edit)
        self.op_combo.currentIndexChanged.connect(self._on_op_changed)
        self.a_combo.currentTextChanged.connect(self._update)
        self.b_combo.currentTextChanged.connect(self._update)
        self.result_edit.textChanged.connect(self._update)
        self._on_op_changed()

    def _operand(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.addItems(self.tensor_names)
        combo.lineEdit().setPlaceholderText(self.tr("a tensor variable (b: or a number)"))
        return combo

    def operation(self) -> Operation:
        """The selected operation."""
        return self.ops[max(self.op_combo.currentIndex(), 0)]

    def select_operation(self, label: str) -> None:
        """Select the operation whose label is ``label``."""
        self.op_combo.setCurrentIndex([op.label for op in self.ops].index(label))

    def _on_op_changed(self) -> None:
        binary = self.operation().arity == 2
        self.b_combo.setVisible(binary)
        self.b_label.setVisible(binary)
        self._update()

    def problem_text(self) -> str | None:
        """Why the form cannot make a statement yet (``None`` when it can)."""
        problem = name_problem(self.result_edit.text().strip())
        if problem:
            return problem
        a = self.a_combo.currentText().strip()
        if a not in self.tensor_names:
            return self.tr("a: pick a tensor variable")
        if self.operation().arity == 2:
            b = self.b_combo.currentText().strip()
            if b not in self.tensor_names and not _is_number(b):
                return self.tr("b: pick a tensor variable or type a number")
        return None

    def statement(self) -> str:
        """``result = <operation of a[, b]>``."""
        op = self.operation()
        a = self.a_combo.currentText().strip()
        b = self.b_combo.currentText().strip()
        return f"{self.result_edit.text().strip()} = {op.template.format(a=a, b=b)}"


def add_tensor(parent: QWidget | None, source: str) -> list[TextEdit] | None:
    """Open the Add tensor form; the edits appending its statement, or ``None``."""
    dialog = AddTensorDialog(parent, assigned_names(source))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.problem_text():
        return None
    return dialog.edits_for(source)


def add_operation(
    parent: QWidget | None, source: str, result: RunView | None
) -> list[TextEdit] | None:
    """Open the Add operation form over the tensors of ``result`` (the run on screen);
    the edits, or ``None``."""
    tensors = list(result.tensors()) if result is not None else []
    dialog = AddOperationDialog(parent, tensors, assigned_names(source))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.problem_text():
        return None
    return dialog.edits_for(source)
