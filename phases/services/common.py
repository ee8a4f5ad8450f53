"""What the phases services share: how they write dates and hours, and how long a phase must last."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format

from phases import conf
from phases.models import Phase
from teams.models import Course

Kind = Phase.Kind


def day(value: date) -> str:
    return date_format(value, "j M Y")


def format_hours(value) -> str:
    """20, 2.5, 0.25: the same on SQLite and PostgreSQL (whose sums keep two decimals)."""
    return f"{Decimal(value):.2f}".rstrip("0").rstrip(".")


def minimum_months(kind: str, course: Course) -> int:
    """How many months the phase must last at least: the settings' minimum, or the course's horizon."""
    if kind == Kind.DESIGN:
        return conf.design_min_months()
    if kind == Kind.DEVELOPMENT:
        return conf.development_min_months()
    return 12 * course.implementation_horizon_years
