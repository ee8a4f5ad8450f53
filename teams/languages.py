"""The languages a course may be taught in: codes (stored and exported) and names (shown). Imported into
``teams.models``; use that module's names.
"""

from typing import TYPE_CHECKING

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# ISO 639-1 codes of the languages a course may be taught in (the EU's official languages).
COURSE_LANGUAGE_CODES = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
]  # fmt: skip
# Django has no Maltese among its languages: our own name for it, translated with our catalogues.
_OWN_LANGUAGE_NAMES = {"mt": ("Maltese", _("Maltese"))}


def _language_name(code: str) -> "tuple[str, StrOrPromise]":
    """The language's English name (for a stable order) and its name in the language being read: Django's own,
    translated in its catalogues (lazy, so a choice list built at import follows each reader's language)."""
    if code in _OWN_LANGUAGE_NAMES:
        return _OWN_LANGUAGE_NAMES[code]
    return LANG_INFO[code]["name"], get_language_info(code)["name_translated"]


# Codes are what is stored and exported (ELM, Open Badges); names are only shown.
COURSE_LANGUAGES: "list[tuple[str, StrOrPromise]]" = [
    (code, name) for code, (_english, name) in sorted(
        ((code, _language_name(code)) for code in COURSE_LANGUAGE_CODES), key=lambda pair: pair[1][0]
    )
]  # fmt: skip
LANGUAGE_NAMES = dict(COURSE_LANGUAGES)
