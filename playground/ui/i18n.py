"""Interface language: pick it (env var, saved setting, system locale) and install Qt's
``QTranslator`` with the compiled ``resources/translations/*.qm`` file.

Only the window's own texts are translated; PyTorch's output and errors, code and
tensor names stay as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from playground.resources import resources_dir

#: Environment variable that overrides the saved language (``en``, ``zh_CN``).
LANG_ENV = "GRADIENT_PLAYGROUND_LANG"
#: ``QSettings`` key holding the language chosen in View → Language.
SETTINGS_KEY = "ui/language"
#: The View → Language menu: (code, name shown in that language).
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
#: Base name of the ``.qm`` files (``gradient-playground_zh_CN.qm``).
QM_PREFIX = "gradient-playground"

#: The translator installed by :func:`install_translator`, kept alive here.
_installed: QTranslator | None = None


def translations_dir() -> Path:
    """Folder of the ``.ts`` sources and compiled ``.qm`` files (also in the bundle)."""
    return resources_dir() / "translations"


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
    global _installed
    remove_translator(app)
    language = language or requested_language()
    if language.lower().startswith("en") or language.lower() in ("c", "posix"):
        return None
    translator = QTranslator(app)
    # "zh_CN" also matches "zh-CN"/"zh_CN.UTF-8"; QTranslator tries zh_CN, then zh.
    name = language.replace("-", "_").split(".")[0]
    if not translator.load(f"{QM_PREFIX}_{name}", str(translations_dir())):
        return None
    app.installTranslator(translator)
    _installed = translator
    return name


def remove_translator(app: QCoreApplication) -> bool:
    """Remove the installed translator (widgets built afterwards are English again)."""
    global _installed
    if _installed is None:
        return False
    removed = app.removeTranslator(_installed)
    _installed = None
    return bool(removed)


def installed_translator() -> QTranslator | None:
    """The translator :func:`install_translator` installed, if any."""
    return _installed
