"""Why is this gradient None? The Inspector asks the kernel, the graph outlines the cut.

When the tensor shown in the Inspector has a ``.grad`` that is None, all zeros or not
kept, the Inspector asks :meth:`SessionClient.why_none` (the kernel walks the real graph,
:mod:`playground.kernel.why_none`) and shows the sentence with its fix; this link
outlines the answer's nodes in the graph (``GraphPanel.highlight_nodes``) and clears
the outline when the Inspector shows a tensor with a gradient.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from playground.ui import why_none_text


class WhyNoneLink(QObject):
    """Answers the Inspector's question (one kernel request per tensor and state) and
    shows the answer's cut in the graph."""

    def __init__(self, session: Any, graph_panel: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._graph = graph_panel
        self._state: Any = None
        self._answers: dict[str, Any] = {}

    def ask(self, name: str) -> Any:
        """The kernel's ``WhyNoneView`` for ``name`` in the state on screen (cached until
        the state changes; ``None`` while the kernel is busy)."""
        state = self._session.state
        if state is not self._state:
            self._state, self._answers = state, {}
        if name not in self._answers:
            answer = self._session.why_none(name)
            if answer is None:
                return None  # busy: ask again next time
            self._answers[name] = answer
        return self._answers[name]

    def show(self, why: Any) -> None:
        """Outline ``why``'s nodes in the graph (``None``: clear the outline)."""
        if why is None or not why.node_ids:
            self._graph.clear_highlight()
        else:
            self._graph.highlight_nodes(list(why.node_ids), why_none_text.sentence(why))


def install(window: Any) -> WhyNoneLink:
    """Connect the Inspector to the kernel's "why None?" answers and the graph's outline."""
    link = WhyNoneLink(window.session, window.graph_panel, window)
    window.inspector.why_provider = link.ask
    window.inspector.whyNoneShown.connect(link.show)
    return link
