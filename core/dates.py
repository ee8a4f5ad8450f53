"""Dates people enter must lie in a sensible range around today.

Python accepts every date from year 1 to 9999, and a typo such as ``0226`` for 2026 is a valid date; stored in a
plan, it made every page that draws the plan useless. Every date field of our forms (``core.forms.BootstrapMixin``)
accepts only dates within ``SENSIBLE_DATE_YEARS`` years (default 20) of today, and says so at the field.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

OUT_OF_RANGE = _("Enter a date between {first} and {last}: is the year right?")


def _years_from(day: date, years: int) -> date:
    year = min(max(day.year + years, 1), 9999)
    return day.replace(year=year, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=year)


def sensible_range(today: date | None = None) -> tuple[date, date]:
    """The first and last date a person may enter today."""
    today = today or timezone.localdate()
    years = settings.SENSIBLE_DATE_YEARS
    return _years_from(today, -years), _years_from(today, years)


def validate_sensible_date(value: date | None) -> None:
    if value is None:
        return
    first, last = sensible_range()
    if not first <= value <= last:
        raise ValidationError(
            OUT_OF_RANGE.format(first=date_format(first, "j F Y"), last=date_format(last, "j F Y")),
            code="date_out_of_range",
        )
