"""Read a script file as Python reads it: PEP 263 coding declarations and a UTF-8 BOM.

A Jupyter notebook (``.ipynb``) reads as its percent script (:mod:`playground.core.notebook`),
with notes on the IPython-only lines left out (:func:`read_source`).
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

from playground.core.errors import PlaygroundError
from playground.core.notebook import MAX_NOTEBOOK_BYTES, DroppedLine, notebook_to_script

#: Largest script accepted (bytes).
MAX_SOURCE_BYTES = 1_000_000


def read_script(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> str:
    """The script's text (without a BOM); ``PlaygroundError`` for a file Python can't
    decode or one over ``max_bytes``; ``OSError`` when it can't be read at all."""
    size = path.stat().st_size
    if size > max_bytes:
        raise PlaygroundError(
            f"the script is {size:,} bytes, over the playground's limit of {max_bytes:,} bytes"
        )
    data = path.read_bytes()
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise PlaygroundError(f"SyntaxError: {exc}") from None
    try:
        text = data.decode(encoding)
    except LookupError:  # a codec that is no text encoding (``# coding: rot13``)
        raise PlaygroundError(f"SyntaxError: encoding problem: {encoding}") from None
    except UnicodeDecodeError as exc:
        raise PlaygroundError(f"SyntaxError: the file is not valid {encoding}: {exc}") from None
    return text.removeprefix("\ufeff")


@dataclass(frozen=True)
class SourceText:
    """A file's script text, and what was dropped from a notebook to get it."""

    text: str
    #: The notebook's IPython-only lines left out (empty for a ``.py``).
    dropped: tuple[DroppedLine, ...] = ()


def is_notebook(path: Path | str) -> bool:
    """Whether *path* names a Jupyter notebook (``.ipynb``)."""
    return Path(path).suffix.lower() == ".ipynb"


def read_source(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> SourceText:
    """The script of *path*: a ``.py`` as :func:`read_script` reads it, a ``.ipynb`` as
    its percent script; ``PlaygroundError`` (one line) for a file that is neither."""
    if not is_notebook(path):
        return SourceText(read_script(path, max_bytes))
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise PlaygroundError(
            f"the notebook is {size:,} bytes, over the playground's limit of "
            f"{MAX_NOTEBOOK_BYTES:,} bytes"
        )
    converted = notebook_to_script(path.read_bytes())
    if len(converted.text.encode("utf-8")) > max_bytes:
        raise PlaygroundError(
            f"the notebook's code is over the playground's limit of {max_bytes:,} bytes"
        )
    return SourceText(converted.text, converted.dropped)
