"""What phases remind people of: milestones and tasks due soon or overdue, phases overrunning or due to start.

Each provider is one query whatever the number of courses (values() with a subquery for the leader), and
the occasion string holds the date the notice is about, so a moved deadline is a new occasion.
Recipients: the milestone's owner or the task's assignees; the course leader too when something is overdue
or a phase overruns; the leader for a phase due to start (the leader plans the phases).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.bulk import among
from core.i18n import LazyText
from core.urls_fast import course_reverse
from phases.models import Milestone, Phase, Task
from reminders.registry import Due, occasion_date, provider, settles
from teams.models import Membership

# Course.reminder_lead_days is at most 60: the providers fetch this far ahead and filter per course in Python.
MAX_LEAD_DAYS = 60

MILESTONE_DUE, MILESTONE_OVERDUE = "milestone_due", "milestone_overdue"
TASK_DUE, TASK_OVERDUE = "task_due", "task_overdue"
PHASE_OVERRUNNING, PHASE_DUE_TO_START = "phase_overrunning", "phase_due_to_start"


def _leader(course_path: str) -> Subquery:
    return Subquery(
        # No ordering: a course has one leader (a unique constraint), and Membership's default order would join
        # the course and the user for each row just to sort one.
        Membership.objects.filter(course=OuterRef(course_path), role=Membership.Role.LEADER)
        .order_by()
        .values("user_id")[:1]
    )


class _PhaseUrls:
    """Phase page addresses, built once per (course, phase) of a sweep rather than once per row."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, slug: str, kind: str, anchor: str = "") -> str:
        page = self._cache.get((slug, kind))
        if page is None:
            page = self._cache[(slug, kind)] = course_reverse("phases:phase_detail", slug, kind=kind)
        return page + anchor


@provider(**{MILESTONE_DUE: _("Milestone due soon"), MILESTONE_OVERDUE: _("Milestone overdue")})
def milestone_occasions(today: date) -> Iterator[Due]:
    content_type = ContentType.objects.get_for_model(Milestone)
    rows = (
        Milestone.objects.filter(completed_on__isnull=True, due_on__lte=today + timedelta(days=MAX_LEAD_DAYS))
        .annotate(leader_id=_leader("phase__course"))
        .values(
            "id",
            "title",
            "due_on",
            "owner__user_id",
            "leader_id",
            "phase__kind",
            "phase__course_id",
            "phase__course__slug",
            "phase__course__title",
            "phase__course__reminder_lead_days",
        )
        .order_by()
    )
    url = _PhaseUrls()
    for r in rows:
        due_on, course = r["due_on"], r["phase__course__title"]
        link = url(r["phase__course__slug"], r["phase__kind"], f"#milestone-{r['id']}")
        common: dict[str, Any] = {
            "subject_type_id": content_type.pk,
            "subject_id": r["id"],
            "course_id": r["phase__course_id"],
        }
        values = {"title": r["title"], "date": due_on, "course": course}
        if due_on < today:
            title = LazyText(
                gettext_noop("Milestone “%(title)s” was due on %(date)s and is not completed · %(course)s"), values
            )
            for recipient in {r["owner__user_id"], r["leader_id"]} - {None}:
                yield Due(recipient, MILESTONE_OVERDUE, occasion=f"overdue:{due_on}", title=title, url=link, **common)
        elif due_on <= today + timedelta(days=r["phase__course__reminder_lead_days"]):
            title = LazyText(gettext_noop("Milestone “%(title)s” is due on %(date)s · %(course)s"), values)
            past = LazyText(gettext_noop("Milestone “%(title)s” was due on %(date)s · %(course)s"), values)
            yield Due(r["owner__user_id"], MILESTONE_DUE, occasion=f"due:{due_on}", title=title, url=link,
                      due_on=due_on, past_title=past, **common)  # fmt: skip


@provider(**{TASK_DUE: _("Task due soon"), TASK_OVERDUE: _("Task overdue")})
def task_occasions(today: date) -> Iterator[Due]:
    content_type = ContentType.objects.get_for_model(Task)
    rows = (
        Task.objects.exclude(status=Task.Status.DONE)
        .filter(due_on__isnull=False, due_on__lte=today + timedelta(days=MAX_LEAD_DAYS))
        .annotate(leader_id=_leader("phase__course"))
        .values_list(  # tuples, not dicts: at 10,000 courses this is 190,000 rows
            "id",
            "title",
            "due_on",
            "assignees__user_id",
            "leader_id",
            "phase__kind",
            "phase__course_id",
            "phase__course__slug",
            "phase__course__title",
            "phase__course__reminder_lead_days",
        )
        .order_by()
    )
    url = _PhaseUrls()
    subject_type = content_type.pk
    told: dict[int, tuple[str, LazyText, LazyText | None]] = {}  # per task: its link and titles, for every assignee
    for task_id, task_title, due, assignee, leader_id, kind, course_id, slug, course, lead_days in rows:
        # One row per assignee (and one with no assignee for an unassigned task).
        due_on, first = cast(date, due), task_id not in told
        overdue = due_on < today
        if first:
            values = {"title": task_title, "date": due_on, "course": course}
            link = url(slug, kind, f"#task-{task_id}")
            if overdue:
                told[task_id] = (
                    link,
                    LazyText(gettext_noop("Task “%(title)s” was due on %(date)s and is not done · %(course)s"), values),
                    None,
                )
            else:
                told[task_id] = (
                    link,
                    LazyText(gettext_noop("Task “%(title)s” is due on %(date)s · %(course)s"), values),
                    LazyText(gettext_noop("Task “%(title)s” was due on %(date)s · %(course)s"), values),
                )
        link, title, past = told[task_id]
        if overdue:
            occasion = f"overdue:{due_on}"
            recipients = {assignee, leader_id} if first else {assignee}
            for recipient in (r for r in recipients if r is not None):
                yield Due(recipient, TASK_OVERDUE, subject_type, task_id, occasion, course_id, title, link)
        elif assignee is not None and due_on <= today + timedelta(days=lead_days):
            yield Due(assignee, TASK_DUE, subject_type, task_id, f"due:{due_on}", course_id, title, link, due_on,
                      past or "")  # fmt: skip


@provider(**{PHASE_OVERRUNNING: _("Phase overrunning"), PHASE_DUE_TO_START: _("Phase due to start")})
def phase_occasions(today: date) -> Iterator[Due]:
    content_type = ContentType.objects.get_for_model(Phase)
    rows = (
        Phase.objects.filter(actual_end__isnull=True, planned_start__lte=today + timedelta(days=MAX_LEAD_DAYS))
        .annotate(leader_id=_leader("course"))
        .values(
            "id",
            "kind",
            "planned_start",
            "planned_end",
            "actual_start",
            "leader_id",
            "course_id",
            "course__slug",
            "course__title",
            "course__reminder_lead_days",
        )
        .order_by()
    )
    url = _PhaseUrls()
    for r in rows:
        if r["leader_id"] is None:
            continue
        label, course = Phase.Kind(r["kind"]).label, r["course__title"]
        common: dict[str, Any] = {
            "subject_type_id": content_type.pk,
            "subject_id": r["id"],
            "course_id": r["course_id"],
            "url": url(r["course__slug"], r["kind"]),
        }
        if r["planned_end"] < today:
            title = LazyText(
                gettext_noop("%(phase)s of %(course)s is overrunning: it was planned to end on %(date)s"),
                {"phase": label, "course": course, "date": r["planned_end"]},
            )
            yield Due(r["leader_id"], PHASE_OVERRUNNING, occasion=f"overrun:{r['planned_end']}", title=title, **common)
        elif r["actual_start"] is None and r["planned_start"] <= today + timedelta(
            days=r["course__reminder_lead_days"]
        ):
            start = r["planned_start"]
            values = {"phase": label, "course": course, "date": start}
            title = LazyText(gettext_noop("%(phase)s of %(course)s is due to start on %(date)s"), values)
            past = LazyText(gettext_noop("%(phase)s of %(course)s was due to start on %(date)s"), values)
            yield Due(r["leader_id"], PHASE_DUE_TO_START, occasion=f"start:{start}", title=title, due_on=start,
                      past_title=past, **common)  # fmt: skip


# --- Settled: what no longer calls for action ------------------------------------------------------------------


def _moved_or(rows: list[dict], current: dict[int, tuple[date | None, bool]]) -> set[int]:
    """Reminders whose subject is done (or gone), or whose date moved away from the occasion's."""
    settled = set()
    for r in rows:
        when, done = current.get(r["subject_id"], (None, True))
        if done or occasion_date(r["occasion"]) != when:
            settled.add(r["id"])
    return settled


@settles(TASK_DUE, TASK_OVERDUE, triggers={Task: lambda task: task.phase.course_id})
def tasks_settled(rows: list[dict]) -> set[int]:
    """A task done, or its due date moved (the new date is a new occasion)."""
    tasks = among(Task.objects.all(), "pk", {r["subject_id"] for r in rows}).values_list("pk", "due_on", "status")
    return _moved_or(rows, {pk: (due_on, status == Task.Status.DONE) for pk, due_on, status in tasks})


@settles(MILESTONE_DUE, MILESTONE_OVERDUE, triggers={Milestone: lambda m: m.phase.course_id})
def milestones_settled(rows: list[dict]) -> set[int]:
    """A milestone completed, or its due date moved."""
    found = among(Milestone.objects.all(), "pk", {r["subject_id"] for r in rows}).values_list(
        "pk", "due_on", "completed_on"
    )
    return _moved_or(rows, {pk: (due_on, completed is not None) for pk, due_on, completed in found})


@settles(PHASE_OVERRUNNING, PHASE_DUE_TO_START, triggers={Phase: lambda phase: phase.course_id})
def phases_settled(rows: list[dict]) -> set[int]:
    """An overrunning phase ended or its end moved; a phase due to start started or its start moved."""
    found = {
        p["pk"]: p
        for p in among(Phase.objects.all(), "pk", {r["subject_id"] for r in rows}).values(
            "pk", "planned_start", "planned_end", "actual_start", "actual_end"
        )
    }
    settled = set()
    for r in rows:
        p, when = found.get(r["subject_id"]), occasion_date(r["occasion"])
        if p is None or p["actual_end"] is not None:
            settled.add(r["id"])
            continue
        if r["kind"] == PHASE_OVERRUNNING:
            moved_on = when != p["planned_end"]
        else:
            moved_on = p["actual_start"] is not None or when != p["planned_start"]
        if moved_on:
            settled.add(r["id"])
    return settled
