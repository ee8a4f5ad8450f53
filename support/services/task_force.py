"""The joint task force: support-service representatives of the course's institutions, as one expert group.

A representative needs an account to receive reminders; someone new is invited by e-mail (accounts). A
representative who is not a team member gets a one-off permission to see the course, so that the links in
their reminders open; it is revoked when they leave the task force (never a member's own permissions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.services import user_get_or_invite
from support.models import ServiceContact, ServiceKind, TaskForceMember
from support.services.common import attribute, require_course_institution
from teams import permissions as perm
from teams.models import Course, CourseUserObjectPermission, Institution, Membership

if TYPE_CHECKING:
    from accounts.models import User

ALREADY_IN_TASK_FORCE = "{person} already represents this service of {institution} in the task force."
UNKNOWN_KIND = "Choose one of the six support services."


def _view_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="teams", codename=perm.VIEW)


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
        email=email, first_name=first_name, last_name=last_name, home_institution=institution, invited_by=actor,
        course=course,
    )  # fmt: skip
    if TaskForceMember.objects.filter(course=course, institution=institution, kind=kind, user=user).exists():
        raise ValidationError({"email": ALREADY_IN_TASK_FORCE.format(person=user, institution=institution)})
    contact = ServiceContact.objects.filter(institution=institution, kind=kind, email__iexact=user.email).first()
    member = TaskForceMember(course=course, institution=institution, kind=kind, user=user, contact=contact)
    attribute(member, actor)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        raise ValidationError({"email": ALREADY_IN_TASK_FORCE.format(person=user, institution=institution)}) from exc
    if perm.VIEW not in perm.course_permissions(user, course):
        CourseUserObjectPermission.objects.create(user=user, content_object=course, permission=_view_permission())
    return member


@transaction.atomic
def task_force_member_remove(*, actor: User, member: TaskForceMember) -> None:
    """Remove a representative; a non-member loses the view permission the task force gave them."""
    course, user = member.course, member.user
    attribute(member, actor)
    member.delete()
    still_needed = (
        Membership.objects.filter(course=course, user=user).exists()
        or TaskForceMember.objects.filter(course=course, user=user).exists()
    )
    if not still_needed:
        CourseUserObjectPermission.objects.filter(
            user=user, content_object=course, permission=_view_permission()
        ).delete()
