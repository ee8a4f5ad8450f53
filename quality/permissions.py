"""Who may do what in the quality app, on top of the role table in teams.permissions.

The role table says what a role may do on a course; these predicates add the finer, object-level rules:
a representative speaks for their own institution only (the leader for the lead institution), and the
evaluation pages are for the course's staff (leader, partner representatives, QA officers), not for learner
representatives or stakeholders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from teams import permissions as perm
from teams.models import Course, Institution, Membership

if TYPE_CHECKING:
    from accounts.models import User

# Any of these lets a person see the course's evaluation data (and its QA submissions).
EVALUATION_VIEWERS = frozenset({perm.SUBMIT_EVALUATION, perm.REVIEW_EVALUATION})
# Any of these lets a person keep the evaluation procedure and the editions: the leader or a QA officer.
EVALUATION_KEEPERS = frozenset({perm.KEEP_EVALUATION, perm.REVIEW_EVALUATION})

NOT_YOUR_INSTITUTION = _("You can speak only for the institution you represent in this course.")
NO_INSTITUTION = _("You do not represent an institution of this course.")


def can_view_evaluation(perms: frozenset[str]) -> bool:
    return bool(perms & EVALUATION_VIEWERS)


def can_keep_evaluation(perms: frozenset[str]) -> bool:
    return bool(perms & EVALUATION_KEEPERS)


def represented_institution(*, user: User, course: Course) -> Institution | None:
    """The institution ``user`` speaks for in ``course``: the lead for its leader, their own for a partner
    representative, none for anyone else (an admin included: they run the installation, not the course)."""
    membership = (
        Membership.objects.filter(course=course, user=user, role__in=[Membership.Role.LEADER, Membership.Role.PARTNER])
        .select_related("institution")
        .first()
    )
    return membership.institution if membership else None


def require_represented_institution(*, user: User, course: Course) -> Institution:
    """Like represented_institution, but a 403 when the user speaks for no institution."""
    institution = represented_institution(user=user, course=course)
    if institution is None:
        raise PermissionDenied(NO_INSTITUTION)
    return institution
