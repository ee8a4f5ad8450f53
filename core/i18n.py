"""Writing to a person in their language: e-mails, digests and reminders are rendered in the recipient's language,
whoever's action (or which worker) sends them.

A person's language is their preferred language (``accounts.User.preferred_language``), else the site's
``LANGUAGE_CODE``: the browser a worker has no access to cannot decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext

from core.bulk import among

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
    chosen = among(get_user_model().objects.exclude(preferred_language=""), "pk", ids)
    offered = dict(settings.LANGUAGES)
    found = {pk: language for pk, language in chosen.values_list("pk", "preferred_language") if language in offered}
    return {pk: found.get(pk, settings.LANGUAGE_CODE) for pk in ids}


class LazyText:
    """``message % values`` written when it is read, in the language active then: a reminder title is built by a
    worker and written in each recipient's language (reminders.services), never the worker's. (The ``%`` of a
    lazy translation is done at once, in the language of whoever builds it.)

    ``message`` is a msgid marked with ``gettext_noop``, or a lazy translation (an ``ngettext_lazy`` that picks
    its plural from one of the values). Dates among the values are written as that language writes them; lazy
    labels are translated too.
    """

    __slots__ = ("message", "values")

    def __init__(self, message: StrOrPromise, values: Mapping[str, object]) -> None:
        self.message, self.values = message, values

    def __str__(self) -> str:
        return self.render({})

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"

    def render(self, memo: dict[object, str]) -> str:
        """The text in the active language. ``memo`` keeps translations and dates for the next texts in the same
        language: the sweep writes the same few messages and dates into hundreds of thousands of titles."""
        values = {key: _written(value, memo) for key, value in self.values.items()}
        if not isinstance(self.message, str):
            return str(self.message % values)
        text = memo.get(self.message)
        if text is None:
            text = memo[self.message] = gettext(self.message)
        return text % values


def _written(value: object, memo: dict[object, str]) -> object:
    if isinstance(value, date):
        key = ("date", value)
        text = memo.get(key)
        if text is None:
            text = memo[key] = date_format(value, "j M Y")
        return text
    if isinstance(value, Promise):
        return str(value)
    return value


def prose_list(items: Iterable[object], *, last: str = "and") -> str:
    """Items as a sentence reads them, in the active language: "A, B and C" (``last="or"``: "A, B or C").

    Both the separator (Django's catalogue) and the last word are translated, never an English ", " or " or ".
    """
    words = [str(item) for item in items]
    # Translators: joins the last two items of a list: "A, B and C" (and, for alternatives, "A, B or C").
    conjunction = pgettext("list of alternatives", "or") if last == "or" else pgettext("list of items", "and")
    return get_text_list(words, conjunction)
