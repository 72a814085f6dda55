"""Fixtures shared by the window's panel tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def editor(qtbot):
    """A bare :class:`~playground.ui.editor.CodeEditor`, 600×400, not shown."""
    from playground.ui.editor import CodeEditor

    widget = CodeEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    return widget


@pytest.fixture
def plot_panel(qtbot):
    """A shown :class:`~playground.ui.plot_panel.PlotPanel`, 900×600."""
    from playground.ui.plot_panel import PlotPanel

    widget = PlotPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
