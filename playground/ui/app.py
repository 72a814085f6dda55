"""Start the desktop app: ``QApplication``, icon, the main window, the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from playground.ui.i18n import welcome_text
from playground.ui.main_window import APP_TITLE, MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """The running ``QApplication`` (created with name and icon when there is none)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("gradient-playground")
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("gradient-playground")
    from playground.ui.i18n import install_translator

    install_translator(app)  # before any window: widgets take their texts when built
    from playground.resources import icon_path

    icon = icon_path()
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(path: str | None) -> int:
    """Open the window (with *path* loaded, or the welcome script) and run the event loop."""
    if path is not None and not Path(path).is_file():
        print(f"gradient-playground: no such file: {path}", file=sys.stderr)
        return 2
    app = make_application()
    # The window paints at once; the kernel imports torch meanwhile and the first run
    # shows up when it is ready.
    window = MainWindow(welcome_text() if path is None else "", first_run_sync=False)
    if path is not None and not window.files.load(Path(path)):
        return 1
    from playground.ui.startup_probe import install_if_requested

    install_if_requested(window)  # GRADIENT_PLAYGROUND_STARTUP_PROBE=1: quit at first paint
    window.show()
    window.run_now()
    if window.files.offer_recovery():  # asked over the window, not over an empty screen
        window.run_now()
    return int(app.exec())
