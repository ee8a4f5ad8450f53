"""Who may change what in a course's support work: object-level rules finer than the role table.

The role table (teams.permissions) says whether someone may engage support services at all (MANAGE_SUPPORT).
Here: the course leader (LEAD_SUPPORT) engages every institution's services; a partner
representative only their own institution's. Service contacts belong to an institution, not a course, and
every course of that institution shows them: so they are kept only by its verified staff whom it gave the role
(coordinator or contact keeper, teams.affiliations), never by whoever represents it on one course.
Violations are 403 (the course is visible, the action is not allowed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from teams import permissions as perm
from teams.affiliations import contact_keeping_institution_ids
from teams.models import Course, Institution, Membership

if TYPE_CHECKING:
    from accounts.models import User

NOT_YOUR_INSTITUTION = _("You can change only your own institution's support work (%(institution)s).")
ONLY_LEADER = _("Only the course leader can do this.")
CONTACTS_OWN_INSTITUTION = _(
    "Only staff of %(institution)s whom it lets keep its service contacts can change them "
    "(ask its institution coordinator)."
)


@dataclass(frozen=True)
class SupportScope:
    """What one person may change in one course's support work."""

    is_admin: bool
    manages_all: bool  # the leader (and admins): every institution of the course
    manages_own: bool  # holds MANAGE_SUPPORT for their own institution
    institution_id: int | None  # the institution their membership represents
    user: Any = field(default=None, compare=False, repr=False)

    def may_manage(self, institution_id: int) -> bool:
        """Consultations, approval steps, signatures and task force members of ``institution_id``."""
        return self.manages_all or (self.manages_own and institution_id == self.institution_id)

    @cached_property
    def contact_institution_ids(self) -> frozenset[int]:
        """Institutions whose contacts this person keeps (read once, when a page asks)."""
        if self.user is None:
            return frozenset()
        return frozenset(contact_keeping_institution_ids(self.user))

    def may_edit_contacts(self, institution_id: int) -> bool:
        return self.is_admin or institution_id in self.contact_institution_ids

    @property
    def manages_any(self) -> bool:
        return self.manages_all or (self.manages_own and self.institution_id is not None)


def support_scope(*, user: User, course: Course, perms: frozenset[str]) -> SupportScope:
    """The user's scope on ``course`` (one query for a member, none for an admin).

    An archived course is changed by nobody (teams.archive): its scope manages nothing, so no control shows."""
    open_course = course.archived_at is None
    if user.is_superuser:
        return SupportScope(is_admin=True, manages_all=open_course, manages_own=open_course, institution_id=None)
    institution_id = (
        Membership.objects.filter(course=course, user=user).order_by().values_list("institution_id", flat=True).first()
    )
    return SupportScope(
        is_admin=False,
        manages_all=open_course and perm.MANAGE_SUPPORT in perms and perm.LEAD_SUPPORT in perms,
        manages_own=open_course and perm.MANAGE_SUPPORT in perms,
        institution_id=institution_id,
        user=user,
    )


def require_manage(scope: SupportScope, institution: Institution) -> None:
    if not scope.may_manage(institution.pk):
        raise PermissionDenied(NOT_YOUR_INSTITUTION % dict(institution=institution))


def require_leader(scope: SupportScope) -> None:
    if not scope.manages_all:
        raise PermissionDenied(ONLY_LEADER)


def require_contacts(scope: SupportScope, institution: Institution) -> None:
    if not scope.may_edit_contacts(institution.pk):
        raise PermissionDenied(CONTACTS_OWN_INSTITUTION % dict(institution=institution))
