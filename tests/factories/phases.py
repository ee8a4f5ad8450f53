"""Phase plans, milestones, tasks and work logs built through the phases services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from phases.models import Milestone, Phase, Task, WorkLog
from phases.services.phase import phase_record_actual
from phases.services.plan import phase_plan_propose, phase_plan_save
from phases.services.task_row import work_log_create
from phases.services.work import milestone_create, task_create
from teams.models import Course, Membership
from tests.factories.teams import leader_of


def plan_phases(course: Course, start: date) -> dict[str, Phase]:
    """The proposed plan from ``start`` (every phase at its minimum), saved by the course leader."""
    plan = phase_plan_propose(course=course, start=start)
    phase_plan_save(actor=leader_of(course), course=course, plan=plan)
    return {p.kind: p for p in Phase.objects.filter(course=course)}


def running_design(course: Course, today: date, *, days_ago: int = 10) -> Phase:
    """A plan whose design started ``days_ago`` days before ``today`` and is under way."""
    start = today - timedelta(days=days_ago)
    design = plan_phases(course, start)[Phase.Kind.DESIGN]
    return phase_record_actual(actor=leader_of(course), phase=design, actual_start=start, actual_end=None, today=today)


def member(course: Course, user) -> Membership:
    return Membership.objects.get(course=course, user=user)


def add_milestone(phase: Phase, *, owner: Membership, due_on: date, title: str = "Outcomes agreed") -> Milestone:
    return milestone_create(actor=leader_of(phase.course), phase=phase, title=title, due_on=due_on, owner=owner)


def add_task(
    phase: Phase, *, assignees=(), due_on: date | None = None, title: str = "Draft the syllabus", **kw
) -> Task:
    return task_create(
        actor=leader_of(phase.course), phase=phase, title=title, assignees=list(assignees), due_on=due_on, **kw
    )


def log_work(task: Task, user, *, on: date, hours: str = "2", today: date | None = None) -> WorkLog:
    return work_log_create(actor=user, task=task, date=on, hours=Decimal(hours), today=today or on)
