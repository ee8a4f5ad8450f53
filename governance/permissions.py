"""Who may do what with the governance records, on top of the role table in teams.permissions.

Everyone on the course reads the joint vision and the gates (they frame the whole team's work). The leader
drafts the vision, keeps the agreement's content and passes the gates; the leader and the partner
representatives comment on the vision. The consortium agreement's content (finances included) is for the
course's staff: the leader, the partner representatives and QA officers.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from teams import permissions as perm

VIEW_VISION = perm.VIEW
DRAFT_VISION = perm.CHANGE
COMMENT_VISION = perm.PROPOSE_DECISION
PASS_GATE = perm.PLAN_PHASES
KEEP_AGREEMENT = perm.CHANGE
AGREEMENT_VIEWERS = frozenset({perm.CHANGE, perm.MANAGE_SUPPORT, perm.REVIEW_EVALUATION})

ONLY_STAFF = _("The consortium agreement is for the course leader, partner representatives and QA officers.")


def can_view_agreement(perms: frozenset[str]) -> bool:
    return bool(perms & AGREEMENT_VIEWERS)
