"""Helpers shared by the support services."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from teams.models import Course, Institution, Partnership

INSTITUTION_NOT_IN_COURSE = "Choose one of this course's institutions."
DATE_IN_FUTURE = "This date is in the future; record it once it has happened."


def attribute(instance, actor) -> None:
    """Tell django-simple-history who made the change (outside a request there is no middleware to say)."""
    instance._history_user = actor


def require_course_institution(*, course: Course, institution: Institution, field: str = "institution") -> None:
    if not Partnership.objects.filter(course=course, institution=institution).exists():
        raise ValidationError({field: INSTITUTION_NOT_IN_COURSE})
