"""Translation helpers.

Every user-visible string goes through :func:`tr` (the QGIS user interface
language) or :func:`translate` (an explicit language, e.g. for a report written in
Swedish from an English QGIS). Source strings are English; all strings share the
context ``regionplan`` so that ``scripts/i18n.py`` can extract them with ``ast``.

A text with a count whose words must agree with it goes through :func:`trn` or
:func:`translaten` with both English forms as string literals, e.g.
``trn("{n} dataset updated.", "{n} datasets updated.", n).format(n=n)``. English and Swedish
share the rule "one when n == 1, else other", so each form is translated on its own.
"""

import os
import threading

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from . import paths

CONTEXT = "regionplan"
LANGUAGES = ("sv", "en")

_lock = threading.Lock()
_translators = {}


def qm_path(lang: str) -> str:
    return os.path.join(paths.i18n_dir(), f"regionplan_{lang}.qm")


def _translator(lang: str):
    with _lock:
        if lang not in _translators:
            translator = QTranslator()
            if not translator.load(qm_path(lang)):
                translator = None
            _translators[lang] = translator
        return _translators[lang]


def ui_language() -> str:
    """The QGIS user interface language as ``sv`` or ``en`` (``en`` for anything else)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "") or ""
    else:
        locale = settings.value("locale/userLocale", "") or QLocale.system().name()
    return "sv" if str(locale).lower().startswith("sv") else "en"


def default_language() -> str:
    """The language for reports when none is given: the QGIS locale if it is one we speak, else ``sv``."""
    settings = QgsSettings()
    locale = str(settings.value("locale/userLocale", "") or "")
    if locale[:2].lower() in LANGUAGES:
        return locale[:2].lower()
    return "sv"


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it (tables of labels); translate the
    value where it is shown, with ``tr(value)`` or ``translate(value, lang)``."""
    return text


def tr(text: str) -> str:
    """Translate ``text`` into the QGIS user interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def translate(text: str, lang: str) -> str:
    """Translate ``text`` into ``lang`` (``sv`` or ``en``), whatever the UI language is."""
    if lang == "en":
        return text
    translator = _translator(lang)
    if translator is None:
        return text
    # PyQt passes a str to QTranslator.translate's const char* as ASCII: give it UTF-8 bytes
    # (what Qt 5 expects) so that source strings such as "Overlap (m²)" work.
    result = translator.translate(CONTEXT, text.encode("utf-8"))
    return result or text


def ui_speaks(lang: str) -> bool:
    """Whether :func:`tr` gives ``lang`` now (the installed translator, not only the setting)."""
    probe = "the data could not be had"
    return tr(probe) == translate(probe, lang)


def _form(singular: str, plural: str, n) -> str:
    return singular if n == 1 else plural


def trn(singular: str, plural: str, n: int) -> str:
    """Translate the form of a counted text that fits ``n`` into the UI language.

    ``singular`` when ``n == 1``, else ``plural`` (the rule of English and Swedish); both must be
    string literals so that they are extracted. Format the result yourself."""
    return tr(_form(singular, plural, n))


def translaten(singular: str, plural: str, n: int, lang: str) -> str:
    """Like :func:`trn`, into ``lang`` (``sv`` or ``en``) whatever the UI language is."""
    return translate(_form(singular, plural, n), lang)


def install_translator(lang=None):
    """Install the translator for the UI language into the application; returns it (keep a reference)."""
    lang = lang or ui_language()
    if lang == "en":
        return None
    translator = QTranslator()
    if translator.load(qm_path(lang)):
        QCoreApplication.installTranslator(translator)
        return translator
    return None


def localized(value, lang: str, fallback: str = "sv") -> str:
    """Pick a ``{lang: text}`` value in ``lang``, else the fallback language, else any."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or not value:
        return ""
    for key in (lang, fallback, "en", "sv"):
        if value.get(key):
            return str(value[key])
    return str(next(iter(value.values())))
