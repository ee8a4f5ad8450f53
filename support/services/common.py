"""Helpers shared by the support services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.history import attribute

__all__ = ["DATE_IN_FUTURE", "INSTITUTION_NOT_IN_COURSE", "attribute", "require_course_institution"]
from teams.models import Course, Institution, Partnership

INSTITUTION_NOT_IN_COURSE = _("Choose one of this course's institutions.")
DATE_IN_FUTURE = _("This date is in the future; record it once it has happened.")


def require_course_institution(*, course: Course, institution: Institution, field: str = "institution") -> None:
    if not Partnership.objects.filter(course=course, institution=institution).exists():
        raise ValidationError({field: INSTITUTION_NOT_IN_COURSE})
