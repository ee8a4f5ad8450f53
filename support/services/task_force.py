"""The joint task force: support-service representatives of the course's institutions, as one expert group.

A representative needs an account to receive reminders; someone new is invited by e-mail (accounts). A seat
lets its holder see the course, so that the links in their reminders open: a source of permissions in
teams.derivation, so leaving the task force takes away only what no membership or grant also gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.services import user_get_or_invite
from support.models import ServiceContact, ServiceKind, TaskForceMember
from support.services.common import attribute, require_course_institution
from teams.derivation import derive_course_permissions
from teams.models import Course, Institution

if TYPE_CHECKING:
    from accounts.models import User

ALREADY_IN_TASK_FORCE = _("%(person)s already represents this service of %(institution)s in the task force.")
UNKNOWN_KIND = _("Choose one of the six support services.")


@transaction.atomic
def task_force_member_add(
    *,
    actor: User,
    course: Course,
    institution: Institution,
    kind: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
) -> TaskForceMember:
    """Add a representative of ``institution``'s ``kind`` service to the course's task force."""
    require_course_institution(course=course, institution=institution)
    if kind not in ServiceKind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    user = user_get_or_invite(
        email=email, first_name=first_name, last_name=last_name, invited_by=actor,
        course=course,
    )  # fmt: skip
    if TaskForceMember.objects.filter(course=course, institution=institution, kind=kind, user=user).exists():
        raise ValidationError({"email": ALREADY_IN_TASK_FORCE % dict(person=user, institution=institution)})
    contact = ServiceContact.objects.filter(institution=institution, kind=kind, email__iexact=user.email).first()
    member = TaskForceMember(course=course, institution=institution, kind=kind, user=user, contact=contact)
    attribute(member, actor)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        raise ValidationError({"email": ALREADY_IN_TASK_FORCE % dict(person=user, institution=institution)}) from exc
    derive_course_permissions(course_id=course.pk, user_ids=[user.pk])  # the seat lets them see the course
    return member


@transaction.atomic
def task_force_member_remove(*, actor: User, member: TaskForceMember) -> None:
    """Remove a representative; what only the seat gave them goes with it (re-derived on delete, teams.derivation)."""
    attribute(member, actor)
    member.delete()
