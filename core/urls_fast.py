"""``reverse()`` for URLs repeated in every row of a long list.

A row's links differ from the next row's only in the last argument, the row's pk. reverse() costs some 40 µs (it
tries the pattern's regex and quotes every argument); a phase page of 30 tasks asked for 210 of them, about a
tenth of the page's time when its fragment cache misses. Here the URL is reversed once per process with a
placeholder for the pk, and the pk is put in its place. ``course_reverse`` does the same for a course's slug: the
reminder sweep links to pages of thousands of courses. ``fixed_reverse`` keeps the URLs that take no arguments (the
navigation's, on every page).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "2147483647"  # the largest PostgreSQL integer: no row of a list reaches it


@lru_cache(maxsize=4096)
def _halves(
    urlconf: str | None, prefix: str, name: str, placeholder: str, args: tuple, kwargs: tuple
) -> tuple[str, str] | None:
    """The URL reversed with ``placeholder`` for one argument, split around it; None unless it occurs once."""
    url = reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)
    before, found, after = url.partition(placeholder)
    return (before, after) if found and placeholder not in after else None


@lru_cache(maxsize=512)
def _fixed(urlconf: str | None, prefix: str, name: str) -> str:
    return reverse(name, urlconf=urlconf)


def fixed_reverse(name: str) -> str:
    """``reverse(name)`` for a URL without arguments, reversed once per process (and URLconf and script prefix)."""
    return _fixed(get_urlconf(), get_script_prefix(), name)


def clear() -> None:
    """Forget every URL kept here (``core.apps``: when a test changes ``ROOT_URLCONF``)."""
    _halves.cache_clear()
    _fixed.cache_clear()


def row_reverse(name: str, *args: object) -> str:
    """``reverse(name, args=args)`` where the last argument is a row's integer pk; the others are shared by the
    rows (a course's slug). The same URL reverse() gives, built from a pattern reversed once."""
    *fixed, pk = args
    if type(pk) is not int or pk < 0 or any(not isinstance(a, str | int) for a in fixed):
        return reverse(name, args=args)
    halves = _halves(get_urlconf(), get_script_prefix(), name, PLACEHOLDER, (*fixed, int(PLACEHOLDER)), ())
    if halves is None:
        return reverse(name, args=args)
    return f"{halves[0]}{pk}{halves[1]}"


SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # Django's slug converter: reverse() writes such a slug as it is
SLUG_PLACEHOLDER = "slug-placeholder-2147483647"


def course_reverse(name: str, slug: str, **others: str | int) -> str:
    """``reverse(name, kwargs={"slug": slug, **others})``, built from the pattern reversed once per name and
    other arguments, with the course's slug put in place."""
    if not SLUG.fullmatch(slug) or SLUG_PLACEHOLDER in slug:
        return reverse(name, kwargs={"slug": slug, **others})
    others_key = tuple(sorted({"slug": SLUG_PLACEHOLDER, **others}.items()))
    halves = _halves(get_urlconf(), get_script_prefix(), name, SLUG_PLACEHOLDER, (), others_key)
    if halves is None:
        return reverse(name, kwargs={"slug": slug, **others})
    return f"{halves[0]}{slug}{halves[1]}"
