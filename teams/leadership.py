"""Leadership handover: the leader (or an admin) hands the course to a member of the lead institution in one step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import outbox
from core.history import attribute
from teams.affiliations import has_staff_affiliation
from teams.derivation import derive_course_permissions
from teams.models import Course, Membership
from teams.outbox import LEADERSHIP_NOTICE

if TYPE_CHECKING:
    from accounts.models import User

Role = Membership.Role
# What the former leader may stay as: the lead institution's roles other than leader (or they leave the team).
FORMER_ROLES = (Role.QA_OFFICER,)

ONLY_LEADER_HANDS_OVER = _("Only the course leader or an administrator hands over leadership.")
CHOOSE_LEAD_MEMBER = _("Choose a member who represents the lead institution (%(lead)s).")
NEW_LEADER_NOT_STAFF = _("%(person)s has no verified staff affiliation with %(lead)s, which a course leader needs.")
FORMER_ROLE_INVALID = _("Choose what the former leader stays as, or that they leave the team.")


@transaction.atomic
def leadership_hand_over(*, actor: User, course: Course, to: Membership, former_role: str | None) -> Membership:
    """Make ``to`` the leader; the former leader becomes ``former_role`` (or leaves when None). Both are notified.

    One transaction: the course never has two leaders or none; permissions follow (teams.derivation) and the
    history records both memberships' changes under ``actor``.
    """
    leader = Membership.objects.select_for_update().select_related("user").get(course=course, role=Role.LEADER)
    if not (actor.is_superuser or actor.pk == leader.user_id):
        raise PermissionDenied(ONLY_LEADER_HANDS_OVER)
    lead = course.lead_institution
    if to.course_id != course.pk or to.pk == leader.pk or to.institution_id != lead.pk or to.role == Role.STAKEHOLDER:
        raise ValidationError({"to": CHOOSE_LEAD_MEMBER % {"lead": lead}})
    if not has_staff_affiliation(to.user, lead):
        raise ValidationError({"to": NEW_LEADER_NOT_STAFF % {"person": to.user, "lead": lead}})
    if former_role is not None and former_role not in FORMER_ROLES:
        raise ValidationError({"former_role": FORMER_ROLE_INVALID})
    former = leader.user
    attribute(leader, actor)
    if former_role is None:
        leader.delete()
    else:
        leader.role = former_role
        leader.save()
    to.role = Role.LEADER
    attribute(to, actor)
    to.save()
    derive_course_permissions(course_id=course.pk, user_ids=[former.pk, to.user_id])
    outbox.enqueue(
        LEADERSHIP_NOTICE,
        {
            "course_id": course.pk,
            "new_leader_id": to.user_id,
            "former_id": former.pk,
            "former_role": former_role or "",
            "actor_id": actor.pk,
        },
    )
    return to
