"""Qt (PySide6) and pyqtgraph views; they only orchestrate the core and draw."""
