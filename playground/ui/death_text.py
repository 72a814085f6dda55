"""Why a run's process ended (a crash, a limit, Stop) or the kernel failed, in the
interface's language.

:mod:`playground.protocol.client` words each end in English from a key and its
arguments (:data:`playground.protocol.client.REASONS`; the command line prints that
English) and keeps both on :class:`~playground.protocol.client.ChildDied` and
``KernelError``; this table repeats each template inside ``QT_TRANSLATE_NOOP`` for
``pyside6-lupdate``, and the window words the sentence from the translated templates. A
test keeps both tables the same; an end without a known key shows its English reason.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.ui.keyed_text import translated_sentence

#: Translation context of the sentences.
CONTEXT = "KernelDeath"

#: Key -> English template, exactly as :data:`playground.protocol.client.REASONS`.
SOURCES: dict[str, str] = {
    "at_line": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "{reason} at line {line}",
    ),
    "stopped": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "stopped (the Stop button)",
    ),
    "signal": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the script crashed the process running it ({signal}); your script and the "
        "window are unaffected",
    ),
    "signal_number": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "signal {number}",
    ),
    "exit_status": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the process running the script ended unexpectedly (exit status {code})",
    ),
    "malformed": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the kernel sent a malformed message ({error})",
    ),
    "memory": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the script used more than {size} and was stopped",
    ),
    "time": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the script ran longer than {seconds} s and was stopped",
    ),
    "not_started": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the kernel did not start: {error}",
    ),
    "unexpected_first": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "unexpected first message {op}",
    ),
    "slow_start": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the kernel took too long to start",
    ),
    "no_answer": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the kernel did not answer: {error}",
    ),
    "no_child": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the kernel did not hand over a child",
    ),
    "bad_child": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "the kernel sent a malformed child message",
    ),
    "nothing_running": QT_TRANSLATE_NOOP(
        "KernelDeath",
        "nothing is running: click Run (Ctrl+R) first",
    ),
}


def _translated(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, SOURCES[key])


def message(text: str) -> str:
    """*text* in the interface's language when it is one of the table's sentences without
    arguments (``nothing is running: click Run (Ctrl+R) first``), else *text*."""
    for key, english in SOURCES.items():
        if english == text and "{" not in english:
            return _translated(key)
    return text


def reason(died: Any) -> str:
    """The sentence of *died* (a ``ChildDied`` or ``KernelError``) in the interface's
    language, else its English text."""
    english = getattr(died, "reason", None) or str(died)
    key, params = getattr(died, "key", ""), getattr(died, "params", {})
    return translated_sentence(CONTEXT, SOURCES, key, params, english)
