"""Who sees and attaches documents: the rules of what a document is attached to, on top of the role table.

A document is seen by whoever sees its subject: the vision and decisions by every member, agreements and
evaluation reports by the course's staff (leader, partner representatives, QA officers), a task by those who see
every task or are assigned to it. Attaching follows who works on the subject; the uploader or the leader deletes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from documents.models import SubjectKind
from governance.permissions import AGREEMENT_VIEWERS
from quality.permissions import EVALUATION_VIEWERS
from teams import permissions as perm

if TYPE_CHECKING:
    from accounts.models import User
    from documents.models import Document

K = SubjectKind

SEE = {
    K.VISION: frozenset({perm.VIEW}),
    K.DECISION: frozenset({perm.VIEW}),
    K.AGREEMENT: AGREEMENT_VIEWERS,
    K.TASK: frozenset({perm.VIEW}),  # narrowed to assigned tasks without VIEW_ALL_TASKS (selectors)
    K.REPORT: EVALUATION_VIEWERS,
}
ATTACH = {
    K.VISION: frozenset({perm.PROPOSE_DECISION}),
    K.DECISION: frozenset({perm.PROPOSE_DECISION, perm.RECORD_CONSENT}),
    K.AGREEMENT: frozenset({perm.CHANGE, perm.MANAGE_SUPPORT}),
    K.TASK: frozenset({perm.PLAN_PHASES, perm.LOG_WORK}),  # LOG_WORK: only on tasks one is assigned to
    K.REPORT: frozenset({perm.SUBMIT_EVALUATION, perm.REVIEW_EVALUATION}),
}

NOT_ALLOWED = _("Your role on this course does not allow you to add documents to this.")
NOT_YOURS = _("Only the person who added a document, or the course leader, deletes it.")


def visible_kinds(perms: frozenset[str]) -> list[str]:
    return [kind for kind, needed in SEE.items() if perms & needed]


def attachable_kinds(perms: frozenset[str]) -> list[str]:
    return [kind for kind, needed in ATTACH.items() if perms & needed]


def sees_all_tasks(perms: frozenset[str]) -> bool:
    return perm.VIEW_ALL_TASKS in perms


def may_attach_to_task(perms: frozenset[str], *, assigned: bool) -> bool:
    return perm.PLAN_PHASES in perms or (perm.LOG_WORK in perms and assigned)


def may_delete(perms: frozenset[str], *, user: User, document: Document) -> bool:
    return perm.CHANGE in perms or document.created_by_id == user.pk
