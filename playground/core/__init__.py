"""Qt-free core of Gradient Playground (must never import PySide6 or pyqtgraph)."""
