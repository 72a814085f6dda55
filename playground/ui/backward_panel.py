"""Backward controls: root, gradient for a non-scalar root, retain graph, Backward, Zero grad.

The panel only collects the user's choices and emits them; the window asks the kernel
process to perform the real ``root.backward(...)``. No torch here: shapes and dtypes
come from :class:`~playground.protocol.views.TensorView` (dtype names such as
``"float32"``) and the gradient is a numpy array of the root's shape and dtype.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from playground.core.graph_model import shape_text
from playground.protocol.views import TensorView

#: Above this many elements the gradient grid is not shown and ones are used.
MAX_GRID_ELEMENTS = 400
#: The dtype of a root whose dtype is not known (PyTorch's default dtype).
DEFAULT_DTYPE = "float32"
#: numpy dtypes of the PyTorch dtypes a gradient can have (``bfloat16`` has none: its
#: gradient is sent as float32, which PyTorch casts to the root's dtype).
_NUMPY_DTYPES = {
    "float16": np.float16,
    "bfloat16": np.float32,
    "float32": np.float32,
    "float64": np.float64,
    "complex64": np.complex64,
    "complex128": np.complex128,
}


def numpy_dtype(dtype: str) -> np.dtype:
    """The numpy dtype a gradient for a root of PyTorch dtype *dtype* is built in."""
    return np.dtype(_NUMPY_DTYPES.get(dtype.removeprefix("torch."), np.float32))


def _parse_number(text: str, dtype: np.dtype) -> float | complex:
    if dtype.kind == "c":
        return complex(text.replace(" ", ""))
    return float(text)


#: Zero grad's tooltip when there is a ``.grad`` to zero, and when there is none.
ZERO_GRAD_TIP = QT_TRANSLATE_NOOP(
    "BackwardPanel", "x.grad.zero_() on every leaf (or set .grad to None)"
)
NO_GRAD_TO_ZERO_TIP = QT_TRANSLATE_NOOP(
    "BackwardPanel",
    "Nothing to zero: no leaf has a .grad yet (or it was set to None). Click Backward first.",
)


def grid_shape(shape: Sequence[int]) -> tuple[int, int]:
    """(rows, columns) of the grid showing a tensor of *shape* (leading dims folded into rows)."""
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return 1, int(shape[0])
    return int(math.prod(shape[:-1])), int(shape[-1])


def _unravel(flat: int, shape: Sequence[int]) -> tuple[int, ...]:
    """The index into a tensor of *shape* of its *flat*-th element (row-major)."""
    index = []
    for size in reversed(shape):
        flat, rest = divmod(flat, int(size))
        index.append(rest)
    return tuple(reversed(index))


def _row_indices(shape: Sequence[int]) -> list[tuple[int, ...]]:
    """The leading-dims index of every grid row (``[(0,), (1,)]`` for a 2-d shape)."""
    if len(shape) < 2:
        return [()]
    return [_unravel(row, shape[:-1]) for row in range(math.prod(shape[:-1]))]


class GradientEditor(QTableWidget):
    """A grid of the root's shape holding the ``gradient`` argument (default ones)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradientEditor")
        self.setToolTip(
            self.tr(
                "gradient for a non-scalar root: backward() computes the vector-Jacobian "
                "product with this tensor (the seed's z.backward(w))"
            )
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._shape: tuple[int, ...] = ()
        self._dtype = DEFAULT_DTYPE
        #: The learner typed into the grid since it was last filled.
        self.edited = False
        self.itemChanged.connect(self._on_item_changed)

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        self.edited = True

    def set_shape(self, shape: Sequence[int], dtype: str = DEFAULT_DTYPE) -> None:
        """Show a grid of *shape* filled with ones (kept if the shape did not change);
        *dtype* is the root's PyTorch dtype name (``"float64"``)."""
        shape = tuple(int(s) for s in shape)
        self._dtype = dtype
        if shape == self._shape and self.rowCount():
            return
        self._shape = shape
        rows, cols = grid_shape(shape)
        self.setRowCount(rows)
        self.setColumnCount(cols)
        # Headers count from 0 like z[i, j]; folded leading dims show as "i, j".
        self.setHorizontalHeaderLabels([str(c) for c in range(cols)])
        self.setVerticalHeaderLabels([", ".join(map(str, i)) for i in _row_indices(shape)])
        self.verticalHeader().setVisible(len(shape) >= 2)
        for r in range(rows):
            for c in range(cols):
                self.setItem(r, c, QTableWidgetItem("1.0"))
        self.edited = False
        self._fit_height(rows)

    def _fit_height(self, rows: int) -> None:
        """Tall enough for up to 4 rows without scrolling (more rows scroll)."""
        row = self.fontMetrics().height() + 8
        self.verticalHeader().setMinimumSectionSize(row)
        self.verticalHeader().setDefaultSectionSize(row)
        chrome = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
        self.setMinimumHeight(row * min(rows, 4) + chrome)
        self.setMaximumHeight(row * min(rows, 8) + chrome)

    def shape(self) -> tuple[int, ...]:
        """Shape of the gradient this grid builds."""
        return self._shape

    def set_values(self, values: Sequence[float]) -> None:
        """Fill the grid (row-major) from a flat list of numbers; a numpy float is written
        in its own precision (float32 ``0.1``, not ``0.10000000149011612``)."""
        cols = max(1, self.columnCount())
        for i, value in enumerate(values):
            text = str(value) if isinstance(value, np.floating) else repr(float(value))
            self.item(i // cols, i % cols).setText(text)

    def dtype(self) -> str:
        """PyTorch dtype name of the gradient this grid builds."""
        return self._dtype

    def gradient(self) -> np.ndarray:
        """The grid as an array of the root's shape and (numpy) dtype; raises ``ValueError``
        on bad text."""
        dtype = numpy_dtype(self._dtype)
        values = []
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(r, c)
                text = item.text().strip() if item else ""
                try:
                    values.append(_parse_number(text, dtype))
                except ValueError as exc:
                    index = ", ".join(map(str, _unravel(r * self.columnCount() + c, self._shape)))
                    raise ValueError(f"gradient[{index}] is not a number: {text!r}") from exc
        return np.array(values, dtype=dtype).reshape(self._shape)


class BackwardPanel(QWidget):
    """Root selector, gradient grid, options, and the Run / Backward / Zero grad buttons."""

    #: (root name, gradient as a numpy array or None, retain_graph, zero_before).
    backwardRequested = Signal(str, object, bool, bool)
    #: set_to_none: False zeros every leaf's .grad, True sets it to None.
    zeroGradRequested = Signal(bool)
    runRequested = Signal()
    #: The gradient grid holds text that is not a number: the message.
    gradientInvalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backwardPanel")
        self.root_selector = QComboBox(objectName="rootSelector")
        self.root_selector.setToolTip(
            self.tr("The tensor to call .backward() on (every tensor with a grad_fn)")
        )
        self.root_selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.root_info = QLabel(objectName="rootInfo")
        self.gradient_label = QLabel(self.tr("gradient (same shape as the root):"))
        self.gradient_editor = GradientEditor()
        self.retain_graph = QCheckBox(self.tr("retain graph"), objectName="retainGraphCheck")
        self.retain_graph.setChecked(True)
        self.retain_graph.setToolTip(
            self.tr(
                "retain_graph=True keeps the graph's saved tensors so you can click Backward again"
            )
        )
        self.zero_before = QCheckBox(
            self.tr("zero grads before backward"), objectName="zeroBeforeBackwardCheck"
        )
        self.zero_before.setToolTip(
            self.tr("Zero every leaf's .grad first, so gradients do not accumulate")
        )
        self.backward_button = QPushButton(self.tr("Backward"), objectName="backwardButton")
        self.backward_button.setToolTip(self.tr("root.backward(...) on the live tensors (Ctrl+B)"))
        self.backward_button.setDefault(True)
        self.zero_grad_button = QPushButton(self.tr("Zero grad"), objectName="zeroGradButton")
        self.zero_grad_button.setToolTip(self.tr(ZERO_GRAD_TIP))
        self.set_to_none = QCheckBox(self.tr("set to None"), objectName="zeroGradToNoneCheck")
        self.set_to_none.setToolTip(
            self.tr("Zero grad sets .grad = None instead of zeroing it in place")
        )
        self.run_button = QPushButton(self.tr("Run"), objectName="runButton")
        self.run_button.setToolTip(self.tr("Re-run the whole script from scratch (Ctrl+R)"))
        self._shapes: dict[str, tuple[tuple[int, ...], str]] = {}
        self._layout()
        self.root_selector.currentTextChanged.connect(self._on_root_changed)
        self.backward_button.clicked.connect(self._on_backward_clicked)
        self.zero_grad_button.clicked.connect(
            lambda: self.zeroGradRequested.emit(self.set_to_none.isChecked())
        )
        self.run_button.clicked.connect(self.runRequested)
        self.set_roots([], None, {})
        self.set_zero_grad_available(False)

    def _layout(self) -> None:
        form = QFormLayout()
        root_row = QHBoxLayout()
        root_row.addWidget(self.root_selector, 1)
        root_row.addWidget(self.root_info)
        form.addRow(self.tr("root:"), root_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.backward_button)
        buttons.addWidget(self.zero_grad_button)
        buttons.addWidget(self.set_to_none)
        buttons.addStretch(1)
        options = QHBoxLayout()
        options.addWidget(self.retain_graph)
        options.addWidget(self.zero_before)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.gradient_label)
        layout.addWidget(self.gradient_editor)
        layout.addLayout(buttons)

    def set_roots(
        self,
        roots: Sequence[str],
        default: str | None,
        shapes: Mapping[str, tuple[tuple[int, ...], str]],
    ) -> None:
        """Offer *roots*; keep the user's choice if still offered, else select *default*.

        *shapes* maps a root to its shape and PyTorch dtype name (:func:`root_shapes`)."""
        previous = self.root_selector.currentText()
        self._shapes = dict(shapes)
        self.root_selector.blockSignals(True)
        self.root_selector.clear()
        self.root_selector.addItems(list(roots))
        chosen = previous if previous in roots and previous != "" else default
        if chosen in roots:
            self.root_selector.setCurrentText(chosen)
        self.root_selector.blockSignals(False)
        self.backward_button.setEnabled(bool(roots))
        self._on_root_changed(self.root_selector.currentText())

    def set_zero_grad_available(self, available: bool) -> None:
        """Enable Zero grad only when some leaf has a ``.grad``; the tooltip says why not."""
        self.zero_grad_button.setEnabled(available)
        tip = ZERO_GRAD_TIP if available else NO_GRAD_TO_ZERO_TIP
        self.zero_grad_button.setToolTip(QCoreApplication.translate("BackwardPanel", tip))

    def current_root(self) -> str | None:
        """Selected root name, or ``None`` when no tensor has a ``grad_fn``."""
        return self.root_selector.currentText() or None

    def _on_root_changed(self, name: str) -> None:
        shape, dtype = self._shapes.get(name, ((), DEFAULT_DTYPE))
        numel = math.prod(shape)
        non_scalar = bool(name) and numel != 1
        if not name:
            self.root_info.setText(self.tr("no tensor has a grad_fn"))
        else:
            dims = shape_text(shape) if shape else self.tr("scalar")
            self.root_info.setText(self.tr("shape {dims}").format(dims=dims))
        show_grid = non_scalar and numel <= MAX_GRID_ELEMENTS
        if show_grid:
            self.gradient_editor.set_shape(shape, dtype)
        self.gradient_editor.setVisible(show_grid)
        self.gradient_label.setVisible(non_scalar)
        self.gradient_label.setText(
            self.tr("gradient (same shape as the root):")
            if show_grid
            else self.tr("gradient: ones (too many elements to edit here)")
        )
        self.fit_height()

    def fit_height(self) -> None:
        """Take the height the controls need and no more: the dock's spare room goes to
        its neighbour (the Console) instead of empty space under the buttons."""
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        self.setMaximumHeight(layout.sizeHint().height())

    def gradient(self) -> np.ndarray | None:
        """The ``gradient`` argument for the selected root, as an array of its shape and
        dtype (``None`` for a scalar root); raises ``ValueError`` on bad text in the grid."""
        name = self.current_root()
        shape, dtype = self._shapes.get(name or "", ((), DEFAULT_DTYPE))
        if math.prod(shape) == 1:
            return None
        if math.prod(shape) > MAX_GRID_ELEMENTS:
            return np.ones(shape, dtype=numpy_dtype(dtype))
        return self.gradient_editor.gradient()

    def prefill_gradient(self, values: Sequence[float], *, keep_edits: bool = False) -> bool:
        """Fill the grid with a lesson's ``gradient`` (flat, row-major) when it has that many
        elements; ``keep_edits`` leaves a grid the learner typed into."""
        grid = self.gradient_editor
        if not grid.isVisibleTo(self) or grid.rowCount() * grid.columnCount() != len(values):
            return False
        if keep_edits and grid.edited:
            return False
        grid.blockSignals(True)
        grid.set_values(values)
        grid.blockSignals(False)
        grid.edited = False
        return True

    def _on_backward_clicked(self) -> None:
        root = self.current_root()
        if root is None:
            return
        try:
            gradient = self.gradient()
        except ValueError as exc:
            self.gradientInvalid.emit(str(exc))
            return
        self.backwardRequested.emit(
            root, gradient, self.retain_graph.isChecked(), self.zero_before.isChecked()
        )


def root_shapes(tensors: Mapping[str, TensorView]) -> dict[str, tuple[tuple[int, ...], str]]:
    """``{name: (shape, dtype name)}`` for the root selector (``"float32"``)."""
    return {name: (tuple(t.shape), t.dtype) for name, t in tensors.items()}
