"""Every read of phases and tasks that a user sees: scoped, prefetched, a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import DecimalField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from phases.models import PHASE_ORDER, Milestone, Phase, PhaseStatus, Task, WorkLog
from teams import permissions as perm
from teams.models import Course, CourseUserObjectPermission, Membership
from teams.selectors import course_partnerships

if TYPE_CHECKING:
    from accounts.models import User

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=8, decimal_places=2))


PHASES_CACHE = "_phases_read"


def course_phases(*, course: Course) -> list[Phase]:
    """The course's phases in their fixed order: one query per course object (kept on it for the page's other
    cards; phase services drop it with ``forget_phases``)."""
    cached = getattr(course, PHASES_CACHE, None)
    if cached is None:
        cached = sorted(Phase.objects.filter(course=course), key=lambda p: PHASE_ORDER.index(p.kind))
        for phase in cached:
            phase.course = course  # known already: links to a phase must not load its course again
        setattr(course, PHASES_CACHE, cached)
    return cached


def forget_phases(course: Course) -> None:
    course.__dict__.pop(PHASES_CACHE, None)


def current_phase(phases: list[Phase], today: date) -> Phase | None:
    """The phase the course is in: the first not completed one."""
    return next((p for p in phases if p.status_on(today) != PhaseStatus.COMPLETED), None)


def _hours(queryset: QuerySet[WorkLog]) -> Subquery:
    return Coalesce(
        Subquery(queryset.order_by().values("task").annotate(total=Sum("hours")).values("total")[:1]),
        ZERO,
    )


def _assigned_to(user: User):
    return Exists(Task.assignees.through.objects.filter(task_id=OuterRef("pk"), membership__user=user))


def _with_row_data(queryset: QuerySet[Task], user: User) -> QuerySet[Task]:
    """What a task row shows: course and phase, assignees, hours logged in all and by ``user``."""
    logs = WorkLog.objects.filter(task=OuterRef("pk"))
    return (
        queryset.select_related("phase__course")
        .prefetch_related(
            Prefetch(
                "assignees",
                queryset=Membership.objects.select_related("user", "institution", "organisation").order_by(
                    "user__last_name", "user__first_name"
                ),
            )
        )
        .annotate(
            hours_logged=_hours(logs),
            my_hours=_hours(logs.filter(user=user)),
            is_mine=_assigned_to(user),
        )
    )


def task_list_for_phase(*, phase: Phase, user: User, perms: frozenset[str]) -> list[Task]:
    """The phase's tasks the user may see: all of them with VIEW_ALL_TASKS, otherwise only their own."""
    tasks = Task.objects.filter(phase=phase)
    if perm.VIEW_ALL_TASKS not in perms:
        tasks = tasks.filter(_assigned_to(user))
    return list(_with_row_data(tasks, user).order_by(F("due_on").asc(nulls_last=True), "title"))


def task_for_user(*, course: Course, pk: int, user: User, perms: frozenset[str]) -> Task | None:
    """One task of ``course`` with its row data, or None when it does not exist or the user may not see it."""
    tasks = Task.objects.filter(pk=pk, phase__course=course)
    if perm.VIEW_ALL_TASKS not in perms:
        tasks = tasks.filter(_assigned_to(user))
    return _with_row_data(tasks, user).first()


def milestone_list(*, phase: Phase) -> list[Milestone]:
    return list(Milestone.objects.filter(phase=phase).select_related("owner__user"))


def task_list_for_user(*, user: User) -> QuerySet[Task]:
    """Tasks for "My tasks": those assigned to the user, and every task of courses where they see all tasks.

    Filters (phases.filters.MyTaskFilter) narrow this down; it is never widened.
    """
    if user.is_superuser:
        scope = Q()
    else:
        all_tasks_courses = CourseUserObjectPermission.objects.filter(
            user=user, permission__codename=perm.VIEW_ALL_TASKS
        ).values("content_object_id")
        scope = Q(phase__course__in=perm.visible_courses(user).values("pk")) & (
            _assigned_to(user) | Q(phase__course_id__in=all_tasks_courses)
        )
    return _with_row_data(Task.objects.filter(scope), user)


def milestone_list_for_timeline(*, course: Course) -> list[Milestone]:
    return list(Milestone.objects.filter(phase__course=course).select_related("phase"))


@dataclass
class EffortRow:
    label: str
    kind: str  # "institution" or "organisation"
    hours: dict[str, Decimal] = field(default_factory=dict)
    former: Decimal = Decimal("0")  # of the total, hours logged by people no longer in the team

    @property
    def total(self) -> Decimal:
        return sum(self.hours.values(), Decimal("0"))

    def cells(self) -> list[Decimal]:
        return [self.hours.get(k, Decimal("0")) for k in PHASE_ORDER]


@dataclass
class Effort:
    rows: list[EffortRow]
    by_phase: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.by_phase.values(), Decimal("0"))

    def phase_totals(self) -> list[Decimal]:
        return [self.by_phase.get(k, Decimal("0")) for k in PHASE_ORDER]


def course_effort(*, course: Course) -> Effort:
    """Hours logged per institution (stakeholders per organisation) and per phase, summed by the database.

    Two queries: the partnerships (so an institution that logged nothing still shows) and the sums.
    """
    rows: dict[tuple[str, object], EffortRow] = {}
    for p in course_partnerships(course=course):
        rows[("i", p.institution_id)] = EffortRow(label=p.institution.name, kind="institution")
    sums = (
        WorkLog.objects.filter(task__phase__course=course)
        .values(
            "institution_id",
            "institution__name",
            "organisation_id",
            "organisation__name",
            "task__phase__kind",
        )
        .annotate(total=Sum("hours"), former=Sum("hours", filter=Q(member__isnull=True)))
        .order_by()
    )
    by_phase: dict[str, Decimal] = defaultdict(Decimal)
    for s in sums:
        if s["institution_id"] is not None:
            key, label, kind = ("i", s["institution_id"]), s["institution__name"], "institution"
        else:
            key, label, kind = ("o", s["organisation_id"]), s["organisation__name"], "organisation"
        row = rows.setdefault(key, EffortRow(label=label, kind=kind))
        row.hours[s["task__phase__kind"]] = row.hours.get(s["task__phase__kind"], Decimal("0")) + s["total"]
        row.former += s["former"] or Decimal("0")
        by_phase[s["task__phase__kind"]] += s["total"]
    ordered = sorted(rows.values(), key=lambda r: (r.kind != "institution", r.label))
    return Effort(rows=ordered, by_phase=dict(by_phase))
