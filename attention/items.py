"""What one entry of "What needs me" and of the overview's "Where we are" is, and the scope it is read in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from accounts.models import User

LATE, DUE, WAITING = "late", "due", "waiting"


@dataclass(frozen=True, slots=True)
class CourseRef:
    id: int
    slug: str
    title: str
    lead_days: int
    lead_institution_id: int


@dataclass(frozen=True, slots=True)
class Item:
    """One thing that is late, due soon, or waits for someone.

    ``kind`` is the reminder kind that tells people of the same thing (reminders.registry), so that the home
    page, the overview and the bell can be compared; ``subject`` is (model label, pk) of the row it is about.
    """

    kind: str
    state: str  # LATE, DUE or WAITING
    course: CourseRef
    label: StrOrPromise  # what it is: "Task", "Milestone", "Consultation"...
    title: StrOrPromise  # which one
    url: str
    subject: tuple[str, int]
    due_on: date | None = None
    detail: str = ""

    @property
    def is_late(self) -> bool:
        return self.state == LATE

    @property
    def sort_key(self) -> tuple:
        order = {LATE: 0, DUE: 1, WAITING: 2}[self.state]
        return (order, self.due_on or date.max, self.course.title, str(self.label), self.title)


@dataclass
class Scope:
    """Where to look and for whom.

    ``person`` set: what concerns that person (the people the reminders go to, by the same rules).
    ``person`` None: everything late or waiting in ``courses``, as ``viewer`` may see it (the overview).
    """

    today: date
    courses: dict[int, CourseRef]
    viewer: User
    person: User | None = None
    # The person's seat in each course: course id -> (role, institution id).
    seats: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    # The person's places in joint task forces: (course id, institution id, service kind).
    task_force: set[tuple[int, int, str]] = field(default_factory=set)
    # Courses where the viewer sees every task (course mode); elsewhere only their own.
    all_tasks_courses: set[int] = field(default_factory=set)
    # The phases of ``courses`` when already read (the overview's course carries them): saves three queries.
    known_phases: list | None = None
    _urls: dict[tuple, str] = field(default_factory=dict)

    def led(self) -> set[int]:
        from teams.models import Membership

        return {c for c, (role, _i) in self.seats.items() if role == Membership.Role.LEADER}

    def speaks_for(self) -> dict[int, int]:
        """course id -> the institution the person speaks for there (leader: the lead; partner: their own)."""
        from teams.models import Membership

        speaking = (Membership.Role.LEADER, Membership.Role.PARTNER)
        return {c: i for c, (role, i) in self.seats.items() if role in speaking and i is not None}

    def phases(self, course_ids, **filters) -> list[dict]:
        """Phase rows (as values() dicts) of ``course_ids`` not ended, from memory when known."""
        from phases.models import Phase

        fields = ("id", "kind", "planned_start", "planned_end", "actual_start", "actual_end", "course_id")
        if self.known_phases is None:
            rows = Phase.objects.filter(course_id__in=course_ids, actual_end__isnull=True, **filters)
            return list(rows.values(*fields))
        known = [{f: getattr(p, f) for f in fields} for p in self.known_phases]
        wanted = set(course_ids)
        kind = filters.get("kind")
        return [r for r in known if r["course_id"] in wanted and r["actual_end"] is None and kind in (None, r["kind"])]

    def url(self, name: str, anchor: str = "", **kwargs) -> str:
        """reverse(), once per distinct address on the page."""
        key = (name, tuple(sorted(kwargs.items())))
        if key not in self._urls:
            self._urls[key] = reverse(name, kwargs=kwargs)
        return self._urls[key] + anchor


STATE_LABELS = {LATE: _("Late"), DUE: _("Due soon"), WAITING: _("Waiting")}
