"""Archiving a course: it stays readable to its members (history, exports, work logs) and refuses every change.

A course is archived, not deleted (only an admin's purge deletes one, ``teams.purge``). The guard is one place:
``teams.permissions.course_for_user`` refuses every write to an archived course (``require_open``), for the pages
and the API alike, and hands the views the course's permissions without those that only change things
(``read_only``), so that pages show no write controls; a page whose GET opens a form that changes the course does
not open either (``CoursePermissionMixin.edits_course``: 403 with the same reason). Reminders, digests and webhooks
skip archived courses (``archived_course_ids``); calendar feeds keep only its phases, marked. Webhook deliveries
queued before archiving still go out (docs/retention.md). The course leader and admins archive and restore
(``may_archive``); who did it and when is kept on the course and in its history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import attribute
from teams.models import Course, Membership

if TYPE_CHECKING:
    from accounts.models import User

ARCHIVED = _(
    "“{course}” is archived: it can be read, but nothing in it can be changed. "
    "The course leader or an admin can restore it."
)
ONLY_LEADER = _("Only the course leader or an admin may archive or restore the course.")
ALREADY_ARCHIVED = _("“{course}” is archived already.")
NOT_ARCHIVED = _("“{course}” is not archived.")

# What only changes things: held on an archived course, none of them is handed to a view, so no write control is
# shown. The permissions that also let one read (the support matrix, the agreement, the evaluation tab) are kept for
# reading; their writes are refused by ``require_open`` all the same.
WRITE_ONLY_PERMISSIONS = frozenset(
    {"change_course", "manage_team", "plan_phases", "log_work", "propose_decision", "record_consent",
     "edit_profile", "keep_evaluation", "moderate_decisions"}
)  # fmt: skip


# Not a stored permission: a mark on an archived course's permissions for those who held CHANGE (the leader, an
# admin), so that the page offers them "Restore" without a query. The restore view checks ``may_archive`` itself.
RESTORE_MARK = "restore_course"


def read_only(perms: frozenset[str]) -> frozenset[str]:
    """``perms`` without what only changes things (for an archived course's pages)."""
    mark = {RESTORE_MARK} if "change_course" in perms else set()
    return (perms - WRITE_ONLY_PERMISSIONS) | mark


def require_open(course: Course) -> None:
    """Refuse any change to an archived course, with the reason a person reads on the page."""
    if course.archived_at is not None:
        raise PermissionDenied(str(ARCHIVED).format(course=course.title))


def may_archive(*, user: User, course: Course) -> bool:
    """The course leader and admins (a one-off grant of the course's details does not carry this)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(course=course, user=user, role=Membership.Role.LEADER).exists()


def archived_course_ids() -> set[int]:
    """The archived courses, for the sweeps that must not remind, digest or announce anything about them."""
    return set(Course.objects.filter(archived_at__isnull=False).values_list("pk", flat=True))


def _require_archiver(actor: User, course: Course) -> None:
    if not may_archive(user=actor, course=course):
        raise PermissionDenied(ONLY_LEADER)


@transaction.atomic
def course_archive(*, actor: User, course: Course) -> Course:
    """Close ``course`` to changes; its reminders not yet sent are withdrawn (none is created while archived)."""
    from reminders.services import reminders_withdraw_course

    _require_archiver(actor, course)
    course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
    if course.archived_at is not None:
        raise ValidationError(str(ALREADY_ARCHIVED).format(course=course.title))
    course.archived_at, course.archived_by = timezone.now(), actor
    attribute(course, actor)
    course.save(update_fields=["archived_at", "archived_by", "updated_at"])
    reminders_withdraw_course(course_id=course.pk)
    return course


@transaction.atomic
def course_unarchive(*, actor: User, course: Course) -> Course:
    """Open ``course`` to changes again (the next reminder sweep reminds of what is due)."""
    _require_archiver(actor, course)
    course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
    if course.archived_at is None:
        raise ValidationError(str(NOT_ARCHIVED).format(course=course.title))
    course.archived_at, course.archived_by = None, None
    attribute(course, actor)
    course.save(update_fields=["archived_at", "archived_by", "updated_at"])
    return course
