"""A task's row: its assignees move its status along and log work on it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from phases import events as webhook_events
from phases.models import Task, WorkLog
from phases.services.common import day, format_hours
from teams.models import Membership

ONLY_ASSIGNEES_LOG = _("Only people assigned to this task can log work on it.")
HOURS_RANGE = _("Log between 0.25 and 24 hours.")
DAY_FULL = _("You have already logged %(logged)s h on %(day)s; a day has 24 hours.")
DATE_IN_FUTURE = _("Work cannot be logged for a day in the future.")
TASK_GONE = _("This task has just been deleted; there is nothing to log work on any more.")


@transaction.atomic
def task_set_status(*, actor: User, task: Task, status: str) -> Task:
    """An assignee (or a planner) moves a task along: to do, in progress, blocked, done."""
    was_done = Task.objects.filter(pk=task.pk, status=Task.Status.DONE).exists()  # a form may have set it already
    task.status = status
    task.full_clean(validate_unique=False)
    attribute(task, actor)
    task.save(update_fields=["status", "updated_at"])
    if status == Task.Status.DONE and not was_done:
        webhook_events.task_done(task=task)
    return task


@transaction.atomic
def work_log_create(
    *,
    actor: User,
    task: Task,
    date: date,
    hours: Decimal,
    note: str = "",
    today: date | None = None,
) -> WorkLog:
    """An assignee logs time on their task: a day not in the future, at most 24 hours a day in all."""
    today = today or timezone.localdate()
    member = task.assignees.filter(user=actor).first()
    if member is None:
        raise ValidationError(ONLY_ASSIGNEES_LOG)
    if date > today:
        raise ValidationError({"date": DATE_IN_FUTURE})
    if not Decimal("0.25") <= hours <= Decimal("24"):
        raise ValidationError({"hours": HOURS_RANGE})
    # Lock the task, so a deletion at the same moment cannot take this work with it (task_delete), and the
    # member's row, so two logs at once cannot both fit under the daily 24 hours.
    if Task.objects.select_for_update().filter(pk=task.pk).values_list("pk", flat=True).first() is None:
        raise ValidationError(TASK_GONE)
    Membership.objects.select_for_update().filter(pk=member.pk).first()
    logged = WorkLog.objects.filter(user=actor, date=date).aggregate(total=Sum("hours"))["total"] or 0
    if logged + hours > 24:
        raise ValidationError({"hours": DAY_FULL % dict(logged=format_hours(logged), day=day(date))})
    log = WorkLog(
        task=task,
        member=member,
        user=actor,
        institution_id=member.institution_id,
        organisation_id=member.organisation_id,
        date=date,
        hours=hours,
        note=note,
    )
    log.full_clean()
    attribute(log, actor)
    log.save()
    return log
