"""The Jacobian dock: the backward of a non-scalar ``y`` is the vector-Jacobian product vᵀJ.

For the Backward panel's root ``y`` and a chosen leaf ``x`` it shows ``J = ∂y/∂x`` as a
heatmap with its numbers (rows: ``y``'s elements flattened, columns: ``x``'s), the
gradient ``v`` (the Backward panel's grid; ones for a scalar root), ``vᵀJ`` beside the
real ``x.grad`` with ✓ when they agree, and central finite differences confirming J.
The kernel computes everything (:mod:`playground.core.jacobian`) on the live graph of
the run; this module asks it in the session's worker, so the window never waits, and
draws the checked :class:`~playground.protocol.views.JacobianView`. No torch here.

Automation contract: ``jacobianTable`` is a :class:`QTableView` whose model holds exactly
J's entries; ``jacobianLeaf`` chooses ``x``. :meth:`JacobianFeature.show_leaf` and
:meth:`JacobianFeature.shown_leaf` are the provider the lessons use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEventLoop,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from playground.protocol.views import JacobianView, WireError, jacobian_from_wire
from playground.ui import death_text

#: Quiet time after a change before the kernel is asked (typing in the gradient grid).
REFRESH_MS = 150
#: Longest :meth:`JacobianFeature.show_leaf` waits for the kernel, in ms.
SHOW_WAIT_MS = 60_000
#: The diverging colour scale's ends (negative, positive); zero is white.
NEGATIVE = (67, 147, 195)
POSITIVE = (214, 96, 77)


def element_label(name: str, shape: Sequence[int], flat: int) -> str:
    """``z[0, 1]`` for element ``flat`` (row-major) of tensor ``name`` of ``shape``
    (``out`` for a scalar)."""
    if not shape:
        return name
    index = np.unravel_index(flat, tuple(shape))
    return f"{name}[{', '.join(str(int(i)) for i in index)}]"


def diverging(value: float, scale: float) -> QColor:
    """White at 0, blue for negative and red for positive values, full at ``±scale``."""
    if not math.isfinite(value) or scale <= 0:
        return QColor(255, 255, 255)
    t = min(1.0, abs(value) / scale)
    end = POSITIVE if value > 0 else NEGATIVE
    return QColor(*(round(255 + (c - 255) * t) for c in end))


def number(value: float) -> str:
    """A number as the panel's small tables write it."""
    return f"{value:.6g}"


class JacobianModel(QAbstractTableModel):
    """J's entries and nothing else: ``rows × columns = y.numel() × x.numel()``;
    DisplayRole is the number, BackgroundRole the diverging colour, headers ``y[i]``/``x[j]``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view: JacobianView | None = None
        self._matrix = np.zeros((0, 0))
        self._scale = 0.0

    def set_view(self, view: JacobianView | None) -> None:
        """Show ``view``'s J (none when it has none)."""
        self.beginResetModel()
        self._view = view
        matrix = view.jacobian if view is not None else None
        self._matrix = matrix if matrix is not None else np.zeros((0, 0))
        finite = self._matrix[np.isfinite(self._matrix)]
        self._scale = float(np.max(np.abs(finite))) if finite.size else 0.0
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """``y.numel()`` (0 without a J)."""
        return 0 if parent.isValid() else self._matrix.shape[0]

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """``x.numel()`` (0 without a J)."""
        return 0 if parent.isValid() else self._matrix.shape[1]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The entry ``J[row, column]`` (a float), its colour, tooltip and alignment."""
        if not index.isValid():
            return None
        value = float(self._matrix[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            return diverging(value, self._scale)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(20, 20, 20)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and self._view is not None:
            y = element_label(self._view.root, self._view.y_shape, index.row())
            x = element_label(self._view.leaf, self._view.x_shape, index.column())
            return f"∂{y}/∂{x} = {value!r}"
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """``y[i]`` down the side, ``x[j]`` along the top."""
        if role != Qt.ItemDataRole.DisplayRole or self._view is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return element_label(self._view.root, self._view.y_shape, section)
        return element_label(self._view.leaf, self._view.x_shape, section)


def _small_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(
    table: QTableWidget,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
) -> None:
    table.clear()
    table.setRowCount(len(rows))
    table.setColumnCount(len(columns))
    table.setVerticalHeaderLabels(list(rows))
    table.setHorizontalHeaderLabels(list(columns))
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            item = QTableWidgetItem("None" if value is None else number(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _fit_rows(table: QTableWidget, rows: int) -> None:
    """A table exactly ``rows`` rows high (and its scroll bar when it is wider than shown)."""
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(min(table.rowCount(), rows)))
    height += table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(height)


class JacobianPanel(QWidget):
    """The dock's widgets; :class:`JacobianFeature` feeds them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jacobianPanel")
        self.leaf = QComboBox(objectName="jacobianLeaf")
        self.leaf.setToolTip(self.tr("The leaf x of J = ∂y/∂x (y is the Backward panel's root)"))
        self.leaf.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.title = QLabel(objectName="jacobianTitle")
        self.title.setWordWrap(True)
        self.status = QLabel(objectName="jacobianStatus")
        self.status.setWordWrap(True)
        self.model = JacobianModel(self)
        self.table = QTableView(objectName="jacobianTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.v_label = QLabel(objectName="jacobianVLabel")
        self.v_table = _small_table("jacobianV")
        self.compare_label = QLabel(objectName="jacobianCompareLabel")
        self.compare = _small_table("jacobianCompare")
        self.check = QLabel(objectName="jacobianCheck")
        self.check.setWordWrap(True)
        self.fd_label = QLabel(objectName="jacobianFDLabel")
        self.fd_label.setWordWrap(True)
        self.fd_table = _small_table("jacobianFD")
        self._layout()
        self.show_sentence(self.tr("Run a script with a non-scalar result to see its Jacobian."))

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("leaf x:")))
        top.addWidget(self.leaf)
        top.addWidget(self.title, 1)
        fd = QVBoxLayout()
        fd.addWidget(self.fd_label)
        fd.addWidget(self.fd_table, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addLayout(fd, 2)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addLayout(middle, 1)
        for widget in (self.v_label, self.v_table, self.compare_label, self.compare, self.check):
            box.addWidget(widget)

    def set_leaves(self, leaves: Sequence[str], preferred: str | None = None) -> None:
        """Offer ``leaves``; keep the choice if still offered, else ``preferred`` or the first."""
        current = self.leaf.currentText()
        self.leaf.blockSignals(True)
        self.leaf.clear()
        self.leaf.addItems(list(leaves))
        for choice in (current, preferred):
            if choice and choice in leaves:
                self.leaf.setCurrentText(choice)
                break
        self.leaf.blockSignals(False)

    def show_sentence(self, text: str) -> None:
        """No J: only ``text`` (why not)."""
        self.model.set_view(None)
        self.status.setText(text)
        self.status.setVisible(True)
        self.title.setText("")
        for widget in self._detail_widgets():
            widget.setVisible(False)

    def _detail_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.table,
            self.v_label,
            self.v_table,
            self.compare_label,
            self.compare,
            self.check,
            self.fd_label,
            self.fd_table,
        )

    def show_view(self, view: JacobianView) -> None:
        """J, v, vᵀJ beside x.grad and the finite differences of ``view`` (status ``ok``)."""
        y, x = view.root, view.leaf
        m, n = view.jacobian.shape if view.jacobian is not None else (0, 0)
        self.title.setText(
            self.tr("J = ∂{y}/∂{x}: {m} × {n} (rows: {y}'s elements, columns: {x}'s)").format(
                y=y, x=x, m=m, n=n
            )
        )
        self.model.set_view(view)
        for widget in self._detail_widgets():
            widget.setVisible(True)
        self.status.setVisible(view.hooks > 0)
        self.status.setText(
            self.tr("The graph has hooks: they ran once per row of J while it was computed.")
        )
        rows = [element_label(y, view.y_shape, i) for i in range(m)]
        columns = [element_label(x, view.x_shape, j) for j in range(n)]
        self.v_label.setText(self.tr("v (the gradient of {y}.backward(v)):").format(y=y))
        v = view.v if view.v is not None else np.ones(m)
        _fill(self.v_table, ["v"], rows, [list(v)])
        _fit_rows(self.v_table, 1)
        self.compare_label.setText(self.tr("vᵀJ beside the real {x}.grad:").format(x=x))
        grad = list(view.grad) if view.grad is not None else [None] * n
        vjp = list(view.vjp) if view.vjp is not None else [None] * n
        _fill(self.compare, ["vᵀJ", f"{x}.grad"], columns, [vjp, grad])
        _fit_rows(self.compare, 2)
        self.check.setText(self.check_sentence(view))
        colour = "#1a7f37" if view.agree else "#b42318" if view.grad is not None else "#555555"
        self.check.setStyleSheet(f"color: {colour};")
        self._show_fd(view, rows, columns)

    def check_sentence(self, view: JacobianView) -> str:
        """✓ when vᵀJ equals x.grad, else ✗ and why (or that there is no x.grad yet)."""
        x = view.leaf
        if view.agree:
            return self.tr("✓ vᵀJ = {x}.grad").format(x=x)
        if view.grad is None:
            return self.tr(
                "{x}.grad is None: click Backward (with this v) to compare it with vᵀJ."
            ).format(x=x)
        if view.multiple is not None:
            return self.tr(
                "✗ {x}.grad = {k} × vᵀJ: it accumulated over {k} backward passes. "
                "Click Zero grad, then Backward once."
            ).format(x=x, k=view.multiple)
        return self.tr(
            "✗ {x}.grad ≠ vᵀJ: it also holds gradients of other backward passes (another v, "
            "another root, or several clicks). Click Zero grad, then Backward once with this v."
        ).format(x=x)

    def _show_fd(self, view: JacobianView, rows: list[str], columns: list[str]) -> None:
        self.fd_table.setVisible(view.fd is not None)
        if view.fd is not None:
            picked = [columns[j] for j in view.fd_columns]
            _fill(self.fd_table, rows, picked, view.fd.tolist())
        self.fd_label.setText(self.fd_sentence(view))

    def fd_sentence(self, view: JacobianView) -> str:
        """What the finite-difference columns say (or why there are none)."""
        limits, n = view.limits, int(np.prod(view.x_shape))
        seconds = f"{limits.get('fd_max_seconds', 0):g}"
        status = view.fd_status
        if status == "restricted":
            return self.tr(
                "Finite differences are not available in restricted mode: they run the "
                "script again, which needs Python mode (Trust and run as Python)."
            )
        if status == "failed":
            return self.tr("Finite differences failed: {why}.").format(why=view.fd_detail)
        if status == "no_binding":
            return self.tr(
                "Finite differences need the statement that binds {x}; none was found."
            ).format(x=view.leaf)
        if view.fd is None:
            return self.tr(
                "Finite differences took too long: each column runs the script twice "
                "(more than {s} s in all)."
            ).format(s=seconds)
        mark = "✓" if view.fd_agree else "✗"
        text = self.tr(
            "Finite differences (y(x + h) − y(x − h)) / 2h, in {dtype}: "
            "max |FD − J| = {diff} {mark}"
        ).format(dtype=view.fd_dtype, diff=f"{view.fd_max_diff:.2g}", mark=mark)
        done = len(view.fd_columns)
        if status == "capped":
            text += " " + self.tr("(the first {k} of {n} columns)").format(k=done, n=n)
        elif status == "timeout":
            text += " " + self.tr("(stopped after {k} of {n} columns: more than {s} s)").format(
                k=done, n=n, s=seconds
            )
        return text

    def status_sentence(self, view: JacobianView) -> str:
        """Why ``view`` has no J, in one sentence."""
        y, x = view.root, view.leaf
        status = view.status
        if status == "too_large":
            m, n = int(np.prod(view.y_shape)), int(np.prod(view.x_shape))
            return self.tr(
                "J would have {m} × {n} = {entries} entries, more than the {cap} shown here: "
                "pick a smaller root or leaf."
            ).format(
                m=m,
                n=n,
                entries=f"{view.entries:,}",
                cap=f"{view.limits.get('max_entries', 0):,.0f}",
            )
        sentences = {
            "no_root": self.tr("{y} is not a tensor of the last run."),
            "no_leaf": self.tr("{x} is not a tensor of the last run."),
            "no_grad_fn": self.tr(
                "{y} has no grad_fn (a leaf, or made under no_grad): autograd recorded no "
                "operation to differentiate, so there is no J = ∂{y}/∂{x}."
            ),
            "leaf_no_grad": self.tr("{x} does not require grad: autograd keeps no ∂{y}/∂{x}."),
            "empty": self.tr("{y} or {x} has no elements."),
            "complex": self.tr("{y} or {x} is complex: its J is not shown here."),
            "freed": self.tr(
                "The graph of {y} was freed by a backward without retain_graph=True. Click "
                "Run (Ctrl+R) to rebuild it, then keep “retain graph” ticked."
            ),
            "unreachable": self.tr(
                "{x} is not reachable from {y}: {y} does not depend on {x} in the graph, so "
                "J is all zeros and {y}.backward() gives {x} nothing."
            ),
            "timeout": self.tr("J took longer than {s} s to compute and was stopped."),
            "cancelled": self.tr("Computing J was stopped."),
            "error": self.tr("PyTorch could not compute J: {detail}"),
        }
        text = sentences.get(status, self.tr("No Jacobian: {status}."))
        seconds = f"{view.limits.get('max_seconds', 0):g}"
        return text.format(y=y, x=x, s=seconds, detail=view.detail, status=status)


class JacobianFeature(QObject):
    """Keeps the dock in step with the window: asks the kernel (in the worker) when the
    root, the leaf, the gradient grid or the state changes, and draws the answer."""

    #: A view was drawn (the :class:`JacobianView`).
    shown = Signal(object)

    def __init__(self, window: Any, panel: JacobianPanel, dock: Any) -> None:
        super().__init__(panel)
        self.window, self.panel, self.dock = window, panel, dock
        self.view: JacobianView | None = None
        self._next_id = 0
        self._in_flight: int | None = None
        self._again = False
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        backward = window.backward_panel
        window.session.stateChanged.connect(self._on_state_changed)
        window.session.actionDone.connect(self._on_action_done)
        backward.root_selector.currentTextChanged.connect(self.schedule)
        backward.gradient_editor.itemChanged.connect(self.schedule)
        panel.leaf.currentTextChanged.connect(self.schedule)
        dock.visibilityChanged.connect(self._on_visibility_changed)
        if window.session.state is not None:
            self._on_state_changed(window.session.state)

    # ---------------------------------------------------------------- provider
    def shown_leaf(self) -> str | None:
        """The leaf whose J is shown, or ``None`` when no J is shown."""
        view = self.view
        return view.leaf if view is not None and view.status == "ok" else None

    def show_leaf(self, name: str) -> None:
        """Choose leaf ``name``, raise the dock, compute J and wait (the window live)
        until it is shown; raises ``ValueError`` for a name the chooser does not offer."""
        if self.panel.leaf.findText(name) < 0:
            raise ValueError(f"{name!r} is not a leaf that requires grad")
        self.panel.leaf.blockSignals(True)
        self.panel.leaf.setCurrentText(name)
        self.panel.leaf.blockSignals(False)
        self.dock.show()
        self.dock.raise_()
        loop = QEventLoop(self)
        asked_after = self._next_id  # an answer to a request made from here on
        finished: list[bool] = []

        def done(view: Any) -> None:
            if view is None or (view.request_id or 0) > asked_after:
                finished.append(True)
                loop.quit()

        self.shown.connect(done)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        try:
            self.refresh()
            if not finished:
                timer.start(SHOW_WAIT_MS)
                loop.exec()
        finally:
            timer.stop()
            self.shown.disconnect(done)

    # ---------------------------------------------------------------- refresh
    def schedule(self, *_args: Any) -> None:
        """Ask again after a short quiet time (only while the dock is on screen)."""
        self._stale = True
        if self.panel.isVisible():
            self._timer.start()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self._timer.start()

    def _on_state_changed(self, state: Any) -> None:
        leaves = [name for name, t in state.tensors.items() if t.is_leaf and t.requires_grad]
        self.panel.set_leaves(leaves)
        self.schedule()

    def refresh(self) -> None:
        """Ask the kernel for J of the current root and leaf now (one request at a time)."""
        self._timer.stop()
        if self._in_flight is not None:
            self._again = True
            return
        self._again = False
        root = self.window.backward_panel.current_root()
        leaf = self.panel.leaf.currentText() or None
        session = self.window.session
        if session.state is None:
            return self._say(self.tr("Run a script to see its Jacobian."))
        if root is None:
            return self._say(self.tr("No tensor has a grad_fn: there is no root y."))
        if leaf is None:
            return self._say(self.tr("No leaf requires grad: there is no x."))
        try:
            gradient = self.window.backward_panel.gradient()
        except ValueError as exc:
            return self._say(str(exc))
        self._stale = False
        self._next_id += 1
        self._in_flight = self._next_id
        session.jacobian(root, leaf, gradient, self._next_id)

    def _say(self, text: str) -> None:
        self._stale = False
        self.view = None
        self.panel.show_sentence(text)
        self.shown.emit(None)

    def _on_action_done(self, op: str, outcome: Any) -> None:
        if op != "jacobian":
            return
        reply = outcome.reply
        asked = self._in_flight
        self._in_flight = None
        if reply is None:
            error = outcome.error
            said = death_text.message(error.message) if error is not None else None
            self._say(said or self.tr("No answer."))
        else:
            try:
                view = jacobian_from_wire(reply)
            except (WireError, KeyError) as exc:
                self._say(self.tr("The kernel sent a malformed answer ({why}).").format(why=exc))
            else:
                if view.request_id == asked and not self._again:
                    self._draw(view)
        if self._again:
            self.refresh()

    def _draw(self, view: JacobianView) -> None:
        self.view = view
        if view.status == "ok":
            self.panel.show_view(view)
        else:
            self.panel.show_sentence(self.panel.status_sentence(view))
        self.shown.emit(view)


def install(window: Any) -> JacobianFeature:
    """The "Jacobian (vᵀJ)" dock beside the graph; returns its provider."""
    panel = JacobianPanel()
    title = QCoreApplication.translate("JacobianPanel", "Jacobian (vᵀJ)")
    dock = window.add_feature_dock(title, "jacobianDock", panel, "graph_tab")
    return JacobianFeature(window, panel, dock)
