"""Calendar arithmetic for phase plans: months as people count them, and durations in words.

A phase runs from its start date to its end date, both included: design from 1 January to 31 March lasts
exactly 3 months, and development may start on 1 April.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 January + 1 month = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def last_day_of(start: date, months: int) -> date:
    """The last day of a period of ``months`` starting on ``start`` (end included)."""
    return add_months(start, months) - ONE_DAY


def duration(start: date, end: date) -> tuple[int, int]:
    """Whole months and remaining days from ``start`` to ``end``, both included."""
    stop = end + ONE_DAY
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and add_months(start, months) > stop:
        months -= 1
    return months, (stop - add_months(start, months)).days


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_months(months: int, days: int = 0) -> str:
    """'2 months and 12 days', '3 years', '2 years, 11 months and 3 days'."""
    years, months = divmod(months, 12)
    parts = [_plural(n, w) for n, w in ((years, "year"), (months, "month"), (days, "day")) if n]
    if not parts:
        return "0 days"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe_duration(start: date, end: date) -> str:
    return describe_months(*duration(start, end))


def describe_days(days: int) -> str:
    return _plural(days, "day")
