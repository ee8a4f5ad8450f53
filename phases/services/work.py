"""Milestones and tasks: created, edited and deleted by those who plan."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from core.i18n import prose_list
from phases import events as webhook_events
from phases.models import Milestone, Phase, Task, WorkLog
from phases.services.common import day, format_hours
from reminders.services import reminders_withdraw
from teams.models import CoCreationAspect, Course, Membership

MILESTONE_OUTSIDE_PHASE = _("Choose a date within %(phase)s (%(start)s – %(end)s).")
NOT_A_MEMBER = _("Choose a member of this course team.")
STAKEHOLDER_ASPECT = _(
    "%(person)s is engaged only for these co-creation aspects: %(aspects)s. Choose one of them as the task's "
    "co-creation aspect, or leave them out."
)
TASK_HAS_WORK = _(
    "“%(task)s” cannot be deleted: %(hours)s h of work are logged on it, and they count in the course's effort. "
    "Set its status to done instead."
)


def _check_member(course: Course, membership: Membership | None, field: str) -> None:
    if membership is None or membership.course_id != course.pk:
        raise ValidationError({field: NOT_A_MEMBER})


def _check_milestone_date(phase: Phase, due_on: date) -> None:
    """A milestone falls inside its phase: not before it starts, not after it ended.

    A phase still under way has no upper bound: when it overruns, its remaining commitments move past the
    planned end with it.
    """
    start = min(d for d in (phase.planned_start, phase.actual_start) if d)
    if due_on < start or (phase.actual_end is not None and due_on > phase.actual_end):
        end = phase.actual_end or phase.planned_end
        raise ValidationError(
            {"due_on": MILESTONE_OUTSIDE_PHASE % dict(phase=phase.kind_in_sentence, start=day(start), end=day(end))}
        )


@transaction.atomic
def milestone_create(*, actor: User, phase: Phase, title: str, due_on: date, owner: Membership) -> Milestone:
    """A dated commitment inside ``phase``, owned by a member of the course team."""
    _check_member(phase.course, owner, "owner")
    _check_milestone_date(phase, due_on)
    milestone = Milestone(phase=phase, title=title, due_on=due_on, owner=owner)
    milestone.full_clean()
    attribute(milestone, actor)
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(
    *, actor: User, milestone: Milestone, title: str, due_on: date, owner: Membership, completed_on: date | None
) -> Milestone:
    _check_member(milestone.phase.course, owner, "owner")
    _check_milestone_date(milestone.phase, due_on)
    milestone.title, milestone.due_on, milestone.owner, milestone.completed_on = title, due_on, owner, completed_on
    milestone.full_clean()
    attribute(milestone, actor)
    milestone.save()
    return milestone


@transaction.atomic
def milestone_delete(*, actor: User, milestone: Milestone) -> None:
    """Delete a milestone; reminders of it not yet sent are withdrawn, its history keeps who deleted it."""
    reminders_withdraw(subject=milestone)
    attribute(milestone, actor)
    milestone.delete()


def _check_assignees(course: Course, assignees: list[Membership], aspect: str) -> None:
    """Assignees belong to the course; a stakeholder only works on the co-creation aspects they are engaged for."""
    for member in assignees:
        _check_member(course, member, "assignees")
        if member.role == Membership.Role.STAKEHOLDER and aspect not in member.co_creation_aspects:
            labels = dict(CoCreationAspect.choices)
            aspects = prose_list((labels.get(a, a) for a in member.co_creation_aspects), last="or")
            raise ValidationError(
                {"co_creation_aspect": STAKEHOLDER_ASPECT % dict(person=member.user, aspects=aspects)}
            )


@transaction.atomic
def task_create(
    *,
    actor: User,
    phase: Phase,
    title: str,
    description: str = "",
    assignees: Iterable[Membership] = (),
    due_on: date | None = None,
    status: str = Task.Status.TODO,
    co_creation_aspect: str = "",
) -> Task:
    """A piece of shared work in ``phase``, assigned to members (learner representatives included)."""
    members = list(assignees)
    _check_assignees(phase.course, members, co_creation_aspect)
    task = Task(
        phase=phase,
        title=title,
        description=description,
        due_on=due_on,
        status=status,
        co_creation_aspect=co_creation_aspect,
    )
    task.full_clean()
    attribute(task, actor)
    task.save()
    task.assignees.set(members)
    return task


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: Task,
    title: str,
    description: str,
    assignees: Iterable[Membership],
    due_on: date | None,
    status: str,
    co_creation_aspect: str,
) -> Task:
    members = list(assignees)
    _check_assignees(task.phase.course, members, co_creation_aspect)
    was_done = Task.objects.filter(pk=task.pk, status=Task.Status.DONE).exists()  # a form may have set it already
    task.title, task.description, task.due_on = title, description, due_on
    task.status, task.co_creation_aspect = status, co_creation_aspect
    task.full_clean()
    attribute(task, actor)
    task.save()
    task.assignees.set(members)
    if status == Task.Status.DONE and not was_done:
        webhook_events.task_done(task=task)
    return task


def task_delete_refusal(*, task: Task, hours_logged: Decimal) -> str:
    """Why ``task`` cannot be deleted, or "": work logged on it would be lost from the course's effort."""
    return TASK_HAS_WORK % dict(task=task.title, hours=format_hours(hours_logged)) if hours_logged else ""


@transaction.atomic
def task_delete(*, actor: User, task: Task) -> None:
    """Delete a task nobody has logged work on (DOMAIN: members log work on tasks; the effort counts it).

    The task's row is locked first, as work_log_create locks it: work logged at the same moment either lands
    before the check, and the task is kept, or waits and is then refused because the task is gone.
    """
    locked = Task.objects.select_for_update().filter(pk=task.pk).first()
    if locked is None:  # deleted by someone else a moment ago: the outcome asked for
        return
    task = locked
    hours: Decimal = WorkLog.objects.filter(task=task).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    refusal = task_delete_refusal(task=task, hours_logged=hours)
    if refusal:
        raise ValidationError(refusal)
    reminders_withdraw(subject=task)
    attribute(task, actor)
    task.delete()
