"""Interface language: loading the app's and Qt's translations, right-to-left layout.

The app's translations are ``resources/translations/zeromile_<lang>.qm``, found through
:func:`resources.path` (a source checkout and an installed wheel alike). A missing
file is not an error: the interface stays in English, the language of the source.
Qt's own translation (``qtbase_<lang>.qm``, shipped with PySide6) is installed too,
so standard buttons (OK, Cancel, Yes, No) and dialogs follow the chosen language.

Regenerating the translations (run from the repository root; ``gui/*.py`` holds
every ``tr()`` string, field labels use the ``fields`` context)::

    pyside6-lupdate gui/*.py -ts resources/translations/zeromile_ru.ts
    # translate with pyside6-linguist resources/translations/zeromile_ru.ts, then:
    pyside6-lrelease resources/translations/zeromile_ru.ts \\
        -qm resources/translations/zeromile_ru.qm

``lupdate`` keeps existing translations and marks vanished strings obsolete; add
``-no-obsolete`` to drop them. Both tools are in the virtual environment's ``bin``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

import resources

__all__ = [
    "RTL_LANGUAGES",
    "available_languages",
    "install_translators",
    "translations_dir",
]

log = logging.getLogger(__name__)

#: Languages written right to left; the whole window is mirrored for them.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

#: The translators this module installed, so the next call can remove them.
_installed: list[QTranslator] = []
#: The default locale before the first switch, restored for English.
_system_locale: QLocale | None = None


_language = "en"


def current_language() -> str:
    """The interface language last installed (``"en"`` before any)."""
    return _language


def report_language() -> str:
    """The language reports and findings are shown in: the interface's, where core has it."""
    return "ru" if _language == "ru" else "en"


def country_name(code: str) -> str:
    """A country's name in the interface language ("KZ" -> "Kazakhstan" / "Казахстан")."""
    import gettext

    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    names = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[_language], fallback=True
    )
    return names.gettext(country.name)


def available_languages() -> list[tuple[str, str]]:
    """The interface languages offered in settings: ``(code, native name)``."""
    return [("en", "English"), ("ru", "Русский")]


def translations_dir() -> Path:
    """The folder holding ``zeromile_<lang>.qm`` (``resources/translations``)."""
    return Path(str(resources.path("translations")))


def install_translators(app: QApplication, language: str, *, directory: Path | None = None) -> None:
    """Switch the interface to ``language`` (a code such as ``"ru"``).

    Removes the translators a previous call installed, then installs the app's
    translation from ``directory`` (default: :func:`translations_dir`) and Qt's base
    translation, sets the default locale (dates and numbers in widgets such as
    calendars; English keeps the computer's own), and the layout direction (right to left
    for Arabic and other RTL languages). Installing a translator makes Qt send a
    ``LanguageChange`` event to every widget; windows that build their texts in a
    ``retranslate()`` method should call it from ``changeEvent``. English, or a
    language whose files are missing, leaves the source (English) strings.
    """
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = (language or "en").strip().lower()
    _language = code
    global _system_locale
    if _system_locale is None:
        _system_locale = QLocale()
    # English is the source language: the computer's regional formats stay as they were.
    QLocale.setDefault(_system_locale if code == "en" else QLocale(code))
    if code != "en":
        folder = directory if directory is not None else translations_dir()
        own = QTranslator()
        if own.load(f"zeromile_{code}", str(folder)) and app.installTranslator(own):
            _installed.append(own)
        else:
            log.warning("no interface translation for %r in %s; using English", code, folder)
        base = QTranslator()
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if base.load(f"qtbase_{code}", qt_folder) and app.installTranslator(base):
            _installed.append(base)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if code in RTL_LANGUAGES else Qt.LayoutDirection.LeftToRight
    )


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``source`` for translation in ``context`` and return it unchanged (it is
    translated where it is shown). Qt's own function of this name is typed as returning
    ``object``; lupdate finds the calls by name alike."""
    return source
