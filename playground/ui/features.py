"""The window's feature modules, each installed by ``install(window)`` in this order.

A feature module builds its own widgets, adds its docks with
``window.add_feature_dock`` and its actions with ``window.add_action`` /
``window.add_menu_action``, and connects itself to ``window.session`` (the one evented
session client) and the window's panels. ``main_window`` knows nothing else about it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Installer = Callable[[Any], Any]


def installers() -> list[tuple[str, Installer]]:
    """``(name, install)`` for every feature, in installation order."""
    found: list[tuple[str, Installer]] = []
    from playground.ui import grad_flow_panel

    found.append(("grad_flow", grad_flow_panel.install))
    from playground.ui import why_none_link

    found.append(("why_none", why_none_link.install))
    from playground.ui import timeline_bar

    found.append(("timeline", timeline_bar.install))
    from playground.ui import lesson_panel

    found.append(("lesson", lesson_panel.install))
    from playground.ui import cells, notebook_notes

    found.append(("cells", cells.install))
    found.append(("notebook_notes", notebook_notes.install))
    from playground.ui import jacobian_panel

    found.append(("jacobian", jacobian_panel.install))
    return found
