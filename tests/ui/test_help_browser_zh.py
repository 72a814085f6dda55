"""Help ▸ Language reference in Chinese (issue 12): with zh_CN installed the help browser
shows ``resources/help/language.zh_CN.md``, in English the English page, and the two
files keep the same structure and the same code, so the translation cannot drift
silently from the page it translates.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QTextDocument

from playground import resources
from playground.ui import i18n
from playground.ui.main_window import MainWindow
from tests.ui.test_zh_interface import CJK, english_words

HELP = Path(__file__).resolve().parents[2] / "resources" / "help"
ENGLISH = HELP / "language.md"
CHINESE = HELP / "language.zh_CN.md"
#: A fenced code block, fences included.
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
#: An inline code span (one or more backticks, the same number closing it).
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)]+)\)")


@pytest.fixture
def zh_cn(qapp):
    """The zh_CN translators installed for one test, removed afterwards."""
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    assert i18n.remove_translator(qapp)


def _open_reference(qtbot):
    """The window's Help ▸ Language reference browser, as F1 opens it."""
    window = MainWindow("", remember_layout=False, first_run_sync=False)
    qtbot.addWidget(window)
    window.actions_by_name["languageReference"].trigger()
    browser = window.help_browser
    assert browser is not None and browser.isVisible()
    return window, browser


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    """``(level, text)`` of the Markdown headings outside code blocks."""
    return [(len(m.group(1)), m.group(2).strip()) for m in HEADING.finditer(_prose(text))]


def _shown_headings(document: QTextDocument) -> list[tuple[int, str]]:
    """``(level, text)`` of the headings the browser renders."""
    found, block = [], document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append((block.blockFormat().headingLevel(), block.text()))
        block = block.next()
    return found


def _shown_links(document: QTextDocument) -> list[str]:
    """The link targets of the rendered page, in order."""
    links, block = [], document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref() not in links:
                links.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return links


def _prose(text: str) -> str:
    """*text* without its fenced code blocks."""
    return FENCE.sub("", text)


def _inline_code(text: str) -> Counter[str]:
    """The inline code spans outside code blocks (whitespace collapsed: lines wrap
    differently in the two languages)."""
    return Counter(" ".join(m.group(2).split()) for m in INLINE_CODE.finditer(_prose(text)))


def _english_only_lines(text: str) -> list[str]:
    """Lines outside code blocks that, without their inline code, are English words only."""
    return [
        line for line in _prose(text).splitlines() if english_words(INLINE_CODE.sub(" ", line), ())
    ]


def _table_rows(text: str) -> int:
    return sum(1 for line in _prose(text).splitlines() if line.startswith("|"))


# --------------------------------------------------------------------------- the browser
def test_chinese_interface_shows_the_chinese_page(zh_cn, qtbot):
    window, browser = _open_reference(qtbot)
    chinese = CHINESE.read_text(encoding="utf-8")
    shown = _shown_headings(browser.browser.document())
    assert shown[0] == _markdown_headings(chinese)[0]
    assert shown == _markdown_headings(chinese)
    assert CJK.search(shown[0][1])
    assert browser.windowTitle() == QCoreApplication.translate("MainWindow", "Language reference")
    assert CJK.search(browser.windowTitle())
    window.worker.shutdown()


def test_english_interface_shows_the_english_page(qtbot):
    assert i18n.current_language() == "en"
    window, browser = _open_reference(qtbot)
    shown = _shown_headings(browser.browser.document())
    assert shown == _markdown_headings(ENGLISH.read_text(encoding="utf-8"))
    assert not CJK.search(browser.browser.toPlainText())
    window.worker.shutdown()


def test_links_of_the_chinese_page_are_the_english_ones_and_clicking_keeps_the_page(zh_cn, qtbot):
    window, browser = _open_reference(qtbot)
    document = browser.browser.document()
    english = QTextDocument()
    english.setMarkdown(ENGLISH.read_text(encoding="utf-8"))
    links = _shown_links(document)
    assert links == _shown_links(english) and links
    before = browser.browser.toPlainText()
    for link in links:  # a checkout-relative file: nothing to open inside the app
        browser.browser.anchorClicked.emit(QUrl(link))
    assert browser.browser.toPlainText() == before
    window.worker.shutdown()


# --------------------------------------------------------------------------- help_page()
def test_help_page_follows_the_interface_language(zh_cn):
    assert resources.help_page() == CHINESE.read_text(encoding="utf-8")
    assert resources.help_page(language="en") == ENGLISH.read_text(encoding="utf-8")


def test_help_page_is_english_without_a_translator():
    assert i18n.installed_translator() is None
    assert resources.help_page() == ENGLISH.read_text(encoding="utf-8")


def test_help_page_falls_back_to_english_without_a_translated_file(monkeypatch, tmp_path):
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "language.md").write_text("# English only\n", encoding="utf-8")
    monkeypatch.setattr(resources, "resources_dir", lambda: tmp_path)
    assert resources.help_page(language="zh_CN") == "# English only\n"
    assert resources.help_page(language="de") == "# English only\n"


def test_help_page_reads_the_chinese_page_from_a_bundle(monkeypatch, tmp_path):
    help_dir = tmp_path / "resources" / "help"
    help_dir.mkdir(parents=True)
    (help_dir / "language.md").write_text("# English\n", encoding="utf-8")
    (help_dir / "language.zh_CN.md").write_text("# 中文\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.help_page(language="zh_CN") == "# 中文\n"
    assert resources.help_page(language="en") == "# English\n"


# --------------------------------------------------------------------------- the translation
def test_no_line_of_the_chinese_page_is_only_english():
    offending = _english_only_lines(CHINESE.read_text(encoding="utf-8"))
    assert offending == [], "\n".join(offending)


def test_the_check_flags_the_english_page():
    # The check has teeth: every prose line of the English page but the code-only ones.
    assert len(_english_only_lines(ENGLISH.read_text(encoding="utf-8"))) > 100


def test_both_pages_have_the_same_headings_at_each_level():
    english = _markdown_headings(ENGLISH.read_text(encoding="utf-8"))
    chinese = _markdown_headings(CHINESE.read_text(encoding="utf-8"))
    assert [level for level, _ in chinese] == [level for level, _ in english]
    assert Counter(level for level, _ in chinese) == Counter(level for level, _ in english)


def test_both_pages_have_identical_code_blocks():
    english = FENCE.findall(ENGLISH.read_text(encoding="utf-8"))
    assert english  # the page has code blocks to compare
    assert FENCE.findall(CHINESE.read_text(encoding="utf-8")) == english


def test_both_pages_keep_the_same_inline_code_links_and_table_rows():
    english = ENGLISH.read_text(encoding="utf-8")
    chinese = CHINESE.read_text(encoding="utf-8")
    assert _inline_code(chinese) == _inline_code(english)
    assert LINK.findall(_prose(chinese)) == LINK.findall(_prose(english))
    assert _table_rows(chinese) == _table_rows(english)
