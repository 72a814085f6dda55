"""Why a run's process ended, in the window's language: the English rebuilt from the key
is the protocol's sentence (the one the command line prints), the Chinese keeps the
signal name, the limit and the line."""

from __future__ import annotations

import re
import signal

import pytest

from playground.core.phrase import phrase
from playground.protocol.client import REASONS, ChildDied, KernelError, format_bytes
from playground.ui import death_text, i18n

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")

#: One end per key, with the English the protocol wrote before it had keys (the command
#: line's output and its tests depend on it).
ENDS = [
    (
        ChildDied.at("stopped", 7, "stopped"),
        "stopped (the Stop button) at line 7",
    ),
    (ChildDied.at("stopped", None, "stopped"), "stopped (the Stop button)"),
    (
        ChildDied.of("signal", 4, "crashed", signal=signal.Signals.SIGSEGV.name),
        "the script crashed the process running it (SIGSEGV); "
        "your script and the window are unaffected",
    ),
    (
        ChildDied.of("signal", None, "crashed", signal=phrase("signal_number", number=42)),
        "the script crashed the process running it (signal 42); "
        "your script and the window are unaffected",
    ),
    (
        ChildDied.of("exit_status", None, "crashed", code=3),
        "the process running the script ended unexpectedly (exit status 3)",
    ),
    (
        ChildDied.at("malformed", 2, "crashed", error="bad frame"),
        "the kernel sent a malformed message (bad frame) at line 2",
    ),
    (
        ChildDied.at("memory", 5, "memory", size=format_bytes(2 << 30)),
        "the script used more than 2.0 GiB and was stopped at line 5",
    ),
    (
        ChildDied.at("time", None, "time", seconds=f"{30.0:g}"),
        "the script ran longer than 30 s and was stopped",
    ),
    (
        KernelError.of("not_started", error="EOFError: closed"),
        "the kernel did not start: EOFError: closed",
    ),
    (KernelError.of("unexpected_first", op=repr("x")), "unexpected first message 'x'"),
    (KernelError.of("slow_start"), "the kernel took too long to start"),
    (KernelError.of("no_answer", error="broken pipe"), "the kernel did not answer: broken pipe"),
    (KernelError.of("no_child"), "the kernel did not hand over a child"),
    (KernelError.of("bad_child"), "the kernel sent a malformed child message"),
]


def test_the_window_table_is_the_protocols():
    assert death_text.SOURCES == REASONS


def test_every_key_keeps_the_english_it_had():
    used = {end.key for end, _ in ENDS} | {"signal_number", "nothing_running"}
    used |= {end.params["reason"]["key"] for end, _ in ENDS if end.key == "at_line"}
    assert used == set(REASONS)
    for end, english in ENDS:
        text = end.reason if isinstance(end, ChildDied) else str(end)
        assert text == english
        assert death_text.reason(end) == english


def test_an_end_without_a_key_shows_its_reason():
    assert death_text.reason(ChildDied("something else", None, "kernel")) == "something else"


@pytest.mark.parametrize(("end", "english"), ENDS)
def test_chinese_keeps_the_signal_limit_and_line(qapp, end, english):
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        shown = death_text.reason(end)
    finally:
        assert i18n.remove_translator(qapp)
    assert CJK.search(shown) and shown != english
    for kept in re.findall(r"SIGSEGV|\b\d+(?:\.\d)?\b|bad frame|EOFError", english):
        assert kept in shown


def test_an_action_with_no_run_says_the_tables_sentence(qapp):
    from playground.protocol.session import KernelSession

    session = KernelSession(client=object())  # never started: no child, no kernel
    outcome = session.request({"op": "jacobian"}, "jacobian", with_state=False)
    assert outcome.error.message == REASONS["nothing_running"]
    assert death_text.message(outcome.error.message) == REASONS["nothing_running"]
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        assert CJK.search(death_text.message(outcome.error.message))
        assert death_text.message("x") == "x"
    finally:
        assert i18n.remove_translator(qapp)
