"""Calendar arithmetic for phase plans: months as people count them, and durations in words.

A phase runs from its start date to its end date, both included: design from 1 January to 31 March lasts
exactly 3 months, and development may start on 1 April.

Every helper accepts every date Python (and so Django) accepts, 1 January of year 1 to 31 December 9999: a result
beyond those ends is held at the end (``date.min`` / ``date.max``) instead of raising, so a plan stored with
absurd dates still renders; forms refuse such dates when people enter them (core.dates).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import MAXYEAR, MINYEAR, date, timedelta

from django.utils.translation import gettext, ngettext

ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 January + 1 month = 28 February).

    Held at ``date.max`` / ``date.min`` past the calendar's ends.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > MAXYEAR:
        return date.max
    if year < MINYEAR:
        return date.min
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def next_day(day: date) -> date:
    """The day after ``day``, held at ``date.max``."""
    return day if day == date.max else day + ONE_DAY


def previous_day(day: date) -> date:
    """The day before ``day``, held at ``date.min``."""
    return day if day == date.min else day - ONE_DAY


def last_day_of(start: date, months: int) -> date:
    """The last day of a period of ``months`` starting on ``start`` (end included); at most ``date.max``."""
    after = add_months(start, months)
    return date.max if after == date.max and months > 0 else previous_day(after)


def duration(start: date, end: date) -> tuple[int, int]:
    """Whole months and remaining days from ``start`` to ``end``, both included.

    For an ``end`` of 31 December 9999 the day after does not exist: counted up to the day before, plus one day.
    """
    if end == date.max and start < end:
        months, days = duration(start, end - ONE_DAY)
        return months, days + 1
    stop = end + ONE_DAY
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and add_months(start, months) > stop:
        months -= 1
    return months, (stop - add_months(start, months)).days


def _years(n: int) -> str:
    return ngettext("%(count)d year", "%(count)d years", n) % {"count": n}


def _months(n: int) -> str:
    return ngettext("%(count)d month", "%(count)d months", n) % {"count": n}


def _days(n: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", n) % {"count": n}


def describe_months(months: int, days: int = 0) -> str:
    """'2 months and 12 days', '3 years', '2 years, 11 months and 3 days'."""
    years, months = divmod(months, 12)
    parts = [word(n) for n, word in ((years, _years), (months, _months), (days, _days)) if n]
    if not parts:
        return _days(0)
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        # Translators: two parts of a duration, e.g. "2 months and 12 days".
        return gettext("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}
    # Translators: three parts of a duration, e.g. "2 years, 11 months and 3 days".
    return gettext("%(first)s, %(second)s and %(third)s") % {"first": parts[0], "second": parts[1], "third": parts[2]}


def describe_duration(start: date, end: date) -> str:
    return describe_months(*duration(start, end))


def describe_days(days: int) -> str:
    return _days(days)
