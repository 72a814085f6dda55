"""PyTorch-aware syntax highlighting for the code editor.

Python keywords, strings, numbers and comments as usual; on top of that the names
the interpreter actually offers (``torch.<fn>``, ``F.<fn>``, tensor methods and
attributes from :mod:`playground.core.names_table`) and the autograd vocabulary
(``backward``, ``grad``, ``requires_grad``, ``no_grad``) stand out.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from playground.core import names_table

#: Autograd words shown in the strongest colour.
AUTOGRAD_WORDS = (
    "backward",
    "grad",
    "requires_grad",
    "requires_grad_",
    "grad_fn",
    "is_leaf",
    "no_grad",
    "enable_grad",
    "retain_graph",
    "retain_grad",
    "detach",
    "zero_",
)


def _fmt(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


def torch_vocabulary() -> tuple[set[str], set[str]]:
    """(function names after ``torch.``/``F.``, tensor method and attribute names).

    Taken from the playground's name tables (:mod:`playground.core.names_table`, the
    lists the interpreter's whitelist is built from; no torch import).
    """
    functions = set(names_table.TORCH_FUNCTIONS) | set(names_table.F_FUNCTIONS)
    members = set(names_table.TENSOR_METHODS) | set(names_table.TENSOR_ATTRIBUTES)
    return functions, members


def _word_pattern(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"


class TorchHighlighter(QSyntaxHighlighter):
    """Highlights Python plus the PyTorch subset the playground runs."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        functions, members = torch_vocabulary()
        self.keyword_format = _fmt("#7b1fa2", bold=True)
        self.torch_format = _fmt("#1565c0")
        self.member_format = _fmt("#00838f")
        self.autograd_format = _fmt("#e65100", bold=True)
        self.number_format = _fmt("#2e7d32")
        self.string_format = _fmt("#a1552c")
        self.comment_format = _fmt("#757575", italic=True)
        self.builtin_format = _fmt("#6a1b9a")
        known_fn = _word_pattern(functions) if functions else r"[A-Za-z_]\w*"
        known_member = _word_pattern(members) if members else r"(?!)"
        self._rules: list[tuple[re.Pattern[str], QTextCharFormat]] = [
            (re.compile(r"\b(?:torch|F|nn)\b"), self.torch_format),
            (re.compile(rf"\b(?:torch|F)\.(?:{known_fn})\b"), self.torch_format),
            (re.compile(rf"\.(?:{known_member})\b"), self.member_format),
            (re.compile(rf"\b(?:{_word_pattern(AUTOGRAD_WORDS)})\b"), self.autograd_format),
            (re.compile(rf"\b(?:{_word_pattern(keyword.kwlist)})\b"), self.keyword_format),
            (re.compile(r"\b(?:print|range|len|sum|min|max|abs|float|int)\b"), self.builtin_format),
            (
                re.compile(r"\b(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)j?\b"),
                self.number_format,
            ),
        ]
        self._string = re.compile(
            r"""[rRbBfFuU]{0,2}("[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*')"""
        )
        self._comment = re.compile(r"#[^\n]*")
        self._triple = re.compile(r'"""|\'\'\'')

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Colour one line; triple-quoted strings carry over through the block state."""
        for pattern, fmt in self._rules:
            for match in pattern.finditer(text):
                self._apply(text, match.start(), match.end(), fmt)
        covered: list[tuple[int, int]] = []
        for match in self._string.finditer(text):
            self._apply(text, match.start(), match.end(), self.string_format)
            covered.append(match.span())
        for match in self._comment.finditer(text):
            if not any(a <= match.start() < b for a, b in covered):
                self._apply(text, match.start(), len(text), self.comment_format)
                break
        self._triple_quotes(text)

    def _triple_quotes(self, text: str) -> None:
        self.setCurrentBlockState(0)
        start = 0 if self.previousBlockState() == 1 else None
        pos = 0
        while True:
            if start is None:
                match = self._triple.search(text, pos)
                if match is None:
                    return
                start, pos = match.start(), match.end()
            match = self._triple.search(text, pos)
            if match is None:
                self._apply(text, start, len(text), self.string_format)
                self.setCurrentBlockState(1)
                return
            self._apply(text, start, match.end(), self.string_format)
            start, pos = None, match.end()

    def _apply(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        # QSyntaxHighlighter counts UTF-16 units; Python counts code points.
        qstart = len(text[:start].encode("utf-16-le")) // 2
        qend = len(text[:end].encode("utf-16-le")) // 2
        self.setFormat(qstart, qend - qstart, fmt)
