"""A sentence the kernel or the protocol layer sent in English with its key and
arguments, shown in the interface's language from a ``QT_TRANSLATE_NOOP`` table.

The table's English must render exactly the sentence that came (else the wording
changed somewhere and English is shown until the table is updated), and a
translation that lost a placeholder falls back to English too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from playground.core.phrase import render


def translated_sentence(
    context: str, sources: Mapping[str, str], key: str, args: Mapping[str, Any], english: str
) -> str:
    """``english`` in the interface's language, through ``sources[key]`` in ``context``."""
    if not key or key not in sources:
        return english

    def translate(name: str) -> str:
        return QCoreApplication.translate(context, sources[name])

    try:
        if render(key, args, sources.__getitem__) != english:
            return english
        return render(key, args, translate)
    except (KeyError, IndexError, ValueError):
        return english
