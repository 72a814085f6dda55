"""Interface language: pick it (env var, saved setting, system locale) and install Qt's
``QTranslator`` with the compiled ``resources/translations/*.qm`` file, plus Qt's own
``qtbase_*.qm`` (the Save/Discard/Cancel buttons of dialogs, the text-edit context menu).

Only the window's own texts are translated; PyTorch's output and errors, code and
tensor names stay as they are.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from playground.resources import resources_dir

#: Environment variable that overrides the saved language (``en``, ``zh_CN``).
LANG_ENV = "GRADIENT_PLAYGROUND_LANG"
#: ``QSettings`` key holding the language chosen in View → Language.
SETTINGS_KEY = "ui/language"
#: The View → Language menu: (code, name shown in that language).
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
#: Base name of the ``.qm`` files (``gradient-playground_zh_CN.qm``).
QM_PREFIX = "gradient-playground"
#: Base name of Qt's own catalogue for the widgets Qt draws (dialog buttons, menus).
QT_QM_PREFIX = "qtbase"

#: The translator installed by :func:`install_translator`, kept alive here.
_installed: QTranslator | None = None
#: Qt's own translator installed with it.
_installed_qt: QTranslator | None = None
#: The language code of the installed translator (``None``: English).
_installed_language: str | None = None


def translations_dir() -> Path:
    """Folder of the ``.ts`` sources and compiled ``.qm`` files (also in the bundle)."""
    return resources_dir() / "translations"


def qt_translations_dirs() -> list[Path]:
    """Folders that may hold Qt's ``qtbase_*.qm``: Qt's own, then the bundle's copy."""
    found = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller puts PySide6's files under PySide6/Qt/
        found.append(Path(bundle) / "PySide6" / "Qt" / "translations")
    return found


def saved_language() -> str | None:
    """The language saved by View → Language, or ``None`` when none was chosen."""
    from playground.ui.files import settings

    value = settings().value(SETTINGS_KEY)
    return str(value) if value else None


def save_language(code: str) -> None:
    """Remember *code* (``"en"``, ``"zh_CN"``) for the next start."""
    from playground.ui.files import settings

    store = settings()
    store.setValue(SETTINGS_KEY, code)
    store.sync()


def requested_language() -> str:
    """The env var's language, else the saved one, else the system locale's name."""
    return os.environ.get(LANG_ENV) or saved_language() or QLocale.system().name()


def install_translator(app: QCoreApplication, language: str | None = None) -> str | None:
    """Install the translator for *language* (default: :func:`requested_language`).

    Returns the language code whose ``.qm`` was installed, or ``None`` for English, an
    unknown language or a missing file (the interface then stays English).
    """
    global _installed, _installed_language
    remove_translator(app)
    language = language or requested_language()
    if language.lower().startswith("en") or language.lower() in ("c", "posix"):
        return None
    translator = QTranslator(app)
    # "zh_CN" also matches "zh-CN"/"zh_CN.UTF-8"; QTranslator tries zh_CN, then zh.
    name = language.replace("-", "_").split(".")[0]
    if not translator.load(f"{QM_PREFIX}_{name}", str(translations_dir())):
        return None
    _install_qt_translator(app, name)
    app.installTranslator(translator)  # installed last: searched first
    _installed = translator
    _installed_language = name
    return name


def _install_qt_translator(app: QCoreApplication, name: str) -> None:
    """Install Qt's ``qtbase_<name>.qm`` when one of :func:`qt_translations_dirs` has it."""
    global _installed_qt
    translator = QTranslator(app)
    for folder in qt_translations_dirs():
        if translator.load(f"{QT_QM_PREFIX}_{name}", str(folder)):
            app.installTranslator(translator)
            _installed_qt = translator
            return


def current_language() -> str:
    """The code in :data:`LANGUAGES` of the language the interface shows now (the one
    View → Language ticks): the installed translator's, else English."""
    if _installed_language is None:
        return LANGUAGES[0][0]
    for code, _label in LANGUAGES:
        if _installed_language == code or _installed_language.split("_")[0] == code:
            return code
    return LANGUAGES[0][0]


def welcome_text(language: str | None = None) -> str:
    """The welcome script in *language* (default: :func:`current_language`):
    ``resources/welcome/welcome_<language>.py`` when there is one (the same code, its
    comments translated), else the English ``welcome.py``."""
    from playground.resources import resources_dir, welcome_script

    code = language or current_language()
    translated = resources_dir() / "welcome" / f"welcome_{code}.py"
    if code != LANGUAGES[0][0] and translated.is_file():
        return translated.read_text(encoding="utf-8")
    return welcome_script()


def remove_translator(app: QCoreApplication) -> bool:
    """Remove the installed translator (widgets built afterwards are English again)."""
    global _installed, _installed_qt, _installed_language
    if _installed_qt is not None:
        app.removeTranslator(_installed_qt)
        _installed_qt = None
    if _installed is None:
        return False
    removed = app.removeTranslator(_installed)
    _installed = None
    _installed_language = None
    return bool(removed)


def installed_translator() -> QTranslator | None:
    """The translator :func:`install_translator` installed, if any."""
    return _installed


def installed_qt_translator() -> QTranslator | None:
    """Qt's own translator installed with it, if Qt's catalogue was found."""
    return _installed_qt
