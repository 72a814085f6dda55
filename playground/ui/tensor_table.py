"""The Tensors panel: one row per tensor variable of the last run.

Columns: name, shape, dtype, ``requires_grad`` (a checkbox), ``is_leaf``,
``grad_fn``, value and ``.grad`` (compact; PyTorch's own ``repr`` in the tooltip).

The rows are :class:`~playground.protocol.views.TensorView` objects: plain data the
kernel process sent (values when small, PyTorch's text, metadata); nothing here
imports torch. After a Backward or Zero grad the kernel sends the new state and
:meth:`TensorTable.update_tensors` swaps the rows' views in place, keeping the
selection, scrolling and column widths.

Toggling the ``requires_grad`` checkbox changes nothing here: it emits
``editsRequested`` with the rewrite of the script
(:func:`playground.core.script_edit.set_requires_grad`); the re-run refreshes the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from playground.core.script_edit import EditError, set_requires_grad
from playground.protocol.views import RunView, TensorView

COLUMNS = ("name", "shape", "dtype", "requires_grad", "is_leaf", "grad_fn", "value", ".grad")
NAME, SHAPE, DTYPE, REQUIRES_GRAD, IS_LEAF, GRAD_FN, VALUE, GRAD = range(len(COLUMNS))

#: Widest the value and .grad columns get when fitted to their contents.
MAX_VALUE_WIDTH = 260
#: Narrowest the value column is squeezed to, to keep .grad in view.
MIN_VALUE_WIDTH = 100
#: Elements shown in the compact value/.grad cells.
COMPACT_ELEMENTS = 6
#: Longest tooltip text (PyTorch's repr already summarizes tensors over 1000 elements;
#: the kernel cuts it to this length too).
TOOLTIP_CHARS = 4000

_Index = QModelIndex | QPersistentModelIndex
_DIM = QColor(128, 128, 128)
_GRAD_BG = QColor(255, 243, 205)


def format_element(value: Any, digits: int = 4) -> str:
    """One element for the compact cells: ``digits`` significant digits for floats, and
    whole floats written as PyTorch prints them (``1.``, ``27.``) so they read as floats."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**digits:
            return f"{value:.0f}."
        return f"{value:.{digits}g}"
    if isinstance(value, complex):
        return f"{value:.3g}"
    return str(value)


def compact(tensor: TensorView | None, limit: int = COMPACT_ELEMENTS) -> str:
    """A one-line summary of a tensor's values: ``4.5``, ``[[1, 2], [3, 4]]`` or
    ``[1, 2, 3, 4, 5, 6, …] (100 values)``; ``None`` for a missing ``.grad``.

    A tensor too big to carry its values (over
    :data:`~playground.protocol.views.VALUE_ELEMENTS`) shows the kernel's summary,
    shape and norm: ``150×120 ‖·‖=1.2e+06 (18000 values)``."""
    if tensor is None:
        return "None"
    values = tensor.values
    if values is None:
        return f"{tensor.summary} ({tensor.numel()} values)"
    if tensor.dim() == 0:
        return format_element(values.item())
    if tensor.numel() <= limit:
        return _nested(values.tolist())
    head = ", ".join(format_element(v) for v in values.reshape(-1)[:limit].tolist())
    return f"[{head}, …] ({tensor.numel()} values)"


def _nested(values: Any) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_nested(v) for v in values) + "]"
    return format_element(values)


def shape_text(tensor: TensorView) -> str:
    """``(2, 2)``, ``(3,)`` or ``()`` for a scalar."""
    return str(tuple(tensor.shape))


def dtype_text(tensor: TensorView) -> str:
    """``float32`` (the view's dtype name, without ``torch.``)."""
    return tensor.dtype.removeprefix("torch.")


def is_complex(tensor: TensorView) -> bool:
    """Whether the tensor's dtype is a complex one."""
    return dtype_text(tensor).startswith("complex")


def can_require_grad(tensor: TensorView) -> bool:
    """Only floating point and complex tensors can require grad."""
    return tensor.is_floating_point() or is_complex(tensor)


def grad_fn_text(tensor: TensorView) -> str:
    """The backward node's class name (``MulBackward0``) or ``None``."""
    return "None" if tensor.grad_fn is None else tensor.grad_fn


def full_repr(tensor: TensorView | None) -> str:
    """PyTorch's own ``repr`` (as ``print`` shows it), cut to a tooltip's size."""
    text = "None" if tensor is None else tensor.text
    return text if len(text) <= TOOLTIP_CHARS else text[:TOOLTIP_CHARS] + "\n…"


def current_source(widget: QWidget, result: RunView) -> str:
    """The script as it is now in the window's editor (objectName ``codeEditor``), which
    may differ from the source of the run on screen (typing not run yet, or a refused
    run keeping the previous state visible); the run's own source without an editor."""
    editor = widget.window().findChild(QPlainTextEdit, "codeEditor")
    return editor.toPlainText() if editor is not None else result.source


def binding_line(result: RunView, source: str, name: str) -> int | None:
    """Line of the statement that bound ``name`` last in ``result``'s run, when ``source``
    is still the script that ran (else ``None``: the edit falls back to the last binding)."""
    assignment = result.assignments.get(name)
    return assignment.line if assignment is not None and source == result.source else None


def grad_of(tensor: TensorView) -> TensorView | None:
    """``tensor.grad`` as PyTorch would give it without its non-leaf warning (non-leaf
    grads are None unless ``retain_grad()`` was called)."""
    if tensor.is_leaf or tensor.retains_grad:
        return tensor.grad
    return None


class TensorTableModel(QAbstractTableModel):
    """Rows: the tensor views of a :class:`~playground.protocol.views.RunView`, in
    namespace order."""

    #: A structured edit of the script (``list[TextEdit]``) requested by a checkbox.
    editsRequested = Signal(object)
    #: A checkbox could not be turned into code (the message says why).
    editFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: RunView | None = None
        self._rows: list[tuple[str, TensorView]] = []
        #: Returns the script the edits are computed on (default: the run's source).
        self.source_provider: Callable[[], str] | None = None

    # -------------------------------------------------------------- contents
    def set_result(self, result: RunView | None) -> None:
        """Show the tensors of ``result`` (``None`` clears the table)."""
        self.beginResetModel()
        self._result = result
        self._rows = list(result.tensors().items()) if result is not None else []
        self.endResetModel()

    def update_tensors(self, tensors: Mapping[str, TensorView]) -> bool:
        """New views of the same run's tensors (after a backward or zero grad).

        When the names are those of the rows, in the same order, each row takes its new
        view and the cells are re-read (``dataChanged``, no reset: selection and
        scrolling stay); returns ``True``. Other names reset the rows (``False``)."""
        if list(tensors) == self.names():
            self._rows = list(tensors.items())
            self.refresh()
            return True
        self.beginResetModel()
        self._rows = list(tensors.items())
        self.endResetModel()
        return False

    def result(self) -> RunView | None:
        """The run shown."""
        return self._result

    def names(self) -> list[str]:
        """The tensor names, in row order."""
        return [name for name, _ in self._rows]

    def row_of(self, name: str) -> int:
        """Row of ``name`` or -1."""
        return next((i for i, (n, _) in enumerate(self._rows) if n == name), -1)

    def tensor(self, row: int) -> TensorView:
        """The tensor view in ``row``."""
        return self._rows[row][1]

    def tensors(self) -> dict[str, TensorView]:
        """The views shown, by name (the latest given by :meth:`update_tensors`)."""
        return dict(self._rows)

    def refresh(self) -> None:
        """Re-read every cell from the rows' views (``dataChanged`` over the whole table)."""
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -------------------------------------------------------------- Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of tensor variables."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of columns (:data:`COLUMNS`)."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section in _HEADER_WORDS:  # the others are attribute names, kept as code
                return QCoreApplication.translate("TensorTableModel", _HEADER_WORDS[section])
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("TensorTableModel", _HEADER_TIPS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell contents, read from the row's view."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        name, t = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(name, t, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == REQUIRES_GRAD:
            return Qt.CheckState.Checked if t.requires_grad else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(name, t, col)
        if role == Qt.ItemDataRole.ForegroundRole and col in (GRAD_FN, GRAD):
            if self._display(name, t, col) == "None":
                return QBrush(_DIM)
        if role == Qt.ItemDataRole.BackgroundRole and col == GRAD and grad_of(t) is not None:
            return QBrush(_GRAD_BG)
        if role == Qt.ItemDataRole.FontRole and col == NAME:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, name: str, t: TensorView, col: int) -> str:
        if col == NAME:
            return name
        if col == SHAPE:
            return shape_text(t)
        if col == DTYPE:
            return dtype_text(t)
        if col == REQUIRES_GRAD:
            return str(t.requires_grad)
        if col == IS_LEAF:
            return str(t.is_leaf)
        if col == GRAD_FN:
            return grad_fn_text(t)
        if col == VALUE:
            return compact(t)
        return compact(grad_of(t))

    def _tooltip(self, name: str, t: TensorView, col: int) -> str | None:
        if col == VALUE:
            return f"{name} =\n{full_repr(t)}"
        if col == GRAD:
            if not t.is_leaf and not t.retains_grad:
                return self.tr(
                    "{name} is not a leaf: backward does not store its .grad "
                    "(call {name}.retain_grad() before backward to keep it)"
                ).format(name=name)
            return f"{name}.grad =\n{full_repr(t.grad)}"
        if col == REQUIRES_GRAD:
            if not can_require_grad(t):
                return self.tr(
                    "{name} is {dtype}: only floating point tensors can require grad"
                ).format(name=name, dtype=dtype_text(t))
            return self.tr(
                "Ticking rewrites the code: the requires_grad= argument of the call that "
                "created {name}, or a {name}.requires_grad_(...) line after its assignment"
            ).format(name=name)
        if col == GRAD_FN:
            return self.tr("the backward node that created it; None for leaves and no_grad results")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Everything selectable; the requires_grad cell of float tensors is checkable."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == REQUIRES_GRAD:
            t = self._rows[index.row()][1]
            if can_require_grad(t):
                return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A checkbox click: emit the script rewrite; the model itself stays as it is
        until the re-run brings the new state."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != REQUIRES_GRAD:
            return False
        if self._result is None:
            return False
        name, _ = self._rows[index.row()]
        flag = Qt.CheckState(value) == Qt.CheckState.Checked
        return self.request_requires_grad(name, flag)

    def request_requires_grad(self, name: str, flag: bool) -> bool:
        """Emit the edits that set ``name``'s requires_grad to ``flag`` in the code."""
        if self._result is None:
            return False
        source = self.source_provider() if self.source_provider else self._result.source
        try:
            edits = set_requires_grad(
                source, name, flag, line=binding_line(self._result, source, name)
            )
        except EditError as exc:
            self.editFailed.emit(str(exc))
            return False
        if edits:
            self.editsRequested.emit(edits)
        return bool(edits)


_HEADER_TIPS = (
    QT_TRANSLATE_NOOP("TensorTableModel", "variable name in the script"),
    "tensor.shape",
    "tensor.dtype",
    QT_TRANSLATE_NOOP("TensorTableModel", "tensor.requires_grad: tick to change it in the code"),
    QT_TRANSLATE_NOOP(
        "TensorTableModel",
        "tensor.is_leaf: created by you, not by an operation that autograd recorded",
    ),
    QT_TRANSLATE_NOOP("TensorTableModel", "tensor.grad_fn: the backward node that made it"),
    QT_TRANSLATE_NOOP(
        "TensorTableModel", "the value (full value in the tooltip and the inspector)"
    ),
    QT_TRANSLATE_NOOP(
        "TensorTableModel",
        "tensor.grad: filled by backward() for leaves that require grad; it accumulates",
    ),
)
#: Header words that are not attribute names: shown in the interface's language.
_HEADER_WORDS = {
    NAME: QT_TRANSLATE_NOOP("TensorTableModel", "name"),
    VALUE: QT_TRANSLATE_NOOP("TensorTableModel", "value"),
}


class TensorTable(QTableView):
    """The Tensors panel view (objectName ``tensorTable``)."""

    #: The user selected a row (the tensor's name).
    tensorSelected = Signal(str)
    #: A structured edit of the script (``list[TextEdit]``).
    editsRequested = Signal(object)
    #: A checkbox could not be turned into code (the message says why).
    editFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tensorTable")
        self._model = TensorTableModel(self)
        self._model.source_provider = self._source
        self.setModel(self._model)
        self._selected: str | None = None
        #: The ``tensor_views`` of the run shown, as last read (to notice a newer state).
        self._result_views: Mapping[str, TensorView] | None = None
        self._restoring = False
        self._fitting = False
        self._user_sized = False
        #: Each column's width so far (it only grows until a new script).
        self._kept_widths: dict[int, int] = {}
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._on_section_resized)
        self._model.editsRequested.connect(self.editsRequested)
        self._model.editFailed.connect(self.editFailed)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _source(self) -> str:
        result = self._model.result()
        assert result is not None
        return current_source(self, result)

    def table_model(self) -> TensorTableModel:
        """The model behind the view."""
        return self._model

    def set_result(self, result: RunView | None) -> None:
        """Show a run's tensors; the selected name stays selected when it still exists.

        The same run again (after a backward or zero grad) only re-reads the cells, so
        column widths and scrolling stay as the user left them; when its
        ``tensor_views`` were replaced by a newer state's, the rows take those.
        """
        if result is not None and result is self._model.result():
            self.refresh()
            return
        self._result_views = result.tensors() if result is not None else None
        self._reset(lambda: self._model.set_result(result))

    def update_tensors(self, tensors: Mapping[str, TensorView]) -> None:
        """Show a newer state of the same run (after Backward or Zero grad): each row takes
        the new view of its tensor without a model reset, so the selection, the scrolling
        and the column widths stay; the columns are re-fitted (a new ``.grad`` is often
        wider) unless the user sized them. Different names rebuild the rows, keeping the
        selected name selected when it is still there."""
        if list(tensors) == self._model.names():
            self._model.update_tensors(tensors)
            if not self._user_sized:
                self._fit_columns()
        else:
            self._reset(lambda: self._model.update_tensors(tensors))

    def _reset(self, change: Callable[[], object]) -> None:
        keep = self._selected
        self._restoring = True
        try:
            change()
            self._user_sized = False
            self._fit_columns()
            row = self._model.row_of(keep) if keep is not None else -1
            if row >= 0:
                self._select_row(row)
            else:
                self._selected = None
        finally:
            self._restoring = False

    def refresh(self) -> None:
        """Re-read the cells (``dataChanged``), from the run's ``tensor_views`` when the
        window replaced them with a newer state's (else the rows keep their views; new
        ones also come with :meth:`update_tensors`); the columns are re-fitted unless the
        user sized them."""
        result = self._model.result()
        if result is not None and result.tensors() is not self._result_views:
            self._result_views = result.tensors()
            self.update_tensors(result.tensors())
            return
        self._model.refresh()
        if not self._user_sized:
            self._fit_columns()

    def selected_name(self) -> str | None:
        """Name of the selected tensor, if any."""
        return self._selected

    def select_tensor(self, name: str | None) -> None:
        """Select ``name``'s row (no signal); ``None`` or an unknown name clears it."""
        row = self._model.row_of(name) if name is not None else -1
        self._restoring = True
        try:
            if row < 0:
                self.clearSelection()
                self._selected = None
            elif name != self._selected or not self.selectionModel().hasSelection():
                self._select_row(row)
        finally:
            self._restoring = False

    def _select_row(self, row: int) -> None:
        index = self._model.index(row, NAME)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self._selected = self._model.names()[row]
        self.scrollTo(index)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        name = self._model.names()[current.row()]
        changed = name != self._selected
        self._selected = name
        if changed and not self._restoring:
            self.tensorSelected.emit(name)

    def forget_column_widths(self) -> None:
        """Fit the columns afresh at the next run (a new script: other contents)."""
        self._kept_widths.clear()
        self._user_sized = False

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        # The last column stretches by itself whenever the panel is resized.
        if not self._fitting and index != GRAD:
            self._user_sized = True  # the user's widths win until the next run
            self._kept_widths[index] = _new  # and are kept after it, content permitting

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Re-fit the columns to the new width unless the user sized them."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and not self._user_sized:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Columns to their contents; when that is wider than the panel, the value
        column gives up room first so the ``.grad`` column (last) stays in view."""
        self._fitting = True
        try:
            self.resizeColumnsToContents()
            # Widths only grow between runs (the columns do not jump as values change);
            # a new script starts over (``forget_column_widths``).
            for col in range(self._model.columnCount()):
                kept = max(self.columnWidth(col), self._kept_widths.get(col, 0))
                self._kept_widths[col] = kept
                self.setColumnWidth(col, kept)
            for col in (VALUE, GRAD):
                if self.columnWidth(col) > MAX_VALUE_WIDTH:
                    self.setColumnWidth(col, MAX_VALUE_WIDTH)
            spare = self.viewport().width() - sum(self.columnWidth(c) for c in range(VALUE))
            value, grad = self.columnWidth(VALUE), self.columnWidth(GRAD)
            if spare > 0 and value + grad > spare:
                share = max(spare - grad, MIN_VALUE_WIDTH)
                self.setColumnWidth(VALUE, min(value, share))
            # resizeColumnsToContents un-stretches the last column: fill the panel again.
            rest = self.viewport().width() - sum(self.columnWidth(c) for c in range(GRAD))
            if rest > self.columnWidth(GRAD):
                self.setColumnWidth(GRAD, rest)
        finally:
            self._fitting = False
