"""Every write to phases, milestones, tasks and work logs: keyword-only, atomic, validating.

The rules (DOMAIN.md, rule 2): design, development and implementation in that order, never overlapping;
design and development at least their minimum duration; implementation covers the course's horizon.
Messages say which rule and by how much, and are constants the tests and forms share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from core.history import attribute
from phases import conf
from phases.dates import ONE_DAY, describe_days, describe_duration, describe_months, duration, last_day_of
from phases.guards import start_refusal
from phases.models import PHASE_ORDER, Milestone, Phase, Task, WorkLog
from phases.selectors import forget_phases
from reminders.services import reminders_withdraw
from teams.models import CoCreationAspect, Course, Membership
from teams.selectors import partners_without_representative
from webhooks import events as webhook_events

Kind = Phase.Kind

PHASE_TOO_SHORT = "{phase} must last at least {minimum}; this plan gives {actual}."
HORIZON_NOT_COVERED = (
    "Implementation must cover the course's implementation horizon of {minimum}; this plan gives {actual}."
)
PHASE_ENDS_BEFORE_START = "{phase} must end after it starts."
PHASE_OVERLAP = "{phase} must start after {previous} ends on {previous_end}; this plan overlaps it by {overlap}."
PHASE_OUT_OF_ORDER = (
    "{phase} must come after {previous}: it starts on {start}, before {previous} starts on {previous_start}."
)
PHASE_NO_PLAN = "Plan the phases first."
START_IN_FUTURE = "An actual start cannot be in the future."
END_IN_FUTURE = "An actual end cannot be in the future."
END_WITHOUT_START = "Record when the phase started before recording its end."
END_BEFORE_START = "The phase cannot end before it started ({start})."
DESIGN_NEEDS_REPRESENTATIVES = (
    "Design cannot start until every partner institution has a partner representative; missing: {institutions}."
)
PREVIOUS_NOT_COMPLETED = "{phase} cannot start before {previous} is completed: record the end of {previous} first."
STARTS_BEFORE_PREVIOUS_ENDS = "{phase} must start after {previous} ended on {previous_end}."
NEXT_ALREADY_STARTED = "{next} started on {next_start}; {phase} must end before that."
MILESTONE_OUTSIDE_PHASE = "Choose a date within {phase} ({start} – {end})."
NOT_A_MEMBER = "Choose a member of this course team."
STAKEHOLDER_ASPECT = (
    "{person} is engaged for {aspects}; choose one of these as the task's co-creation aspect, or leave them out."
)
ONLY_ASSIGNEES_LOG = "Only people assigned to this task can log work on it."
HOURS_RANGE = "Log between 0.25 and 24 hours."
DAY_FULL = "You have already logged {logged} h on {day}; a day has 24 hours."
DATE_IN_FUTURE = "Work cannot be logged for a day in the future."
TASK_GONE = "This task has just been deleted; there is nothing to log work on any more."
TASK_HAS_WORK = (
    "“{task}” cannot be deleted: {hours} h of work are logged on it, and they count in the course's effort. "
    "Set its status to done instead."
)


def _day(value: date) -> str:
    return date_format(value, "j M Y")


def format_hours(value) -> str:
    """20, 2.5, 0.25: the same on SQLite and PostgreSQL (whose sums keep two decimals)."""
    return f"{Decimal(value):.2f}".rstrip("0").rstrip(".")


def minimum_months(kind: str, course: Course) -> int:
    """How many months the phase must last at least: the settings' minimum, or the course's horizon."""
    if kind == Kind.DESIGN:
        return conf.design_min_months()
    if kind == Kind.DEVELOPMENT:
        return conf.development_min_months()
    return 12 * course.implementation_horizon_years


@dataclass(frozen=True)
class PlannedPhase:
    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return Kind(self.kind).label


def phase_plan_propose(*, course: Course, start: date) -> list[PlannedPhase]:
    """A plan that meets every rule from ``start``: the minimums back to back, then the horizon."""
    plan, begin = [], start
    for kind in PHASE_ORDER:
        end = last_day_of(begin, minimum_months(kind, course))
        plan.append(PlannedPhase(kind=kind, start=begin, end=end))
        begin = end + ONE_DAY
    return plan


def phase_plan_validate(*, course: Course, plan: list[PlannedPhase]) -> None:
    """Raise a ValidationError naming each broken rule at the field it concerns ("<kind>_start"/"<kind>_end")."""
    errors: dict[str, list[str]] = {}
    previous: PlannedPhase | None = None
    for phase in sorted(plan, key=lambda p: PHASE_ORDER.index(p.kind)):
        label = phase.label
        if phase.end <= phase.start:
            errors.setdefault(f"{phase.kind}_end", []).append(PHASE_ENDS_BEFORE_START.format(phase=label))
        else:
            months = minimum_months(phase.kind, course)
            if duration(phase.start, phase.end) < (months, 0):
                template = HORIZON_NOT_COVERED if phase.kind == Kind.IMPLEMENTATION else PHASE_TOO_SHORT
                message = template.format(
                    phase=label, minimum=describe_months(months), actual=describe_duration(phase.start, phase.end)
                )
                errors.setdefault(f"{phase.kind}_end", []).append(message)
        if previous is not None:
            if phase.start <= previous.start:
                message = PHASE_OUT_OF_ORDER.format(
                    phase=label,
                    previous=previous.label.lower(),
                    start=_day(phase.start),
                    previous_start=_day(previous.start),
                )
                errors.setdefault(f"{phase.kind}_start", []).append(message)
            elif phase.start <= previous.end:
                message = PHASE_OVERLAP.format(
                    phase=label,
                    previous=previous.label.lower(),
                    previous_end=_day(previous.end),
                    overlap=describe_days((previous.end - phase.start).days + 1),
                )
                errors.setdefault(f"{phase.kind}_start", []).append(message)
        previous = phase
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def phase_plan_save(*, actor: User, course: Course, plan: list[PlannedPhase]) -> list[Phase]:
    """Create or move the three phases of ``course`` to ``plan`` once it meets every rule."""
    phase_plan_validate(course=course, plan=plan)
    existing = {p.kind: p for p in Phase.objects.select_for_update().filter(course=course)}
    saved = []
    for planned in plan:
        phase = existing.get(planned.kind) or Phase(course=course, kind=planned.kind)
        if phase.pk and (phase.planned_start, phase.planned_end) == (planned.start, planned.end):
            saved.append(phase)
            continue
        phase.planned_start, phase.planned_end = planned.start, planned.end
        attribute(phase, actor)
        phase.save()
        saved.append(phase)
    forget_phases(course)
    return saved


def _neighbours(phase: Phase) -> tuple[Phase | None, Phase | None]:
    phases = {p.kind: p for p in Phase.objects.filter(course_id=phase.course_id)}
    index = PHASE_ORDER.index(phase.kind)
    previous = phases.get(PHASE_ORDER[index - 1]) if index > 0 else None
    following = phases.get(PHASE_ORDER[index + 1]) if index + 1 < len(PHASE_ORDER) else None
    return previous, following


@transaction.atomic
def phase_record_actual(
    *,
    actor: User,
    phase: Phase,
    actual_start: date | None,
    actual_end: date | None,
    today: date | None = None,
    check_guards: bool = True,
) -> Phase:
    """Record when a phase really started and ended.

    Design starts only once every partner institution has a representative (DOMAIN rule 1); a later phase
    starts only after the previous one is completed, so actual phases never overlap either. Other apps' start
    guards (``phases.guards``: the governance gates) apply unless ``check_guards`` is off, for history recorded
    after the fact (the demo data).
    """
    today = today or timezone.localdate()
    label = phase.get_kind_display()
    stored = Phase.objects.select_for_update().get(pk=phase.pk)
    errors: dict[str, str] = {}
    if actual_start and actual_start > today:
        errors["actual_start"] = START_IN_FUTURE
    if actual_end and actual_end > today:
        errors["actual_end"] = END_IN_FUTURE
    if actual_end and not actual_start:
        errors["actual_end"] = END_WITHOUT_START
    elif actual_end and actual_start and actual_end < actual_start:
        errors["actual_end"] = END_BEFORE_START.format(start=_day(actual_start))
    previous, following = _neighbours(phase)
    if actual_start and "actual_start" not in errors and actual_start != stored.actual_start:
        if phase.kind == Kind.DESIGN:
            missing = partners_without_representative(course=phase.course)
            if missing:
                names = ", ".join(i.name for i in missing)
                errors["actual_start"] = DESIGN_NEEDS_REPRESENTATIVES.format(institutions=names)
        elif previous is not None and previous.actual_end is None:
            errors["actual_start"] = PREVIOUS_NOT_COMPLETED.format(
                phase=label, previous=previous.get_kind_display().lower()
            )
        elif previous is not None and actual_start <= previous.actual_end:
            errors["actual_start"] = STARTS_BEFORE_PREVIOUS_ENDS.format(
                phase=label, previous=previous.get_kind_display().lower(), previous_end=_day(previous.actual_end)
            )
        elif check_guards and (refusal := start_refusal(phase)):
            errors["actual_start"] = refusal
    next_start = following.actual_start if following is not None else None
    if next_start is not None and "actual_end" not in errors and (actual_end is None or actual_end >= next_start):
        errors["actual_end"] = NEXT_ALREADY_STARTED.format(
            next=following.get_kind_display(), next_start=_day(next_start), phase=label.lower()
        )
    if errors:
        raise ValidationError(errors)
    phase.actual_start, phase.actual_end = actual_start, actual_end
    attribute(phase, actor)
    phase.save()
    forget_phases(phase.course)
    if actual_start and stored.actual_start is None:
        webhook_events.phase_started(phase=phase)
    return phase


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
            {
                "due_on": MILESTONE_OUTSIDE_PHASE.format(
                    phase=phase.get_kind_display().lower(), start=_day(start), end=_day(end)
                )
            }
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
            aspects = " or ".join(str(labels.get(a, a)).lower() for a in member.co_creation_aspects)
            raise ValidationError(
                {"co_creation_aspect": STAKEHOLDER_ASPECT.format(person=member.user, aspects=aspects)}
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
    return TASK_HAS_WORK.format(task=task.title, hours=format_hours(hours_logged)) if hours_logged else ""


@transaction.atomic
def task_delete(*, actor: User, task: Task) -> None:
    """Delete a task nobody has logged work on (DOMAIN: members log work on tasks; the effort counts it).

    The task's row is locked first, as work_log_create locks it: work logged at the same moment either lands
    before the check, and the task is kept, or waits and is then refused because the task is gone.
    """
    task = Task.objects.select_for_update().filter(pk=task.pk).first()
    if task is None:  # deleted by someone else a moment ago: the outcome asked for
        return
    hours = WorkLog.objects.filter(task=task).aggregate(total=Sum("hours"))["total"] or 0
    refusal = task_delete_refusal(task=task, hours_logged=hours)
    if refusal:
        raise ValidationError(refusal)
    reminders_withdraw(subject=task)
    attribute(task, actor)
    task.delete()


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
    logged = WorkLog.objects.filter(member__user=actor, date=date).aggregate(total=Sum("hours"))["total"] or 0
    if logged + hours > 24:
        raise ValidationError({"hours": DAY_FULL.format(logged=format_hours(logged), day=_day(date))})
    log = WorkLog(task=task, member=member, date=date, hours=hours, note=note)
    log.full_clean()
    attribute(log, actor)
    log.save()
    return log
