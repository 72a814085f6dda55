"""Workspace trust, as VS Code does it: files from disk run restricted until trusted.

A file is trusted per path *and* content: the settings remember the SHA-256 of the
text the user trusted, so a trusted file that changed on disk runs restricted again.
Typed or pasted code and the built-in lessons are the user's own and run as Python.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from playground.ui.files import settings

_GROUP = "trust"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def is_trusted(path: str, text: str) -> bool:
    """Whether the user trusted this file with exactly this content."""
    return settings().value(f"{_GROUP}/{_key(path)}") == _digest(text)


def trust(path: str, text: str) -> None:
    """Remember that the user trusts this file with this content."""
    store = settings()
    store.setValue(f"{_GROUP}/{_key(path)}", _digest(text))
    store.sync()


class TrustBar(QFrame):
    """The bar above the editor in restricted mode, with **Trust and run as Python**."""

    trustRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#trustBar { background: #fff4ce; }")
        self.label = QLabel(self)
        self.label.setObjectName("trustLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Trust and run as Python"), self)
        self.button.setObjectName("trustButton")
        self.button.setToolTip(
            self.tr(
                "Run this file as full Python (still sandboxed: no writes outside a scratch "
                "folder, no network, no new processes). Remembered for this file's content."
            )
        )
        self.button.clicked.connect(self.trustRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.show_reason("")

    def show_reason(self, reason: str) -> None:
        """Show the bar with ``reason`` (hide it for an empty one)."""
        if not reason:
            self.hide()
            return
        self.label.setText(reason)
        self.show()
