"""Writing to a person in their language: e-mails, digests and reminders are rendered in the recipient's language,
whoever's action (or which worker) sends them.

A person's language is their preferred language (``accounts.User.preferred_language``), else the site's
``LANGUAGE_CODE``: the browser a worker has no access to cannot decide.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import pgettext

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def language_of(person: object | None) -> str:
    """The language to write to ``person`` in (anything with a ``preferred_language``; None: the site's)."""
    language = getattr(person, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(person: object | None) -> Iterator[str]:
    """Render inside this block in ``person``'s language; the caller's language is restored after it."""
    language = language_of(person)
    with translation.override(language):
        yield language


def languages_by_user_id(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's language in one query, for a worker that writes to many people at once."""
    from django.contrib.auth import get_user_model

    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    rows = get_user_model().objects.filter(pk__in=ids).values_list("pk", "preferred_language")
    return {pk: (language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE) for pk, language in rows}


@functools.lru_cache(maxsize=8192)
def _date_in(value: date, format_name: str, language: str | None) -> str:
    return date_format(value, format_name)  # ``language`` is the active one: it is part of the key, not an input


def _date_text(value: date, format_name: str = "j M Y") -> str:
    # Kept per language: the sweep writes the same few dozen dates into hundreds of thousands of titles.
    return _date_in(value, format_name, translation.get_language())


def _percent(message: StrOrPromise, values: Mapping[str, object]) -> str:
    return str(message % values)


# A date as text in the language active when it is read (e.g. a reminder title built by the sweep and rendered per
# recipient), not the one active when it was built: ``lazy_date(due_on)`` inside ``lazy_text``.
lazy_date = lazy(_date_text, str)

# ``message % values`` written when it is read, in the language active then: ``lazy_text(_("Task “%(title)s” is
# due on %(date)s"), values)``. The % of a lazy translation is done at once, in the language of whoever builds
# it (a worker's); a reminder title must be written in its recipient's (reminders.services). ``message`` may be
# an ngettext_lazy that picks its plural from one of the values.
lazy_text = lazy(_percent, str)


def prose_list(items: Iterable[object], *, last: str = "and") -> str:
    """Items as a sentence reads them, in the active language: "A, B and C" (``last="or"``: "A, B or C").

    Both the separator (Django's catalogue) and the last word are translated, never an English ", " or " or ".
    """
    words = [str(item) for item in items]
    # Translators: joins the last two items of a list: "A, B and C" (and, for alternatives, "A, B or C").
    conjunction = pgettext("list of alternatives", "or") if last == "or" else pgettext("list of items", "and")
    return get_text_list(words, conjunction)
