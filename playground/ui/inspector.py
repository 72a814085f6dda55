"""The Inspector: the selected tensor in full.

Attributes (shape, dtype, ``requires_grad``, ``is_leaf``, ``grad_fn``,
``retains_grad``, ``_version``, whether it was made under ``no_grad``), a grid of its
values and one of its ``.grad``. Values of a leaf are editable: an edit changes
nothing here, it emits ``editsRequested`` with the rewrite of the tensor's creation
as an explicit ``torch.tensor([...])`` literal
(:func:`playground.core.script_edit.set_tensor_values`); the re-run shows the result.

Grids show at most :data:`MAX_ROWS` x :data:`MAX_COLS` cells of a 2-D view
(0-d as 1x1, 1-D as one row, N-D as ``(prod(shape[:-1]), shape[-1])``) and say so.

The tensors are :class:`~playground.protocol.views.TensorView` objects sent by the
kernel process (no torch here): a tensor carries its values only up to
:data:`~playground.protocol.views.VALUE_ELEMENTS` elements; a bigger one is
summarized, read-only, and shown as PyTorch's text, which the window asks the kernel
for through :attr:`InspectorPanel.text_provider`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from playground.core.script_edit import (
    EditError,
    format_number,
    is_created_by_factory,
    set_tensor_values,
)
from playground.protocol.views import RunView, TensorView
from playground.ui import why_none_text
from playground.ui.backward_panel import grid_shape
from playground.ui.graph_view import plural
from playground.ui.tensor_table import (
    binding_line,
    current_source,
    dtype_text,
    format_element,
    grad_fn_text,
    is_complex,
    shape_text,
)

MAX_ROWS = 100
MAX_COLS = 100
#: Leaves with more elements than this are edited in the code, not in the grid.
MAX_EDITABLE = 1000
#: Below this width the attributes go above the grids.
NARROW_WIDTH = 720
#: What the value note says of a tensor too big to carry its values.
SUMMARIZED = QT_TRANSLATE_NOOP("InspectorPanel", "summarized, too large to edit")
#: The dtype ``torch.tensor([...])`` gives a literal of Python floats (the default dtype).
DEFAULT_DTYPE = "float32"

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


def grid_view(values: np.ndarray) -> np.ndarray:
    """The 2-D view the grids show of a tensor's values (shares memory with them)."""
    return values.reshape(grid_shape(tuple(values.shape)))


def _short(dtype: str) -> str:
    return dtype.removeprefix("torch.")


def is_float_dtype(dtype: str) -> bool:
    """Whether the PyTorch dtype named ``dtype`` is a floating point one."""
    return _short(dtype) in ("float16", "bfloat16", "float32", "float64", "half", "float", "double")


def parse_element(text: str, dtype: str) -> float | int | bool:
    """A cell's text as a Python number of the kind of the PyTorch dtype named ``dtype``
    (``"float32"``, ``"int64"``, ``"bool"``; ``ValueError`` if it is not one)."""
    text = text.strip()
    short = _short(dtype)
    if short == "bool":
        lowered = text.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError(f"not a bool: {text!r}")
    if is_float_dtype(short):
        return float(text)
    if short.startswith("complex"):
        raise ValueError("complex values are edited in the code")
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"not an integer: {text!r}")
    return int(number)


def literal_dtype(tensor: TensorView) -> str | None:
    """The ``dtype=`` to write in a literal (``None`` when ``torch.tensor`` infers it:
    the default dtype, ``int64`` and ``bool``)."""
    return None if dtype_text(tensor) in (DEFAULT_DTYPE, "int64", "bool") else dtype_text(tensor)


def edited_values(tensor: TensorView, flat: int, value: float | int | bool) -> Any:
    """The nested lists of ``tensor``'s values with element ``flat`` (row-major) set to
    ``value`` as the tensor's dtype stores it (a float32 keeps float32's precision), as
    ``torch.tensor(values, dtype=t.dtype).tolist()`` gives them; ``ValueError`` when
    ``value`` does not fit the dtype or the tensor carries no values."""
    if tensor.values is None:
        raise ValueError(f"a tensor of {tensor.numel()} values is {SUMMARIZED}")
    values = np.array(tensor.values, copy=True).reshape(-1)
    try:
        with np.errstate(all="ignore"):  # float16 overflow is inf, as in PyTorch
            values[flat] = value
    except OverflowError:
        raise ValueError(f"{value!r} does not fit in {dtype_text(tensor)}") from None
    return values.reshape(tensor.shape).tolist()


class TensorGridModel(QAbstractTableModel):
    """Cells of a tensor view's 2-D values; capped at MAX_ROWS x MAX_COLS. A summarized
    tensor (no values) has no cells."""

    #: The user typed ``value`` into the cell at flat index ``flat`` of the tensor.
    valueEdited = Signal(int, object)
    #: The text typed was not a value of the tensor's dtype.
    invalidValue = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tensor: TensorView | None = None
        self._view: np.ndarray | None = None
        self._editable = False

    def set_tensor(
        self, tensor: TensorView | None, *, editable: bool = False, keep_cells: bool = False
    ) -> None:
        """Show ``tensor`` (``None``: an empty grid). With ``keep_cells`` (a newer view of
        the tensor already shown, e.g. after a backward) a view of the same shape and
        dtype only re-reads the cells, so scrolling and the current cell stay."""
        old = self._tensor
        if (
            keep_cells
            and tensor is not None
            and old is not None
            and editable == self._editable
            and tuple(tensor.shape) == tuple(old.shape)
            and tensor.dtype == old.dtype
            and (tensor.values is None) == (old.values is None)
        ):
            self._tensor = tensor
            self._view = grid_view(tensor.values) if tensor.values is not None else None
            self.refresh()
            return
        self.beginResetModel()
        self._tensor = tensor
        values = tensor.values if tensor is not None else None
        self._view = grid_view(values) if values is not None else None
        self._editable = editable and self._view is not None
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read every cell from the view."""
        rows, cols = self.rowCount(), self.columnCount()
        if rows and cols:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))

    def tensor(self) -> TensorView | None:
        """The tensor shown."""
        return self._tensor

    def is_summarized(self) -> bool:
        """Whether the tensor shown came without its values (too many elements)."""
        return self._tensor is not None and self._view is None

    def full_size(self) -> tuple[int, int]:
        """Rows and columns of the whole 2-D view (before the cap)."""
        if self._tensor is None:
            return 0, 0
        return grid_shape(tuple(self._tensor.shape))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown (at most MAX_ROWS; none for a summarized tensor)."""
        if parent.isValid() or self._view is None:
            return 0
        return min(self.full_size()[0], MAX_ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns shown (at most MAX_COLS; none for a summarized tensor)."""
        if parent.isValid() or self._view is None:
            return 0
        return min(self.full_size()[1], MAX_COLS)

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

    def _dtype(self) -> str:
        assert self._tensor is not None
        return dtype_text(self._tensor)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The element, read from the view's values."""
        if self._view is None or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self._view[index.row(), index.column()].item()
            if role == Qt.ItemDataRole.EditRole:
                return format_number(value, self._dtype())
            return format_element(value, 6)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            value = self._view[index.row(), index.column()].item()
            where = list(self.tensor_index(index.row(), index.column()))
            return f"{where} = {format_number(value, self._dtype())}"
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
            number = parse_element(str(value), self._dtype())
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


def _text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setReadOnly(True)
    box.setUndoRedoEnabled(False)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    box.setHidden(True)
    return box


class InspectorPanel(QWidget):
    """The Inspector dock's contents (objectName ``inspector``)."""

    #: A structured edit of the script (``list[TextEdit]``) from a value cell.
    editsRequested = Signal(object)
    #: Why the shown tensor's ``.grad`` is None or zero (a ``WhyNoneView``), or ``None``.
    whyNoneShown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self._name: str | None = None
        self._result: RunView | None = None
        #: The views shown (the run's, or the newer ones of :meth:`update_tensors`).
        self._tensors: dict[str, TensorView] = {}
        #: The run's ``tensor_views`` as last read (to notice the window replacing them).
        self._result_views: Mapping[str, TensorView] | None = None
        #: Asks the kernel for PyTorch's whole text of one tensor, by name (the window
        #: sets it); without it a summarized tensor shows the text its view carries.
        self.text_provider: Callable[[str], str] | None = None
        #: Asks the kernel why a tensor's ``.grad`` is None or zero, by name: a
        #: ``WhyNoneView`` or ``None`` (the window sets it).
        self.why_provider: Callable[[str], Any] | None = None
        self.why_label = QLabel()
        self.why_label.setObjectName("whyNoneText")
        self.why_label.setWordWrap(True)
        self.why_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why_label.setStyleSheet(
            "background: #fff4e5; border-left: 3px solid #d62728; padding: 4px;"
        )
        self.why_label.hide()
        #: What the label shows (a ``WhyNoneView``), or ``None``.
        self.why: Any = None

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
            shown = self.tr("made under no_grad:") if key == "made under no_grad" else f"{key}:"
            self._attribute_keys[key] = QLabel(shown)  # the others are attribute names
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
        #: PyTorch's text of a summarized tensor (and of its .grad), instead of a grid.
        self.value_text = _text_box("valueText")
        self.grad_text = _text_box("gradText")
        for note in (self.value_note, self.grad_note):
            note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("inspectorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        grids = QSplitter(Qt.Orientation.Horizontal)
        grids.addWidget(self._column(self.value_note, self.value_grid, self.value_text))
        grids.addWidget(self._column(self.grad_note, self.grad_grid, self.grad_text))
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
        layout.addWidget(self.why_label)
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
    def _column(note: QLabel, grid: QTableView, text: QPlainTextEdit) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(grid, 1)
        layout.addWidget(text, 1)
        return box

    # -------------------------------------------------------------- public API
    def shown_name(self) -> str | None:
        """Name of the tensor shown (``None`` when nothing is)."""
        return self._name

    def shown_tensor(self) -> TensorView | None:
        """The view of the tensor shown."""
        return self._tensors.get(self._name) if self._name is not None else None

    def show_tensor(self, name: str | None, result: RunView | None) -> None:
        """Show tensor ``name`` of ``result`` (``None`` or a non-tensor: a hint instead).

        The same tensor of the same run again keeps the grids' current cells and
        scrolling (only the cells are re-read)."""
        same_run = result is not None and result is self._result
        if not same_run or result.tensors() is not self._result_views:
            self._tensors = dict(result.tensors()) if result is not None else {}
            self._result_views = result.tensors() if result is not None else None
        keep = same_run and name == self._name
        self._result = result
        self._show(name, keep_cells=keep)

    def update_tensors(self, tensors: Mapping[str, TensorView]) -> None:
        """Newer views of the run's tensors (after Backward or Zero grad): the tensor shown
        is re-read from them, keeping the grids' current cells."""
        self._tensors = dict(tensors)
        self._show(self._name, keep_cells=True)

    def refresh(self) -> None:
        """Re-show the shown tensor (after Backward or Zero grad), keeping the grids'
        current cells: from the run's ``tensor_views`` when the window replaced them with
        a newer state's, else from the views held (the last :meth:`update_tensors`)."""
        result = self._result
        if result is not None and result.tensors() is not self._result_views:
            self._tensors = dict(result.tensors())
            self._result_views = result.tensors()
        self._show(self._name, keep_cells=True)

    def _show(self, name: str | None, *, keep_cells: bool) -> None:
        result = self._result
        tensor = self._tensors.get(name) if result is not None and name else None
        self.message.clear()
        if tensor is None:
            self._name = None
            self.title.setText(self.tr("Select a tensor in the Tensors panel to inspect it"))
            self.body.setVisible(False)
            self.value_model.set_tensor(None)
            self.grad_model.set_tensor(None)
            self._set_why(None)
            return
        assert result is not None and name is not None
        self._name = name
        self.body.setVisible(True)
        self.title.setText(self._title(name, tensor, result))
        self._fill_attributes(name, tensor, result)
        self._fill_value(name, tensor, keep_cells=keep_cells)
        self._fill_grad(name, tensor, keep_cells=keep_cells)

    def full_text(self, name: str) -> str:
        """PyTorch's text of tensor ``name``: from :attr:`text_provider` (the kernel) when
        set, else what its view carries (cut to a few thousand characters)."""
        view = self._tensors.get(name)
        if self.text_provider is not None:
            try:
                return self.text_provider(name)
            except Exception as exc:  # noqa: BLE001 - a dead kernel must not break the panel
                fallback = view.text if view is not None else ""
                note = self.tr("(the full text is not available: {error})").format(error=exc)
                return f"{fallback}\n{note}"
        return view.text if view is not None else ""

    # -------------------------------------------------------------- filling
    @staticmethod
    def _title(name: str, t: TensorView, result: RunView) -> str:
        translate = QCoreApplication.translate
        kind = (
            translate("InspectorPanel", "leaf")
            if t.is_leaf
            else translate("InspectorPanel", "result of {op}").format(op=grad_fn_text(t))
        )
        grad = translate("InspectorPanel", ", requires grad") if t.requires_grad else ""
        assignment = result.assignments.get(name)
        if not result.grad_enabled or (assignment is not None and not assignment.grad_enabled):
            grad += translate("InspectorPanel", " (made under no_grad)")
        return f"{name}: {kind}{grad}"

    def _fill_attributes(self, name: str, t: TensorView, result: RunView) -> None:
        labels = self.attribute_labels
        labels["shape"].setText(shape_text(t))
        labels["dtype"].setText(dtype_text(t))
        labels["requires_grad"].setText(str(t.requires_grad))
        labels["is_leaf"].setText(str(t.is_leaf))
        labels["grad_fn"].setText(grad_fn_text(t))
        labels["retains_grad"].setText(str(t.retains_grad))
        labels["_version"].setText(str(t.version))
        labels["made under no_grad"].setText(self._no_grad_text(name, result))
        self._attributes.setMinimumWidth(0)
        self._attributes.setMinimumWidth(self._attributes.sizeHint().width())

    @staticmethod
    def _no_grad_text(name: str, result: RunView) -> str:
        assignment = result.assignments.get(name)
        if not result.grad_enabled:
            return QCoreApplication.translate(
                "InspectorPanel", "yes (the whole script ran with grad mode off)"
            )
        if assignment is None:
            return QCoreApplication.translate(
                "InspectorPanel", "unknown (not assigned by a statement)"
            )
        if assignment.grad_enabled:
            return QCoreApplication.translate("InspectorPanel", "no (line {line})").format(
                line=assignment.line
            )
        return QCoreApplication.translate(
            "InspectorPanel", "yes (line {line} ran under torch.no_grad())"
        ).format(line=assignment.line)

    def _fill_value(self, name: str, t: TensorView, *, keep_cells: bool) -> None:
        result = self._result
        assignment = result.assignments.get(name) if result is not None else None
        created = result is not None and is_created_by_factory(
            result.source, name, line=assignment.line if assignment else None
        )
        summarized = t.values is None
        editable = (
            t.is_leaf
            and created
            and t.numel() <= MAX_EDITABLE
            and not is_complex(t)
            and not summarized
        )
        self.value_model.set_tensor(t, editable=editable, keep_cells=keep_cells)
        self.value_grid.setHidden(summarized)
        self.value_text.setHidden(not summarized)
        if summarized:
            self._set_text(self.value_text, self.full_text(name))
        note = self.tr("value · {count}").format(count=self._cap_text(self.value_model))
        self.value_note.setToolTip("")
        if summarized:
            note += f" · {self.tr(SUMMARIZED)}"
            self.value_note.setToolTip(
                self.tr(
                    "{name} has more than a grid can hold: PyTorch's own text of it is shown"
                ).format(name=name)
            )
        elif editable:
            note += self.tr(" · double-click to edit")
            self.value_note.setToolTip(
                self.tr(
                    "An edit rewrites the creation of {name} in the code as torch.tensor([...])"
                ).format(name=name)
            )
        elif not t.is_leaf:
            note += self.tr(" · computed: edit its inputs")
        elif not created:
            note += self.tr(" · made by an expression: edit the code")
        elif t.numel() > MAX_EDITABLE:
            note += self.tr(" · over {count} values: edit them in the code").format(
                count=MAX_EDITABLE
            )
        self.value_note.setText(note)

    def _ask_why(self, name: str, t: TensorView) -> Any:
        """The kernel's reason when ``name``.grad is None, all zeros or not kept."""
        grad = t.grad
        empty = grad is None or (grad.values is not None and not np.any(grad.values))
        if self.why_provider is None or not (empty or not (t.is_leaf or t.retains_grad)):
            return None
        why = self.why_provider(name)
        return why if why is not None and why.reason is not None else None

    def _set_why(self, why: Any) -> None:
        self.why = why
        self.why_label.setText(why_none_text.sentence(why) if why is not None else "")
        self.why_label.setVisible(why is not None)
        self.whyNoneShown.emit(why)

    def _fill_grad(self, name: str, t: TensorView, *, keep_cells: bool) -> None:
        self._set_why(self._ask_why(name, t))
        if not t.is_leaf and not t.retains_grad:
            self.grad_model.set_tensor(None)
            self.grad_grid.setHidden(True)
            self.grad_text.setHidden(True)
            self.grad_note.setText(
                self.tr(
                    ".grad: not stored, {name} is not a leaf\n"
                    "(call {name}.retain_grad() before backward to keep it)"
                ).format(name=name)
            )
            return
        grad = t.grad
        self.grad_model.set_tensor(grad, keep_cells=keep_cells)
        summarized = grad is not None and grad.values is None
        self.grad_grid.setHidden(grad is None or summarized)
        self.grad_text.setHidden(not summarized)
        if grad is None:
            why = (
                self.tr("no backward has reached it yet")
                if t.requires_grad
                else self.tr("it does not require grad")
            )
            self.grad_note.setText(self.tr(".grad: None ({why})").format(why=why))
        elif summarized:
            self._set_text(self.grad_text, grad.text)
            count = self._cap_text(self.grad_model)
            self.grad_note.setText(self.tr(".grad · {count} · summarized").format(count=count))
        else:
            count = self._cap_text(self.grad_model)
            self.grad_note.setText(self.tr(".grad · {count}").format(count=count))

    @staticmethod
    def _set_text(box: QPlainTextEdit, text: str) -> None:
        if box.toPlainText() != text:  # the same text again keeps the scrolling
            box.setPlainText(text)

    @staticmethod
    def _cap_text(model: TensorGridModel) -> str:
        rows, cols = model.full_size()
        t = model.tensor()
        n = t.numel() if t is not None else 0
        if model.is_summarized() or (rows <= MAX_ROWS and cols <= MAX_COLS):
            return plural(QCoreApplication.translate("InspectorPanel", "%n value(s)", "", n), n)
        return QCoreApplication.translate(
            "InspectorPanel",
            "showing {rows_shown} of {rows} rows × {cols_shown} of {cols} columns of {n} values",
        ).format(
            rows_shown=min(rows, MAX_ROWS),
            rows=rows,
            cols_shown=min(cols, MAX_COLS),
            cols=cols,
            n=n,
        )

    # -------------------------------------------------------------- edits
    def _on_value_edited(self, flat: int, value: object) -> None:
        t = self.shown_tensor()
        if self._result is None or self._name is None or t is None:
            return
        try:
            nested = edited_values(t, flat, value)  # type: ignore[arg-type]
        except ValueError as exc:
            self.message.setText(str(exc))
            return
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
