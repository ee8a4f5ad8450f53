"""What a calendar feed holds: every dated thing that concerns the person, or every dated thing of one course.

A fixed number of queries whatever the number of rows. Only courses the person may see are read: the
personal feed starts from ``course_ids_for_user`` and the course feed is refused unless the course is in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, cast

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext

from phases.models import Milestone, Phase, Task
from quality import conf as quality_conf
from quality.models import Edition
from support.models import Consultation, ServiceKind, TaskForceMember
from teams import permissions as perm
from teams.models import Course, Membership

if TYPE_CHECKING:
    from accounts.models import User

SERVICE_LABELS = dict(ServiceKind.choices)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable: the kind and the row's id
    summary: str
    start: date
    end: date  # exclusive, as RFC 5545 has it for all-day events
    url: str
    created: datetime
    modified: datetime
    description: str = ""

    @property
    def sequence(self) -> int:
        """Grows with every change of the row: the seconds from its creation to its last change."""
        return max(0, int((self.modified - self.created).total_seconds()))


def _day(value: date) -> tuple[date, date]:
    return value, value + timedelta(days=1)


def _phase_url(course: Course, kind: str, anchor: str = "") -> str:
    return reverse("phases:phase_detail", kwargs={"slug": course.slug, "kind": kind}) + anchor


def _events(courses: dict[int, Course], *, person: User | None) -> list[CalendarEvent]:
    """``person`` None: everything dated in ``courses``; else what concerns ``person`` there.

    An archived course (teams.archive) owes nothing any more: its phases stay, marked, as the record of when it ran,
    and its deadlines (milestones, tasks, consultations, evaluation data) are left out, as the reminders leave them.
    """
    events: list[CalendarEvent] = []
    archived = {pk for pk, course in courses.items() if course.archived_at is not None}
    ids = [pk for pk in courses if pk not in archived]
    led: set[int] = set()
    speaks: dict[int, int] = {}
    seats: set[tuple[int, int]] = set()
    if person is not None:
        for course_id, role, institution_id in Membership.objects.filter(user=person, course_id__in=ids).values_list(
            "course_id", "role", "institution_id"
        ):
            if role == Membership.Role.LEADER:
                led.add(course_id)
            if role in (Membership.Role.LEADER, Membership.Role.PARTNER) and institution_id:
                speaks[course_id] = institution_id
        seats = set(
            TaskForceMember.objects.filter(user=person, course_id__in=ids).values_list("course_id", "institution_id")
        )

    for p in Phase.objects.filter(course_id__in=list(courses)):
        course = courses[p.course_id]
        planned = gettext("Planned %(start)s – %(end)s") % {"start": p.planned_start, "end": p.planned_end}
        if p.course_id in archived:
            # Translators: a calendar event of an archived course, e.g. "Design · Data Literacy (archived course)".
            summary = gettext("%(phase)s · %(course)s (archived course)")
        else:
            summary = "%(phase)s · %(course)s"
        summary %= {"phase": p.get_kind_display(), "course": course.title}
        events.append(
            CalendarEvent(f"phase-{p.pk}", summary, p.actual_start or p.planned_start,
                          (p.actual_end or p.planned_end) + timedelta(days=1), _phase_url(course, p.kind),
                          p.created_at, p.updated_at, planned)
        )  # fmt: skip

    milestones = Milestone.objects.filter(phase__course_id__in=ids, completed_on__isnull=True).select_related("phase")
    if person is not None:
        milestones = milestones.filter(Q(owner__user=person) | Q(phase__course_id__in=led))
    for m in milestones:
        course = courses[m.phase.course_id]
        start, end = _day(m.due_on)
        summary = gettext("Milestone: %(title)s · %(course)s") % {"title": m.title, "course": course.title}
        events.append(
            CalendarEvent(f"milestone-{m.pk}", summary, start, end,
                          _phase_url(course, m.phase.kind, f"#milestone-{m.pk}"), m.created_at, m.updated_at)
        )  # fmt: skip

    if person is not None:
        tasks = (
            Task.objects.filter(phase__course_id__in=ids, assignees__user=person, due_on__isnull=False)
            .exclude(status=Task.Status.DONE)
            .select_related("phase")
        )
        for t in tasks:
            course = courses[t.phase.course_id]
            start, end = _day(cast(date, t.due_on))  # due_on__isnull=False
            summary = gettext("Task due: %(title)s · %(course)s") % {"title": t.title, "course": course.title}
            events.append(
                CalendarEvent(f"task-{t.pk}", summary, start, end,
                              _phase_url(course, t.phase.kind, f"#task-{t.pk}"), t.created_at, t.updated_at)
            )  # fmt: skip

    consultations = Consultation.objects.filter(
        course_id__in=ids, status__in=Consultation.OPEN_STATUSES, due_by__isnull=False
    ).select_related("institution")
    if person is not None:
        seat_filter = Q(pk__in=[])
        for course_id, institution_id in seats:
            seat_filter |= Q(course_id=course_id, institution_id=institution_id)
        consultations = consultations.filter(Q(requested_by=person) | Q(course_id__in=led) | seat_filter)
    for c in consultations:
        course = courses[c.course_id]
        start, end = _day(cast(date, c.due_by))  # due_by__isnull=False
        # Translators: a calendar event, e.g. "Consultation due: Legal services of UTU · Data Literacy".
        summary = gettext("Consultation due: %(service)s of %(institution)s · %(course)s") % {
            "service": SERVICE_LABELS[c.kind],
            "institution": c.institution.short_name or c.institution.name,
            "course": course.title,
        }
        events.append(
            CalendarEvent(f"consultation-{c.pk}", summary, start, end,
                          reverse("support:matrix", kwargs={"slug": course.slug}), c.created_at, c.updated_at)
        )  # fmt: skip

    days = timedelta(days=quality_conf.evaluation_due_days())
    editions = Edition.objects.filter(course_id__in=list(speaks) if person is not None else ids)
    for e in editions:
        course = courses[e.course_id]
        start, end = _day(e.ends_on + days)
        summary = gettext("Evaluation data due: %(edition)s · %(course)s") % {"edition": e.name, "course": course.title}
        events.append(
            CalendarEvent(f"evaluation-{e.pk}", summary, start, end,
                          reverse("quality:evaluation", kwargs={"slug": course.slug}), e.created_at, e.updated_at)
        )  # fmt: skip
    return sorted(events, key=lambda ev: (ev.start, ev.uid))


def personal_events(*, user: User) -> list[CalendarEvent]:
    """Everything dated that concerns ``user``, over every current course they may see (none of an archived one:
    it waits for nobody, teams.archive)."""
    visible = Course.objects.filter(pk__in=perm.course_ids_for_user(user), archived_at__isnull=True)
    courses = {c.pk: c for c in visible.only("pk", "slug", "title", "archived_at")}
    return _events(courses, person=user) if courses else []


def course_events(*, course: Course) -> list[CalendarEvent]:
    """The course's phases, milestones, consultations due and evaluation deadlines (the caller checked access)."""
    return _events({course.pk: course}, person=None)
