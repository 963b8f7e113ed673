"""The bot's own words in the user's language, from gettext catalogs (bot/locale/<locale>/LC_MESSAGES/bot.po,
compiled to .mo with Babel: ``pybabel compile -d bot/locale -D bot``). A translator adds a language
by adding a catalog; no code changes. Report text is never translated: it stays as printed.

The language is the one a user chose with /lang, else their Telegram client's ``language_code``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "bot"
DEFAULT = "en"
# What /lang offers: code -> the language's own name. Every other code is mapped by its first part.
LANGUAGES = {"en": "English", "zh": "简体中文"}
_LOCALES = {"en": "en", "zh": "zh_Hans"}


def normalise(code: str | None) -> str:
    """One of LANGUAGES for a Telegram language_code or a /lang argument ("zh-hans", "zh_CN", "ZH" -> "zh")."""
    if not code:
        return DEFAULT
    first = code.strip().lower().replace("_", "-").split("-")[0]
    return first if first in LANGUAGES else DEFAULT


@lru_cache(maxsize=None)
def catalog(language: str) -> NullTranslations:
    """The compiled catalog of a language (the identity for English or a missing catalog)."""
    locale = _LOCALES.get(language)
    if not locale or language == DEFAULT:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [locale], domain=DOMAIN)


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined (a constant, a table); ``t`` translates it
    where it is shown."""
    return message


def t(language: str, message: str, **values: Any) -> str:
    """``message`` in ``language``, with ``{name}`` fields filled in after translation."""
    text = catalog(language).gettext(message)
    return text.format(**values) if values else text


def tn(language: str, singular: str, plural: str, n: int, **values: Any) -> str:
    """The singular or plural form of a message for ``n``, in ``language``; ``{n}`` is filled in."""
    text = catalog(language).ngettext(singular, plural, n)
    return text.format(n=n, **values)
