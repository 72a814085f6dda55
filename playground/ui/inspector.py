"""The Inspector: the selected tensor in full.

Attributes (shape, dtype, ``requires_grad``, ``is_leaf``, ``grad_fn``,
``retains_grad``, ``_version``, whether it was made under ``no_grad``), a grid of its
values and one of its ``.grad``. Values of a leaf are editable: an edit changes
nothing here, it emits ``editsRequested`` with the rewrite of the tensor's creation
as an explicit ``torch.tensor([...])`` literal
(:func:`playground.core.script_edit.set_tensor_values`); the re-run shows the result.

Grids show at most :data:`MAX_ROWS` x :data:`MAX_COLS` cells of a 2-D view
(0-d as 1x1, 1-D as one row, N-D as ``(prod(shape[:-1]), shape[-1])``) and say so.
"""

from __future__ import annotations

from typing import Any

import torch
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from playground.core.result import RunResult
from playground.core.script_edit import (
    EditError,
    format_number,
    is_created_by_factory,
    set_tensor_values,
)
from playground.ui.tensor_table import (
    binding_line,
    current_source,
    dtype_text,
    format_element,
    grad_fn_text,
    shape_text,
)

MAX_ROWS = 100
MAX_COLS = 100
#: Leaves with more elements than this are edited in the code, not in the grid.
MAX_EDITABLE = 1000
#: Below this width the attributes go above the grids.
NARROW_WIDTH = 720

ATTRIBUTES = (
    "shape",
    "dtype",
    "requires_grad",
    "is_leaf",
    "grad_fn",
    "retains_grad",
    "_version",
    "made under no_grad",
)

_Index = QModelIndex | QPersistentModelIndex
_EDITABLE_BG = QColor(235, 245, 255)


def grid_view(tensor: torch.Tensor) -> torch.Tensor:
    """The 2-D view the grids show (shares memory with ``tensor``'s data)."""
    t = tensor.detach()
    if t.dim() == 0:
        return t.reshape(1, 1)
    if t.dim() == 1:
        return t.reshape(1, -1)
    if t.dim() == 2:
        return t
    return t.reshape(-1, t.shape[-1])


def parse_element(text: str, dtype: torch.dtype) -> float | int | bool:
    """A cell's text as a Python number of ``dtype``'s kind (``ValueError`` if it is not)."""
    text = text.strip()
    if dtype == torch.bool:
        lowered = text.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError(f"not a bool: {text!r}")
    if dtype.is_floating_point:
        return float(text)
    if dtype.is_complex:
        raise ValueError("complex values are edited in the code")
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"not an integer: {text!r}")
    return int(number)


def literal_dtype(tensor: torch.Tensor) -> str | None:
    """The ``dtype=`` to write in a literal (``None`` when ``torch.tensor`` infers it)."""
    inferred = {torch.get_default_dtype(), torch.int64, torch.bool}
    return None if tensor.dtype in inferred else dtype_text(tensor)


class TensorGridModel(QAbstractTableModel):
    """Cells of a tensor's 2-D view, read live; capped at MAX_ROWS x MAX_COLS."""

    #: The user typed ``value`` into the cell at flat index ``flat`` of the tensor.
    valueEdited = Signal(int, object)
    #: The text typed was not a value of the tensor's dtype.
    invalidValue = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tensor: torch.Tensor | None = None
        self._view: torch.Tensor | None = None
        self._editable = False

    def set_tensor(self, tensor: torch.Tensor | None, *, editable: bool = False) -> None:
        """Show ``tensor`` (``None``: an empty grid). The same tensor again only re-reads
        its cells, so scrolling and the current cell stay where they are."""
        if tensor is not None and tensor is self._tensor and editable == self._editable:
            if tuple(grid_view(tensor).shape) == tuple(self._view.shape):  # type: ignore[union-attr]
                self.refresh()
                return
        self.beginResetModel()
        self._tensor = tensor
        self._view = grid_view(tensor) if tensor is not None else None
        self._editable = editable
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read every cell from the live tensor."""
        rows, cols = self.rowCount(), self.columnCount()
        if rows and cols:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))

    def tensor(self) -> torch.Tensor | None:
        """The tensor shown."""
        return self._tensor

    def full_size(self) -> tuple[int, int]:
        """Rows and columns of the whole 2-D view (before the cap)."""
        if self._view is None:
            return 0, 0
        return int(self._view.shape[0]), int(self._view.shape[1])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown (at most MAX_ROWS)."""
        return 0 if parent.isValid() else min(self.full_size()[0], MAX_ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns shown (at most MAX_COLS)."""
        return 0 if parent.isValid() else min(self.full_size()[1], MAX_COLS)

    def flat_index(self, row: int, col: int) -> int:
        """Index into ``tensor.flatten()`` of a cell."""
        return row * self.full_size()[1] + col

    def tensor_index(self, row: int, col: int) -> tuple[int, ...]:
        """The cell's index in the tensor itself (``()`` for a scalar)."""
        assert self._tensor is not None
        shape = tuple(self._tensor.shape)
        flat = self.flat_index(row, col)
        index = []
        for size in reversed(shape):
            index.append(flat % size)
            flat //= size
        return tuple(reversed(index))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The element, read from the live tensor."""
        if self._view is None or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self._view[index.row(), index.column()].item()
            if role == Qt.ItemDataRole.EditRole:
                return format_number(value, dtype_text(self._view))
            return format_element(value, 6)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            value = self._view[index.row(), index.column()].item()
            where = list(self.tensor_index(index.row(), index.column()))
            return f"{where} = {format_number(value, dtype_text(self._view))}"
        if role == Qt.ItemDataRole.BackgroundRole and self._editable:
            return QBrush(_EDITABLE_BG)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column: index along the last dimension; row: the index of the other dimensions."""
        if role != Qt.ItemDataRole.DisplayRole or self._tensor is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(section)
        dims = self._tensor.dim()
        if dims <= 2:
            return str(section)
        return str(list(self.tensor_index(section, 0)[:-1]))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Editable cells for an editable (leaf) tensor."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self._editable else base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A typed value: emit :attr:`valueEdited`; the tensor is not touched."""
        if role != Qt.ItemDataRole.EditRole or not self._editable or self._view is None:
            return False
        try:
            number = parse_element(str(value), self._view.dtype)
        except ValueError as exc:
            self.invalidValue.emit(str(exc))
            return False
        self.valueEdited.emit(self.flat_index(index.row(), index.column()), number)
        return True


def _grid(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setMinimumSectionSize(48)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    return view


class InspectorPanel(QWidget):
    """The Inspector dock's contents (objectName ``inspector``)."""

    #: A structured edit of the script (``list[TextEdit]``) from a value cell.
    editsRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self._name: str | None = None
        self._result: RunResult | None = None

        self.title = QLabel()
        self.title.setObjectName("inspectorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self.attribute_labels: dict[str, QLabel] = {}
        attributes = self._attributes = QWidget()
        self._attribute_grid = QGridLayout(attributes)
        self._attribute_grid.setContentsMargins(0, 0, 8, 0)
        self._attribute_grid.setHorizontalSpacing(10)
        self._attribute_grid.setVerticalSpacing(2)
        self._attribute_keys: dict[str, QLabel] = {}
        for key in ATTRIBUTES:
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.attribute_labels[key] = label
            self._attribute_keys[key] = QLabel(f"{key}:")
        self._columns = 0
        self._arrange_attributes(1)

        self.value_model = TensorGridModel(self)
        self.grad_model = TensorGridModel(self)
        self.value_grid = _grid("valueGrid")
        self.value_grid.setModel(self.value_model)
        self.grad_grid = _grid("gradGrid")
        self.grad_grid.setModel(self.grad_model)
        self.value_note = QLabel()
        self.grad_note = QLabel()
        for note in (self.value_note, self.grad_note):
            note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("inspectorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        grids = QSplitter(Qt.Orientation.Horizontal)
        grids.addWidget(self._column(self.value_note, self.value_grid))
        grids.addWidget(self._column(self.grad_note, self.grad_grid))
        grids.setChildrenCollapsible(False)
        self.body = QWidget()
        self._body_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.addWidget(attributes, 0, Qt.AlignmentFlag.AlignTop)
        self._body_layout.addWidget(grids, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.message)

        self.value_model.valueEdited.connect(self._on_value_edited)
        self.value_model.invalidValue.connect(self.message.setText)
        self.show_tensor(None, None)

    def _arrange_attributes(self, columns: int) -> None:
        """Lay the attributes out in ``columns`` key/value pairs per row."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._attribute_grid
        for key in ATTRIBUTES:
            grid.removeWidget(self._attribute_keys[key])
            grid.removeWidget(self.attribute_labels[key])
        for i, key in enumerate(ATTRIBUTES):
            row, pair = divmod(i, columns)
            grid.addWidget(self._attribute_keys[key], row, 2 * pair)
            grid.addWidget(self.attribute_labels[key], row, 2 * pair + 1)
        self._attributes.setMinimumWidth(0)
        self._attributes.setMinimumWidth(self._attributes.sizeHint().width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Attributes beside the grids when wide; above them, in two columns, when narrow."""
        super().resizeEvent(event)
        self._apply_width(event.size().width())

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self._body_layout.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        self._arrange_attributes(2 if narrow else 1)

    def is_narrow(self) -> bool:
        """Whether the attributes are laid out above the grids."""
        return self._body_layout.direction() == QBoxLayout.Direction.TopToBottom

    @staticmethod
    def _column(note: QLabel, grid: QTableView) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(grid, 1)
        return box

    # -------------------------------------------------------------- public API
    def shown_name(self) -> str | None:
        """Name of the tensor shown (``None`` when nothing is)."""
        return self._name

    def show_tensor(self, name: str | None, result: RunResult | None) -> None:
        """Show tensor ``name`` of ``result`` (``None`` or a non-tensor: a hint instead)."""
        tensor = result.namespace.get(name) if result is not None and name else None
        self.message.clear()
        if not isinstance(tensor, torch.Tensor):
            self._name, self._result = None, result
            self.title.setText("Select a tensor in the Tensors panel to inspect it")
            self.body.setVisible(False)
            self.value_model.set_tensor(None)
            self.grad_model.set_tensor(None)
            return
        assert result is not None and name is not None
        self._name, self._result = name, result
        self.body.setVisible(True)
        self.title.setText(self._title(name, tensor, result))
        self._fill_attributes(name, tensor, result)
        self._fill_value(name, tensor)
        self._fill_grad(name, tensor)

    def refresh(self) -> None:
        """Re-read the shown tensor (after a backward or zero grad)."""
        self.show_tensor(self._name, self._result)

    # -------------------------------------------------------------- filling
    @staticmethod
    def _title(name: str, t: torch.Tensor, result: RunResult) -> str:
        kind = "leaf" if t.is_leaf else f"result of {grad_fn_text(t)}"
        grad = ", requires grad" if t.requires_grad else ""
        assignment = result.assignments.get(name)
        if not result.grad_enabled or (assignment is not None and not assignment.grad_enabled):
            grad += " (made under no_grad)"
        return f"{name}: {kind}{grad}"

    def _fill_attributes(self, name: str, t: torch.Tensor, result: RunResult) -> None:
        labels = self.attribute_labels
        labels["shape"].setText(shape_text(t))
        labels["dtype"].setText(dtype_text(t))
        labels["requires_grad"].setText(str(t.requires_grad))
        labels["is_leaf"].setText(str(t.is_leaf))
        labels["grad_fn"].setText(grad_fn_text(t))
        labels["retains_grad"].setText(str(t.retains_grad))
        labels["_version"].setText(str(t._version))
        labels["made under no_grad"].setText(self._no_grad_text(name, result))
        self._attributes.setMinimumWidth(0)
        self._attributes.setMinimumWidth(self._attributes.sizeHint().width())

    @staticmethod
    def _no_grad_text(name: str, result: RunResult) -> str:
        assignment = result.assignments.get(name)
        if not result.grad_enabled:
            return "yes (the whole script ran with grad mode off)"
        if assignment is None:
            return "unknown (not assigned by a statement)"
        if assignment.grad_enabled:
            return f"no (line {assignment.line})"
        return f"yes (line {assignment.line} ran under torch.no_grad())"

    def _fill_value(self, name: str, t: torch.Tensor) -> None:
        result = self._result
        assignment = result.assignments.get(name) if result is not None else None
        created = result is not None and is_created_by_factory(
            result.source, name, line=assignment.line if assignment else None
        )
        editable = t.is_leaf and created and t.numel() <= MAX_EDITABLE and not t.is_complex()
        self.value_model.set_tensor(t, editable=editable)
        note = f"value · {self._cap_text(self.value_model)}"
        self.value_note.setToolTip("")
        if editable:
            note += " · double-click to edit"
            self.value_note.setToolTip(
                f"An edit rewrites the creation of {name} in the code as torch.tensor([...])"
            )
        elif not t.is_leaf:
            note += " · computed: edit its inputs"
        elif not created:
            note += " · made by an expression: edit the code"
        elif t.numel() > MAX_EDITABLE:
            note += f" · over {MAX_EDITABLE} values: edit them in the code"
        self.value_note.setText(note)

    def _fill_grad(self, name: str, t: torch.Tensor) -> None:
        if not t.is_leaf and not t.retains_grad:
            self.grad_model.set_tensor(None)
            self.grad_grid.setHidden(True)
            self.grad_note.setText(
                f".grad: not stored, {name} is not a leaf\n"
                f"(call {name}.retain_grad() before backward to keep it)"
            )
            return
        grad = t.grad
        self.grad_model.set_tensor(grad)
        self.grad_grid.setHidden(grad is None)
        if grad is None:
            why = (
                "no backward has reached it yet" if t.requires_grad else "it does not require grad"
            )
            self.grad_note.setText(f".grad: None ({why})")
        else:
            self.grad_note.setText(f".grad · {self._cap_text(self.grad_model)}")

    @staticmethod
    def _cap_text(model: TensorGridModel) -> str:
        rows, cols = model.full_size()
        t = model.tensor()
        n = t.numel() if t is not None else 0
        if rows <= MAX_ROWS and cols <= MAX_COLS:
            return f"{n} value{'s' if n != 1 else ''}"
        return (
            f"showing {min(rows, MAX_ROWS)} of {rows} rows × {min(cols, MAX_COLS)} of {cols} "
            f"columns of {n} values"
        )

    # -------------------------------------------------------------- edits
    def _on_value_edited(self, flat: int, value: object) -> None:
        if self._result is None or self._name is None:
            return
        t = self._result.namespace[self._name]
        values = t.detach().flatten().tolist()
        values[flat] = value
        nested: Any = torch.tensor(values, dtype=t.dtype).reshape(t.shape).tolist()
        source = current_source(self, self._result)
        try:
            edits = set_tensor_values(
                source,
                self._name,
                nested,
                dtype=literal_dtype(t),
                requires_grad=t.requires_grad,
                line=binding_line(self._result, source, self._name),
            )
        except EditError as exc:
            self.message.setText(str(exc))
            return
        self.editsRequested.emit(edits)
