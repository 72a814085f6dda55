"""Restricted-mode refusals rebuilt in the window from their key: the English is the
checker's message for every refusal site, the Chinese keeps the code, names and the
location, and a refusal without a (known) key shows as it came."""

from __future__ import annotations

import re
import string

import pytest

from playground.core import checker, refusal_hints
from playground.core.errors import ScriptFailed, ScriptRefused
from playground.core.refusal_templates import TEMPLATES
from playground.protocol.views import WireError, error_from_wire, error_to_wire
from playground.ui import i18n, refusal_text
from tests.core.test_refusal_hints import REFUSALS, SITE_CORPUS

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
CODE = re.compile(r"`[^`]*`")


def _refusal(source: str, limits=None) -> ScriptRefused:
    """The checker's refusal of *source*, as the window receives it (over the wire)."""
    with pytest.raises(ScriptRefused) as refused:
        checker.check_script(source, *(limits,) if limits else ())
    error = error_from_wire(error_to_wire(refused.value))
    assert isinstance(error, ScriptRefused)
    assert error.message == refused.value.message
    return error


def _keyed_refusals() -> list[ScriptRefused]:
    errors = [_refusal(source, limits) for source, limits in SITE_CORPUS]
    keyed = [error for error in errors if error.key]
    # only Python's own SyntaxError text comes without a key
    assert all(error.exc_type == "SyntaxError" for error in errors if not error.key)
    assert len(keyed) >= len(REFUSALS)
    return keyed


def _fields(template: str) -> list[tuple[str, str]]:
    return sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name)


@pytest.fixture
def zh_cn(qapp):
    """The zh_CN translators installed for one test, removed afterwards."""
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    assert i18n.remove_translator(qapp)


def test_the_window_table_is_the_kernels():
    assert refusal_text.SOURCES == TEMPLATES


def test_every_refusal_site_renders_the_checkers_english_from_its_key(qapp):
    for error in _keyed_refusals():
        assert refusal_text.message(error) == error.message
        assert refusal_text.formatted(error) == error.format()


def test_every_way_forward_of_the_tables_renders_its_english_from_its_key():
    tables = [
        refusal_hints.NODE_HINTS,
        refusal_hints.BUILTIN_HINTS,
        refusal_hints.ATTRIBUTE_HINTS,
        refusal_hints.MODULE_HINTS,
    ]
    hints = [hint for table in tables for hint in table.values()]
    hints += [refusal_hints.STAR_WIDTH, refusal_hints.MIN_MAX_KEY]
    for hint in hints:
        error = ScriptRefused(
            "x", hint=hint, key="refusal", params={"refused": "x", "hint": hint.phrase()}
        )
        assert refusal_text.message(error) == f"x. {hint}"


def test_every_translation_keeps_the_placeholders_and_the_code(zh_cn):
    from PySide6.QtCore import QCoreApplication

    for key, english in refusal_text.SOURCES.items():
        chinese = QCoreApplication.translate(refusal_text.CONTEXT, english)
        assert chinese != english or not re.search(r"[a-z]{3}", CODE.sub("", english)), key
        assert _fields(chinese) == _fields(english), key
        assert sorted(CODE.findall(chinese)) == sorted(CODE.findall(english)), key


def test_every_refusal_shows_in_chinese_keeping_where_and_what(zh_cn):
    for error in _keyed_refusals():
        shown = refusal_text.formatted(error)
        where = error.location()
        assert shown.startswith(f"{where}: " if where else ""), shown
        assert CJK.search(shown) and shown != error.format(), shown
        for code in CODE.findall(error.message):
            assert code in shown, (code, shown)
    step = _refusal("optimizer.step()")
    assert refusal_text.formatted(step) == (
        "1:11: 属性 'step' 在 Playground 中不可用。手动更新参数："
        "`with torch.no_grad(): w -= lr * w.grad`，然后 `w.grad.zero_()`；如要把文件作为"
        "完整的 Python 运行，请点击编辑器上方的“信任并以 Python 运行”（或用不带 "
        "`--restricted` 的 `gradient-playground run FILE`）。"
    )


def test_the_python_mode_sentence_names_the_trust_bars_button_as_translated(zh_cn):
    from PySide6.QtCore import QCoreApplication

    button = QCoreApplication.translate("TrustBar", "Trust and run as Python")
    assert CJK.search(button)
    assert f"“{button}”" in refusal_text.formatted(_refusal("import os"))


def test_a_refusal_without_a_known_key_shows_its_english(zh_cn):
    wire = error_to_wire(_refusal("import os"))
    old = {k: v for k, v in wire.items() if k not in ("key", "params")}  # an older kernel
    assert refusal_text.formatted(error_from_wire(old)) == "1:8: " + wire["message"]
    unknown = error_from_wire({**wire, "key": "no_such_key"})
    assert refusal_text.formatted(unknown) == "1:8: " + wire["message"]
    reworded = error_from_wire({**wire, "message": "import of 'os' is refused"})
    assert refusal_text.formatted(reworded) == "1:8: import of 'os' is refused"
    syntax = _refusal("x = (\n")
    assert syntax.key == "" and refusal_text.formatted(syntax) == syntax.format()
    failed = ScriptFailed("name 'q' is not defined", 1, 1, "NameError")
    assert refusal_text.formatted(failed) == failed.format()


@pytest.mark.parametrize(
    "params",
    [{"refused": None}, {"refused": {"key": "x", "args": {}, "extra": 1}}, {"bad name": "x"}],
)
def test_malformed_refusal_arguments_are_refused_on_the_wire(params):
    wire = error_to_wire(_refusal("import os"))
    with pytest.raises(WireError):
        error_from_wire({**wire, "params": params})
