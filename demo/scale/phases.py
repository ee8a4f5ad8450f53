"""Benchmark data for phases: three phases per course, tasks with assignees, milestones and work logs."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from demo.scale.teams import BATCH, ScaleContext
from phases.models import Milestone, Phase, Task, WorkLog
from teams.models import Membership

TASKS_PER_COURSE = 100
MILESTONES_PER_COURSE = 6
WORK_LOGS_PER_COURSE = 300


def seed(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    phases = []
    for course_id in ctx.course_ids:
        start = ctx.course_start[course_id]
        design_end = start + timedelta(days=100)
        dev_end = design_end + timedelta(days=200)
        impl_end = dev_end + timedelta(days=3 * 365)
        plan = [("design", start, design_end), ("development", design_end + timedelta(days=1), dev_end),
                ("implementation", dev_end + timedelta(days=1), impl_end)]  # fmt: skip
        for kind, begin, end in plan:
            started = begin <= today
            finished = end < today and rng.random() < 0.8
            phases.append(
                Phase(course_id=course_id, kind=kind, planned_start=begin, planned_end=end,
                      actual_start=begin if started else None, actual_end=end if finished else None)
            )  # fmt: skip
    Phase.objects.bulk_create(phases, batch_size=BATCH)
    phases_of: dict[int, list[Phase]] = {}
    for phase in phases:
        phases_of.setdefault(phase.course_id, []).append(phase)

    tasks, milestones = [], []
    for course_id in ctx.course_ids:
        members = ctx.members[course_id]
        for n in range(TASKS_PER_COURSE):
            phase = phases_of[course_id][n % 3]
            due = phase.planned_start + timedelta(days=rng.randint(10, (phase.planned_end - phase.planned_start).days))
            status = (
                "done"
                if due < today - timedelta(days=30) and rng.random() < 0.9
                else rng.choice(["todo", "in_progress", "blocked"])
            )
            tasks.append(Task(phase_id=phase.pk, title=f"Task {n}", due_on=due, status=status))
        for n in range(MILESTONES_PER_COURSE):
            phase = phases_of[course_id][n % 3]
            due = phase.planned_start + timedelta(days=rng.randint(20, (phase.planned_end - phase.planned_start).days))
            milestones.append(
                Milestone(phase_id=phase.pk, title=f"Milestone {n}", due_on=due, owner_id=members[0][0],
                          completed_on=due if due < today and rng.random() < 0.85 else None)
            )  # fmt: skip
    Task.objects.bulk_create(tasks, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)

    course_of_phase = {p.pk: p.course_id for p in phases}
    through = Task.assignees.through
    assignments: list[Any] = []  # rows of the tasks' assignees table
    logs: list[WorkLog] = []
    assigned: dict[int, list[int]] = {}  # task pk -> its memberships
    tasks_of: dict[int, list[Task]] = {}
    for task in tasks:
        course_id = course_of_phase[task.phase_id]
        tasks_of.setdefault(course_id, []).append(task)
        people = rng.sample(ctx.members[course_id], 2 if rng.random() < 0.4 else 1)
        assigned[task.pk] = [p[0] for p in people]
        assignments.extend(through(task_id=task.pk, membership_id=p[0]) for p in people)
    through.objects.bulk_create(assignments, batch_size=BATCH)
    who = {
        pk: (user_id, institution_id, organisation_id)
        for pk, user_id, institution_id, organisation_id in Membership.objects.filter(
            course_id__in=ctx.course_ids
        ).values_list("pk", "user_id", "institution_id", "organisation_id")
    }
    for course_id in ctx.course_ids:
        course_tasks = tasks_of[course_id]
        for _ in range(WORK_LOGS_PER_COURSE):
            task = course_tasks[rng.randrange(len(course_tasks))]
            logs.append(
                WorkLog(task_id=task.pk, member_id=assigned[task.pk][0], user_id=who[assigned[task.pk][0]][0],
                        institution_id=who[assigned[task.pk][0]][1], organisation_id=who[assigned[task.pk][0]][2],
                        date=today - timedelta(days=rng.randint(0, 900)),
                        hours=Decimal(rng.choice(["0.5", "1", "1.5", "2", "3", "4"])), note="")
            )  # fmt: skip
    WorkLog.objects.bulk_create(logs, batch_size=BATCH)
