"""Tasks, milestones and phases: due soon, late, overrunning, not started on time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from attention.items import DUE, LATE, Item, Scope
from phases import occasions as o
from phases.models import Milestone, Phase, Task

AHEAD = timedelta(days=o.MAX_LEAD_DAYS)


def _phase_url(scope: Scope, course, kind: str, anchor: str = "") -> str:
    return scope.url("phases:phase_detail", anchor, slug=course.slug, kind=kind)


def tasks(scope: Scope) -> list[Item]:
    """One query. A person: their tasks due soon or late, and every late task of courses they lead."""
    today = scope.today
    mine = Exists(
        Task.assignees.through.objects.filter(task_id=OuterRef("pk"), membership__user=scope.person or scope.viewer)
    )
    rows = Task.objects.filter(phase__course_id__in=scope.courses, due_on__isnull=False).exclude(
        status=Task.Status.DONE
    )
    if scope.person is not None:
        rows = rows.filter(due_on__lte=today + AHEAD).filter(
            mine | Q(due_on__lt=today, phase__course_id__in=scope.led())
        )
    else:
        rows = rows.filter(due_on__lt=today).filter(mine | Q(phase__course_id__in=scope.all_tasks_courses))
    items = []
    for r in rows.annotate(mine=mine).values("id", "title", "due_on", "mine", "phase__kind", "phase__course_id"):
        course = scope.courses[r["phase__course_id"]]
        due_on = cast(date, r["due_on"])  # only tasks with a due date are read
        if due_on < today:
            kind, state = o.TASK_OVERDUE, LATE
        elif r["mine"] and due_on <= today + timedelta(days=course.lead_days):
            kind, state = o.TASK_DUE, DUE
        else:
            continue
        url = _phase_url(scope, course, r["phase__kind"], f"#task-{r['id']}")
        items.append(Item(kind, state, course, _("Task"), r["title"], url, ("phases.task", r["id"]), r["due_on"]))
    return items


def milestones(scope: Scope) -> list[Item]:
    """One query. A person: milestones they own due soon or late, and every late one of courses they lead."""
    today = scope.today
    rows = Milestone.objects.filter(phase__course_id__in=scope.courses, completed_on__isnull=True)
    if scope.person is not None:
        rows = rows.filter(due_on__lte=today + AHEAD).filter(
            Q(owner__user=scope.person) | Q(due_on__lt=today, phase__course_id__in=scope.led())
        )
    else:
        rows = rows.filter(due_on__lt=today)
    items = []
    fields = ("id", "title", "due_on", "owner__user_id", "owner__user__first_name", "owner__user__last_name")
    for r in rows.values(*fields, "phase__kind", "phase__course_id"):
        course = scope.courses[r["phase__course_id"]]
        if r["due_on"] < today:
            kind, state = o.MILESTONE_OVERDUE, LATE
        elif r["due_on"] <= today + timedelta(days=course.lead_days):
            kind, state = o.MILESTONE_DUE, DUE
        else:
            continue
        owner = f"{r['owner__user__first_name']} {r['owner__user__last_name']}".strip()
        url = _phase_url(scope, course, r["phase__kind"], f"#milestone-{r['id']}")
        items.append(
            Item(kind, state, course, _("Milestone"), r["title"], url, ("phases.milestone", r["id"]), r["due_on"],
                 detail=owner)
        )  # fmt: skip
    return items


def phases(scope: Scope) -> list[Item]:
    """One query (none for a person who leads no course, or when the phases are known). Overrunning phases and phases not started on time."""
    today = scope.today
    course_ids = scope.led() if scope.person is not None else set(scope.courses)
    if not course_ids:
        return []
    items = []
    for r in scope.phases(course_ids):
        if r["planned_start"] > today + AHEAD:
            continue
        course = scope.courses[r["course_id"]]
        label = Phase.Kind(r["kind"]).label
        url = _phase_url(scope, course, r["kind"])
        subject = ("phases.phase", r["id"])
        if r["planned_end"] < today:
            items.append(
                Item(o.PHASE_OVERRUNNING, LATE, course, _("Phase overrunning"), label, url, subject, r["planned_end"])
            )
        elif r["actual_start"] is None and r["planned_start"] <= today + timedelta(days=course.lead_days):
            state = LATE if r["planned_start"] < today else DUE
            if scope.person is None and state != LATE:
                continue
            items.append(
                Item(o.PHASE_DUE_TO_START, state, course, _("Phase to start"), label, url, subject, r["planned_start"])
            )
    return items
