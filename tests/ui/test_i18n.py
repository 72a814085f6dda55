"""Simplified Chinese interface: the committed .qm, the translator, View → Language."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from playground.ui import i18n
from playground.ui.main_window import MainWindow

TS = i18n.translations_dir() / "gradient-playground_zh_CN.ts"
QM = i18n.translations_dir() / "gradient-playground_zh_CN.qm"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"
SCRIPT = "import torch\nx = torch.ones(2, 2, requires_grad=True)\nout = (x * 3).mean()\n"


def _ts_translation(context: str, source: str) -> str:
    """The translation of *source* in *context* as written in the committed .ts."""
    root = ET.parse(TS).getroot()
    for ctx in root.iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            if message.findtext("source") == source:
                return message.findtext("translation") or ""
    raise AssertionError(f"{source!r} not in context {context!r} of {TS.name}")


@pytest.fixture
def zh_cn(qapp):
    """The zh_CN translator installed for one test, removed afterwards."""
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    assert i18n.installed_translator() is not None
    assert i18n.remove_translator(qapp)  # app.removeTranslator: later tests are English
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


@pytest.fixture
def make_window(qtbot):
    made = []

    def make() -> MainWindow:
        window = MainWindow(SCRIPT, remember_layout=False)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.worker.shutdown()


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    if not LRELEASE.exists() and shutil.which("pyside6-lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed: cannot recompile the .ts")
    lrelease = str(LRELEASE) if LRELEASE.exists() else shutil.which("pyside6-lrelease")
    fresh = tmp_path / QM.name
    done = subprocess.run(
        [lrelease, str(TS), "-qm", str(fresh)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert filecmp.cmp(fresh, QM, shallow=False), "run pyside6-lrelease on the .ts and commit"


def _translations(message: ET.Element) -> list[str]:
    """The message's translation, or each of its plural forms (``numerus="yes"``)."""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def test_every_message_in_the_ts_is_translated():
    root = ET.parse(TS).getroot()
    untranslated = [
        m.findtext("source")
        for m in root.iter("message")
        if not _translations(m)
        or not all(text.strip() for text in _translations(m))
        or m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
    ]
    assert root.get("language") == "zh_CN"
    assert untranslated == []


def test_placeholders_survive_translation():
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source")
        for translation in _translations(message):
            for name in re.findall(r"\{\w+\}|%n", source + translation):
                assert (name in source) == (name in translation), (source, translation)


def test_zh_cn_window_shows_chinese_menus_docks_and_buttons(zh_cn, make_window):
    window = make_window()
    assert _menu_titles(window) == [
        _ts_translation("MainWindow", text)
        for text in ("&File", "&Edit", "&Run", "E&xamples", "&View", "&Help")
    ]
    assert _menu_titles(window)[0] == "文件(&F)"
    backward = _ts_translation("BackwardPanel", "Backward")
    assert backward == "反向传播"
    assert window.backward_panel.backward_button.text() == backward
    assert window.backward_dock.windowTitle() == _ts_translation("MainWindow", "Backward")
    assert window.tensors_dock.windowTitle() == _ts_translation("MainWindow", "Tensors")
    assert window.graph_dock.windowTitle() == _ts_translation("MainWindow", "Autograd graph")
    assert window.actions_by_name["run"].text() == _ts_translation("MainWindow", "&Run")
    assert window.backward_panel.retain_graph.text() == _ts_translation(
        "BackwardPanel", "retain graph"
    )
    assert window.plot_panel.repeatButton.text() == _ts_translation("PlotPanel", "Run ×N")
    assert window.graph_panel.step_text() == _ts_translation(
        "GraphPanel", "no backward yet: press Backward to see gradients flow"
    )
    legend = window.graph_panel.legend.legend_texts()
    assert _ts_translation("GraphLegend", "non-leaf tensor") in legend
    assert "AccumulateGrad" in legend  # PyTorch's name stays
    # The status bar keeps its numbers; tensor names and code are never translated.
    assert window.run_time_label.text().startswith("运行用时 ")  # Python mode: no statement count
    assert window.backward_panel.root_selector.currentText() == "out"
    assert "requires_grad=True" in window.source()


def test_without_translator_everything_stays_english(make_window):
    assert i18n.installed_translator() is None
    window = make_window()
    assert _menu_titles(window) == ["&File", "&Edit", "&Run", "E&xamples", "&View", "&Help"]
    assert window.backward_panel.backward_button.text() == "Backward"
    assert window.backward_dock.windowTitle() == "Backward"
    assert window.run_time_label.text().startswith("ran in ")


@pytest.mark.parametrize("language", ["en", "en_US", "C", "xx_YY", "de_DE.UTF-8"])
def test_english_or_unknown_language_installs_nothing(qapp, make_window, language):
    assert i18n.install_translator(qapp, language) is None
    assert i18n.installed_translator() is None
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert make_window().backward_panel.backward_button.text() == "Backward"


def test_language_comes_from_env_then_settings_then_system(monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert i18n.saved_language() is None
    i18n.save_language("zh_CN")
    assert i18n.requested_language() == "zh_CN"
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    assert i18n.requested_language() == "en"


def test_language_menu_saves_the_choice_for_the_next_start(make_window, monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    window = make_window()
    english = window.findChild(type(window.actions_by_name["run"]), "language_en")
    chinese = window.findChild(type(window.actions_by_name["run"]), "language_zh_CN")
    assert chinese.text() == "简体中文" and english.text() == "English"
    chinese.trigger()
    assert i18n.saved_language() == "zh_CN"
    assert chinese.isChecked() and not english.isChecked()
    assert "next start" in window.statusBar().currentMessage()
    # Nothing changes before the restart.
    assert window.backward_panel.backward_button.text() == "Backward"
    assert i18n.requested_language() == "zh_CN"
