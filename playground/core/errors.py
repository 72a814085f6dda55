"""The playground's own error types: the only exceptions that leave the core.

Every error carries the 1-based ``line`` and 1-based ``col`` of the construct it
is about (``None`` when it is about the whole script), so that every message can
say *where*: ``3:14: attribute '__class__' is not available in the playground``.
"""

from __future__ import annotations

from typing import Any


class PlaygroundError(Exception):
    """Base class of every error the playground reports to a user."""

    #: ``gradient-playground run`` exits with this code for the error.
    exit_code = 2

    def __init__(
        self,
        message: str,
        line: int | None = None,
        col: int | None = None,
        exc_type: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        #: Name of the Python/PyTorch exception type, e.g. ``"RuntimeError"``.
        self.exc_type = exc_type

    def location(self) -> str:
        """``"line:col"`` (or ``"line"``, or ``""``) of the error."""
        if self.line is None:
            return ""
        if self.col is None:
            return f"{self.line}"
        return f"{self.line}:{self.col}"

    def describe(self) -> str:
        """The message without location: ``"RuntimeError: <msg>"`` or the plain sentence."""
        return f"{self.exc_type}: {self.message}" if self.exc_type else self.message

    def format(self, filename: str | None = None) -> str:
        """One line: ``[filename:]line:col: <describe()>``."""
        parts = [p for p in (filename, self.location()) if p]
        prefix = ":".join(parts)
        return f"{prefix}: {self.describe()}" if prefix else self.describe()

    def __str__(self) -> str:
        return self.format()


class ScriptRefused(PlaygroundError):
    """The script was not run at all: syntax error, a construct outside the subset, or too big.

    A refusal of the playground's own (not Python's ``SyntaxError``) carries a ``hint``,
    its way forward (:mod:`playground.core.refusal_hints`), which ends the ``message``:
    ``1:8: import of module 'os' is not available in the playground. To run the file as
    full Python, click 'Trust and run as Python' above the editor (...)``.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        line: int | None = None,
        col: int | None = None,
        exc_type: str | None = None,
        *,
        hint: str | None = None,
        key: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{message}. {hint}" if hint else message, line, col, exc_type)
        #: What is refused, without the way forward.
        self.refused = message
        #: What to write instead, or how to run the file as Python (``None``: Python's own error).
        self.hint = hint
        #: The whole message's template key and arguments
        #: (:mod:`playground.core.refusal_templates`; ``""``: Python's own text), for the
        #: window to word it in its language.
        self.key = key
        self.params = params or {}


class LimitExceeded(PlaygroundError):
    """A resource limit was hit while running (memory, elements, steps, time, output, integers)."""

    exit_code = 2


class RunCancelled(LimitExceeded):
    """The run was cancelled from outside (the GUI's cancel flag)."""

    exit_code = 2


class ScriptFailed(PlaygroundError):
    """The script raised, as Python would: a PyTorch or Python error at a statement.

    ``exc_type`` is the original exception's type name and ``message`` its text,
    unchanged, so what the user reads is PyTorch's own wording.
    """

    exit_code = 1
