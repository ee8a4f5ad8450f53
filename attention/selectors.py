"""One truth about what is late and what waits: "What needs me" and the overview's "Where we are" both read it.

``needs_for_person`` is what concerns one person over all the courses they may see, by the rules the reminders
follow; ``needs_for_course`` is everything late or waiting in one course, as the viewer may see it. Both run
the same sources (``attention.sources``), each a fixed number of queries however many rows there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from attention.items import DUE, LATE, WAITING, CourseRef, Item, Scope
from attention.sources import phases, quality, support
from phases.selectors import course_phases
from support.models import TaskForceMember
from teams import permissions as perm
from teams.models import Course, Membership

if TYPE_CHECKING:
    from accounts.models import User

SOURCES: list[Callable[[Scope], list[Item]]] = [
    phases.tasks,
    phases.milestones,
    phases.phases,
    support.consultations,
    support.first_consultations,
    support.approvals,
    quality.evaluation_data,
    quality.reviews,
    quality.decisions,
]


def _course_ref(course: Course) -> CourseRef:
    return CourseRef(course.pk, course.slug, course.title, course.reminder_lead_days, course.lead_institution_id)


def _collect(scope: Scope) -> list[Item]:
    if not scope.courses:
        return []
    return sorted((item for source in SOURCES for item in source(scope)), key=lambda item: item.sort_key)


def needs_for_person(*, user: User, today: date) -> list[Item]:
    """What waits for ``user`` or is late in their courses, as the reminders would tell them: late first, then due
    soon, then waiting; each with its course, date and the address of the place to act. Never anything from a
    course they cannot see (an admin sees only what concerns them as a member)."""
    ids = perm.course_ids_for_user(user)
    # An archived course waits for nobody (teams.archive): it is left out, as the reminders leave it out.
    courses = {
        c.pk: _course_ref(c)
        for c in Course.objects.filter(pk__in=ids, archived_at__isnull=True).only(
            "pk", "slug", "title", "reminder_lead_days", "lead_institution_id"
        )
    }
    seats: dict[int, tuple[str, int | None]] = {
        course_id: (role, institution_id)
        for course_id, role, institution_id in Membership.objects.filter(
            user=user, course_id__in=list(courses)
        ).values_list("course_id", "role", "institution_id")
    }
    task_force = set(
        TaskForceMember.objects.filter(user=user, course_id__in=courses).values_list(
            "course_id", "institution_id", "kind"
        )
    )
    scope = Scope(today=today, courses=courses, viewer=user, person=user, seats=seats, task_force=task_force)
    return _collect(scope)


@dataclass
class CourseNeeds:
    """The overview's list: what is late and what waits, in one course."""

    items: list[Item]

    @property
    def late(self) -> list[Item]:
        return [i for i in self.items if i.state == LATE]

    @property
    def waiting(self) -> list[Item]:
        return [i for i in self.items if i.state in (WAITING, DUE)]


def needs_for_course(*, course: Course, user: User, perms: frozenset[str], today: date) -> CourseNeeds:
    """Everything late or waiting in ``course``: tasks (those the viewer may see), milestones, phases,
    consultations, approval steps, evaluation data, reviews and decisions."""
    scope = Scope(
        today=today,
        courses={course.pk: _course_ref(course)},
        viewer=user,
        all_tasks_courses={course.pk} if perm.VIEW_ALL_TASKS in perms else set(),
        known_phases=course_phases(course=course),
    )
    return CourseNeeds(items=_collect(scope))
