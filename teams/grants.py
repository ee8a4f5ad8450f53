"""One-off permissions an admin gives on a course, as records; the permission rows follow (teams.derivation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.history import attribute
from teams.derivation import derive_course_permissions
from teams.models import Course, CourseGrant
from teams.permissions import ALL_COURSE_PERMISSIONS, VIEW

if TYPE_CHECKING:
    from accounts.models import User

UNKNOWN_PERMISSION = _("Choose one of the course permissions.")
ONLY_ADMINS = _("Only an administrator gives one-off permissions on a course.")


@transaction.atomic
def course_grant_add(*, actor: User, course: Course, user: User, permission: str, note: str = "") -> CourseGrant:
    """Give ``user`` one permission on ``course`` (and the view without which it is useless)."""
    if not actor.is_superuser:
        raise ValidationError(ONLY_ADMINS)
    if permission not in ALL_COURSE_PERMISSIONS:
        raise ValidationError({"permission": UNKNOWN_PERMISSION})
    grant = None
    for codename in dict.fromkeys([permission, VIEW]):
        row, _created = CourseGrant.objects.get_or_create(
            course=course, user=user, permission=codename, defaults={"granted_by": actor, "note": note[:300]}
        )
        grant = grant or row
    derive_course_permissions(course_id=course.pk, user_ids=[user.pk])
    assert grant is not None  # the loop ran at least once
    return grant


@transaction.atomic
def course_grant_remove(*, actor: User, grant: CourseGrant) -> None:
    attribute(grant, actor)
    grant.delete()  # re-derived on delete
