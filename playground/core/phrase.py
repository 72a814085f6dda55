"""A sentence as a stable key and its arguments, so the window can word it in its own
language what the Qt-free layers word in English.

The kernel and the protocol layer keep an English template per key
(``"{name} does not require grad"``) and send the key with its arguments; the window
looks the key up in a translatable copy of the table. An argument is plain data: a
string or a number (names, line numbers, code, which stay as they are), a list of
strings (joined with the :data:`AND` template), or a nested phrase
``{"key": ..., "args": {...}}`` (a translatable part such as "the output").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["AND", "MAX_ARGS", "MAX_DEPTH", "check_args", "phrase", "render"]

#: The template key that joins a list argument (English: ``" and "``).
AND = "and"
#: Most arguments of one phrase, and most nesting of phrases.
MAX_ARGS = 16
MAX_DEPTH = 3
#: Longest key, argument name and text argument accepted from the wire.
MAX_KEY = 64
MAX_VALUE = 2000


def phrase(key: str, **args: Any) -> dict[str, Any]:
    """A nested phrase argument: ``{"key": key, "args": args}``."""
    return {"key": key, "args": args}


def render(key: str, args: Mapping[str, Any], lookup: Callable[[str], str]) -> str:
    """The sentence of *key*: ``lookup(key)`` formatted with *args*, nested phrases
    rendered with the same *lookup* and lists joined with ``lookup(AND)``.

    Raises ``KeyError``/``IndexError``/``ValueError`` when a template does not fit its
    arguments (the caller falls back to another table)."""
    values = {name: _value(value, lookup) for name, value in args.items()}
    return lookup(key).format(**values)


def _value(value: Any, lookup: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        return render(value["key"], value.get("args", {}), lookup)
    if isinstance(value, list):
        return lookup(AND).join(str(v) for v in value)
    return value


def check_args(args: Any, depth: int = 0) -> dict[str, Any]:
    """*args* checked as plain phrase arguments (see the module text); a copy.

    Raises ``ValueError`` for anything else (a wrong type, too many, too deep, too long)."""
    if not isinstance(args, dict) or len(args) > MAX_ARGS:
        raise ValueError("phrase args: not a small dict")
    checked: dict[str, Any] = {}
    for name, value in args.items():
        if not isinstance(name, str) or not name.isidentifier() or len(name) > MAX_KEY:
            raise ValueError(f"phrase args: bad name {name!r}")
        checked[name] = _check_value(value, depth)
    return checked


def _check_value(value: Any, depth: int) -> Any:
    if isinstance(value, bool) or value is None:
        raise ValueError("phrase args: not a string, number, list or phrase")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        if len(value) > MAX_VALUE:
            raise ValueError("phrase args: text too long")
        return value
    if isinstance(value, list):
        if len(value) > MAX_ARGS or not all(isinstance(v, str) for v in value):
            raise ValueError("phrase args: a list must be a few strings")
        return [_check_value(v, depth) for v in value]
    if isinstance(value, dict) and depth < MAX_DEPTH:
        if set(value) - {"key", "args"} or not isinstance(value.get("key"), str):
            raise ValueError("phrase args: a nested phrase is {key, args}")
        if len(value["key"]) > MAX_KEY:
            raise ValueError("phrase args: key too long")
        return {"key": value["key"], "args": check_args(value.get("args", {}), depth + 1)}
    raise ValueError("phrase args: not a string, number, list or phrase")
