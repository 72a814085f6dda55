"""A lesson: a percent-format ``.py`` (jupytext) with text cells and self-checking steps.

Qt-free and torch-free. :func:`parse_lesson` reads a script with jupytext into a
:class:`Lesson` (title per language, the Backward root, the gradient variable, the
steps with their ``check`` and ``do``, the text cells per language and the code
cells); the format is described in ``docs/lessons.md``. :func:`is_lesson` answers for
a plain script without importing jupytext, and :func:`header_metadata` reads only the
YAML header (the Examples menu's titles, at start-up).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from playground.core.cells import MARKER_ANYWHERE
from playground.core.lesson_checks import Check, CheckError, compile_check

#: The lesson languages; the first is the fallback.
LANGUAGES = ("en", "zh_CN")
#: Our key in jupytext's notebook metadata (``jupyter: gradient_playground:``).
METADATA_KEY = "gradient_playground"

_HEADER_START = re.compile(r"^# ---[ \t]*$", re.MULTILINE)


class LessonError(ValueError):
    """A lesson file whose metadata does not follow ``docs/lessons.md``."""


def lesson_language(code: str | None) -> str:
    """The lesson language for an interface language code (``zh_CN``, ``zh``, ``en_US``)."""
    if code and code.replace("-", "_").lower().startswith("zh"):
        return "zh_CN"
    return "en"


# --------------------------------------------------------------------------- actions
#: ``do`` verb -> the argument pattern (checked by :func:`parse_action`).
ACTION_VERBS = (
    "backward",
    "zero_grad",
    "run",
    "root",
    "retain_graph",
    "grid",
    "requires_grad",
    "no_grad",
    "uncomment",
    "comment",
    "edit",
    "repeat",
    "step",
    "jacobian",
    "timeline",
)


@dataclass(frozen=True)
class Action:
    """One ``do`` action: its verb and arguments (``edit``: line and the new text)."""

    verb: str
    args: tuple[Any, ...] = ()
    text: str = ""


def _on_off(word: str, text: str) -> bool:
    if word not in ("on", "off"):
        raise LessonError(f"{text!r}: expected on or off, not {word!r}")
    return word == "on"


def _number(word: str, text: str) -> float:
    try:
        return float(word)
    except ValueError:
        raise LessonError(f"{text!r}: {word!r} is not a number") from None


def parse_action(item: Any) -> Action:
    """Parse one ``do`` item (see ``docs/lessons.md``); raise :class:`LessonError`."""
    if isinstance(item, dict) and len(item) == 1:  # YAML read "edit 5: y = 1" as a mapping
        ((key, value),) = item.items()
        item = f"{key}: {value}"
    if not isinstance(item, str) or not item.strip():
        raise LessonError(f"{item!r} is not an action")
    text = item.strip()
    if text.startswith("edit "):
        head, sep, code = text[5:].partition(":")
        if not sep:
            raise LessonError(f"{text!r}: write edit LINE: NEW TEXT")
        return Action("edit", (_count(head.strip(), text, 1),), code.strip(" "))
    words = shlex.split(text) if '"' in text or "'" in text else text.split()
    verb, rest = words[0], words[1:]
    arity = {
        "backward": 0,
        "run": 0,
        "root": 1,
        "retain_graph": 1,
        "requires_grad": 2,
        "no_grad": 1,
        "uncomment": 1,
        "comment": 1,
        "repeat": 1,
        "step": 1,
        "jacobian": 1,
        "timeline": 1,
    }
    if verb == "zero_grad":
        if rest not in ([], ["none"]):
            raise LessonError(f"{text!r}: write zero_grad or zero_grad none")
        return Action(verb, (bool(rest),))
    if verb == "grid":
        if not rest:
            raise LessonError(f"{text!r}: grid needs the values")
        return Action(verb, tuple(_number(w, text) for w in rest))
    if verb not in arity:
        raise LessonError(f"{text!r}: unknown action {verb!r} (one of {', '.join(ACTION_VERBS)})")
    if len(rest) != arity[verb]:
        raise LessonError(f"{text!r}: {verb} takes {arity[verb]} argument(s)")
    return Action(verb, _action_args(verb, rest, text))


def _action_args(verb: str, rest: list[str], text: str) -> tuple[Any, ...]:
    if verb == "retain_graph":
        return (_on_off(rest[0], text),)
    if verb == "requires_grad":
        return (rest[0], _on_off(rest[1], text))
    if verb in ("no_grad", "uncomment", "comment", "repeat"):
        return (_count(rest[0], text, 1),)
    if verb in ("step", "timeline"):
        return (_count(rest[0], text, 0),)
    return tuple(rest)


def _count(word: str, text: str, minimum: int) -> int:
    if not word.isdigit() or int(word) < minimum:
        raise LessonError(f"{text!r}: expected a whole number from {minimum}, not {word!r}")
    return int(word)


# --------------------------------------------------------------------------- the lesson
@dataclass(frozen=True)
class Step:
    """One step: its text per language, its check and the clicks that get there."""

    text: dict[str, str]
    check: Check
    do: tuple[Action, ...]
    #: The ``do`` items as written (for messages).
    do_text: tuple[str, ...] = ()

    def text_in(self, language: str) -> str:
        """The step's Markdown text in ``language`` (English when it has none)."""
        return _in_language(self.text, language)


@dataclass(frozen=True)
class TextCell:
    """A Markdown cell: its language (``None``: shown in every language) and source."""

    language: str | None
    source: str


@dataclass(frozen=True)
class Lesson:
    """What :func:`parse_lesson` read (see the module docstring)."""

    title: dict[str, str]
    root: str | None
    gradient: str | None
    steps: tuple[Step, ...]
    text_cells: tuple[TextCell, ...]
    code_cells: tuple[str, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    def title_in(self, language: str) -> str:
        """The title in ``language`` (English, or empty, when it has none)."""
        return _in_language(self.title, language)

    def text_in(self, language: str) -> str:
        """The Markdown of the text cells shown in ``language``, one after the other."""
        return "\n\n".join(c.source for c in self.cells_in(language))

    def cells_in(self, language: str) -> list[TextCell]:
        """The text cells shown in ``language`` (its own and the ones without a language);
        a lesson with no cell in that language shows the English ones."""
        own = [c for c in self.text_cells if c.language in (None, language)]
        if any(c.language == language for c in self.text_cells):
            return own
        return [c for c in self.text_cells if c.language in (None, LANGUAGES[0])]

    def needs(self, verb: str) -> list[int]:
        """Indexes of the steps with a ``do`` action ``verb`` or a check calling it
        (``jacobian``, ``timeline``: those need the panel's provider)."""
        found = []
        for i, step in enumerate(self.steps):
            in_do = any(a.verb == verb for a in step.do)
            if in_do or re.search(rf"\b{verb}\b", step.check.source):
                found.append(i)
        return found


def _in_language(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get(LANGUAGES[0]) or next(iter(texts.values()), "")


def is_lesson(text: str) -> bool:
    """Whether ``text`` is a lesson (lesson metadata or a Markdown cell). Plain scripts
    (no ``# %%`` and no ``# ---`` header) answer at once, without jupytext."""
    if not MARKER_ANYWHERE.search(text) and not _has_header(text):
        return False
    try:
        return parse_lesson(text) is not None
    except LessonError:
        return True  # a lesson with a mistake in it is still a lesson (the panel says what)


def _has_header(text: str) -> bool:
    match = _HEADER_START.search(text)
    return match is not None and not text[: match.start()].strip("\n").strip()


def parse_lesson(text: str) -> Lesson | None:
    """The lesson in ``text``, or ``None`` for a script that is not one; cached by text.
    Raises :class:`LessonError` for lesson metadata that does not follow the format."""
    if not MARKER_ANYWHERE.search(text) and not _has_header(text):
        return None
    return _parse(text)


@lru_cache(maxsize=64)
def _parse(text: str) -> Lesson | None:
    import jupytext  # ~0.3 s: only for scripts that look like lessons

    try:
        notebook = jupytext.reads(text, fmt="py:percent")
    except Exception as exc:  # noqa: BLE001 - jupytext's YAML and format errors vary
        raise LessonError(f"jupytext could not read the lesson: {exc}") from None
    meta = notebook.metadata.get(METADATA_KEY)
    cells = [
        TextCell(_cell_language(c.metadata), c.source)
        for c in notebook.cells
        if c.cell_type == "markdown"
    ]
    code = tuple(c.source for c in notebook.cells if c.cell_type == "code")
    if meta is None and not cells:
        return None
    return _lesson(meta if meta is not None else {}, tuple(cells), code)


def _cell_language(metadata: dict[str, Any]) -> str | None:
    lang = metadata.get("lang")
    return str(lang) if lang else None


def header_metadata(text: str) -> dict[str, Any]:
    """Our metadata from the YAML header alone (no jupytext: the Examples menu reads
    every lesson's title at start-up); ``{}`` when there is none or it does not parse."""
    if not _has_header(text):
        return {}
    import yaml

    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "# ---")
    body = []
    for line in lines[start + 1 :]:
        if line.rstrip() == "# ---":
            break
        body.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    try:
        header = yaml.safe_load("\n".join(body)) or {}
    except yaml.YAMLError:
        return {}
    jupyter = header.get("jupyter") if isinstance(header, dict) else None
    meta = jupyter.get(METADATA_KEY) if isinstance(jupyter, dict) else None
    return meta if isinstance(meta, dict) else {}


def header_title(text: str, language: str) -> str | None:
    """The lesson's title in ``language`` from its header, or ``None``."""
    title = header_metadata(text).get("title")
    if isinstance(title, str):
        return title
    if isinstance(title, dict):
        texts = {str(k): str(v) for k, v in title.items()}
        return _in_language(texts, language) or None
    return None


def _texts(value: Any, what: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {LANGUAGES[0]: value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    raise LessonError(f"{what} is text, or a text per language (en:, zh_CN:)")


def _lesson(meta: dict[str, Any], cells: tuple[TextCell, ...], code: tuple[str, ...]) -> Lesson:
    if not isinstance(meta, dict):
        raise LessonError(f"{METADATA_KEY} must be a mapping")
    title = _texts(meta.get("title"), "title")
    name = title.get(LANGUAGES[0], "the lesson")
    for key in ("root", "gradient"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise LessonError(f"{name}: {key} is a variable name")
    raw_steps = meta.get("steps") or []
    if not isinstance(raw_steps, list):
        raise LessonError(f"{name}: steps is a list")
    steps = tuple(_step(raw, f"{name}, step {i}") for i, raw in enumerate(raw_steps, 1))
    known = {"title", "root", "gradient", "steps"}
    extra = {k: v for k, v in meta.items() if k not in known}
    return Lesson(title, meta.get("root"), meta.get("gradient"), steps, cells, code, extra)


def _step(raw: Any, where: str) -> Step:
    if not isinstance(raw, dict):
        raise LessonError(f"{where}: a step is a mapping with en, zh_CN, check and do")
    texts = {k: v for k, v in raw.items() if k in LANGUAGES}
    if not texts:
        raise LessonError(f"{where}: the step has no text (en:, zh_CN:)")
    if not all(isinstance(v, str) for v in texts.values()):
        raise LessonError(f"{where}: the step's text is text")
    unknown = set(raw) - {*LANGUAGES, "check", "do"}
    if unknown:
        raise LessonError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if "check" not in raw:
        raise LessonError(f"{where}: the step has no check")
    try:
        check = compile_check(str(raw["check"]), where)
    except CheckError as exc:
        raise LessonError(str(exc)) from None
    do = raw.get("do") or []
    if isinstance(do, str):
        do = [do]
    if not isinstance(do, list):
        raise LessonError(f"{where}: do is a list of actions")
    try:
        actions = tuple(parse_action(item) for item in do)
    except LessonError as exc:
        raise LessonError(f"{where}: {exc}") from None
    return Step(texts, check, actions, tuple(str(item) for item in do))
