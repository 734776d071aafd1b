"""The app's languages: which one to speak, and the translators that make Qt speak it.

The texts live in `parley_<code>.ts` next to this file (Qt Linguist sources, made by
`pyside6-lupdate`, see README.md) and ship compiled as `parley_<code>.qm`. English is the
source language; its `.qm` holds only the plural forms ("1 page", "2 pages"), which the
source texts cannot say by themselves.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("parley.agent.i18n")

FOLDER = Path(__file__).resolve().parent
SYSTEM = "system"
ENGLISH, CHINESE, MONGOLIAN = "en", "zh_CN", "mn"
LANGUAGES = (ENGLISH, CHINESE, MONGOLIAN)
# Each language by its own name: an agent who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文", MONGOLIAN: "Монгол"}

# What install_translator put in; kept so that a second call replaces rather than stacks
# (and so that Python does not collect a translator Qt still uses).
_installed: list[QTranslator] = []
_locale_before: list[QLocale] = []  # the default locale before the first install


def language_for(locale: QLocale) -> str:
    """The app's language for a locale: any Chinese reads Simplified Chinese, Mongolian
    reads Mongolian (Cyrillic), everyone else English (as the widget picks for visitors)."""
    name = locale.name().lower()
    if locale.language() is QLocale.Language.Chinese or name.startswith("zh"):
        return CHINESE
    if locale.language() is QLocale.Language.Mongolian or name.startswith("mn"):
        return MONGOLIAN
    return ENGLISH


def resolve(language: str) -> str:
    """A stored choice ("system", "en", "zh_CN", "mn") as the language to speak now."""
    if language in LANGUAGES:
        return language
    return language_for(QLocale.system())


def _load(name: str, *folders: Path) -> QTranslator | None:
    for folder in folders:
        translator = QTranslator()
        if translator.load(name, str(folder)):
            return translator
    return None


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Make `app` speak `language` (a Preferences.language value): Parley's own texts,
    Qt's for its standard buttons and menus, and the locale for dates and numbers.

    Call it before any window is made: texts are looked up when a widget is built.
    Returns Parley's translator, or None when its file is missing (then English shows)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    code = resolve(language)
    # Dates ("14 Mar" / "3月14日") and numbers follow the language shown; the system's own
    # locale where it speaks that language (an English agent in Britain keeps 14/03/2025).
    if not _locale_before:
        _locale_before.append(QLocale())
    system = QLocale.system()
    QLocale.setDefault(system if language_for(system) == code else QLocale(code))
    ours = _load(f"parley_{code}", FOLDER)
    if ours is None:
        log.warning("event=translation_missing language=%s folder=%s", code, FOLDER)
    # Qt's own texts (OK, Cancel, Yes, the reply box's context menu). Qt ships none for
    # Mongolian: ours stands in for the few that the app shows (qtbase_mn.ts).
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qt = None if code == ENGLISH else _load(f"qtbase_{code}", qt_folder, FOLDER)
    for translator in (qt, ours):
        if translator is not None:
            translator.setParent(app)
            app.installTranslator(translator)
            _installed.append(translator)
    log.info("event=language language=%s qt_texts=%s", code, qt is not None)
    return ours


def remove_translators(app: QCoreApplication) -> None:
    """Back to the source texts (tests switch languages in one process)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if _locale_before:
        QLocale.setDefault(_locale_before.pop())


_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: str) -> str:
    """`template` (a translated text) with %1, %2… replaced by `values` in one pass, so
    a value that itself says "%2" (a visitor's name may) is never replaced again."""
    return _PLACEHOLDER.sub(
        lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else m.group(0),
        template,
    )


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for `pyside6-lupdate` (which knows this name) and returns it as is; the
    caller translates it when shown. PySide6's own is typed to return `object`."""
    return text
