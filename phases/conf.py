"""This app's settings, with defaults. The phase minimums come from settings.MICROCRED (checked in core.checks)."""

from django.conf import settings

from core.checks import GUIDELINE_MINIMUM_MONTHS


def design_min_months() -> int:
    return max(settings.MICROCRED.get("DESIGN_MIN_MONTHS", 3), GUIDELINE_MINIMUM_MONTHS["DESIGN_MIN_MONTHS"])


def development_min_months() -> int:
    return max(settings.MICROCRED.get("DEVELOPMENT_MIN_MONTHS", 6), GUIDELINE_MINIMUM_MONTHS["DEVELOPMENT_MIN_MONTHS"])


def tasks_per_page() -> int:
    return getattr(settings, "TASKS_PER_PAGE", 25)
