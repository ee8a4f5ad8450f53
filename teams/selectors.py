"""Every read of team data that a user sees: scoped to what they may see, prefetched, a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext

from teams.models import Course, Institution, Membership, Network, Partnership, TeamFoundation
from teams.permissions import visible_courses

if TYPE_CHECKING:
    from accounts.models import User


PARTNERSHIPS_CACHE = "_partnerships_read"


def course_partnerships(*, course: Course) -> list[Partnership]:
    """The course's partnerships, lead first, with institution and faculty: one query per course object.

    Several cards on one page need them; the list is kept on the course instance the view loaded, so a page
    reads it once. Services that change partnerships drop it (``forget_partnerships``).
    """
    cached = getattr(course, PARTNERSHIPS_CACHE, None)
    if cached is None:
        cached = list(
            Partnership.objects.filter(course=course)
            .select_related("institution", "faculty__institution")
            .order_by("role", "institution__name")
        )
        setattr(course, PARTNERSHIPS_CACHE, cached)
    return cached


def forget_partnerships(course: Course) -> None:
    course.__dict__.pop(PARTNERSHIPS_CACHE, None)


def course_list_for_user(*, user: User) -> QuerySet[Course]:
    """The user's courses for "My courses": their role, the lead, the partners and the team size."""
    my_role = Membership.objects.filter(course=OuterRef("pk"), user=user).values("role")[:1]
    team_size = (
        Membership.objects.filter(course=OuterRef("pk")).order_by().values("course").annotate(n=Count("pk")).values("n")
    )
    courses: QuerySet[Course] = (
        visible_courses(user)
        .select_related("lead_institution")
        .annotate(my_role=Subquery(my_role), team_size=Subquery(team_size))
        .prefetch_related(
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.filter(role=Partnership.Role.PARTNER).select_related("institution"),
                to_attr="partner_list",
            )
        )
        .order_by("title")
    )
    return courses


@dataclass
class InstitutionTeam:
    """One institution's people in a course team, grouped by role."""

    partnership: Partnership | None
    label: str
    members_by_role: dict[str, list[Membership]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(m) for m in self.members_by_role.values())


def course_team(*, course: Course) -> list[InstitutionTeam]:
    """The team grouped by institution (lead first), then stakeholders grouped by organisation."""
    partnerships = course_partnerships(course=course)
    members = list(
        Membership.objects.filter(course=course)
        .select_related("user", "institution", "organisation")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    role_order = list(Membership.Role.values)
    groups: dict[object, InstitutionTeam] = {
        p.institution_id: InstitutionTeam(partnership=p, label=str(p.institution.name)) for p in partnerships
    }
    stakeholders: dict[int | None, InstitutionTeam] = {}
    for m in members:
        if m.role == Membership.Role.STAKEHOLDER:
            group = stakeholders.setdefault(
                m.organisation_id,
                InstitutionTeam(partnership=None, label=m.organisation.name if m.organisation else ""),
            )
        else:
            group = groups.setdefault(m.institution_id, InstitutionTeam(partnership=None, label=str(m.institution)))
        group.members_by_role.setdefault(m.role, []).append(m)
    for group in [*groups.values(), *stakeholders.values()]:
        group.members_by_role = {
            str(Membership.Role(r).label): group.members_by_role[r]
            for r in sorted(group.members_by_role, key=role_order.index)
        }
    return [*groups.values(), *sorted(stakeholders.values(), key=lambda g: g.label)]


def shared_networks(*, course: Course) -> list[tuple[Network, list[Institution]]]:
    """Networks that two or more of the course's institutions belong to, widest first (derived foundation)."""
    through = Institution.networks.through
    rows = (
        through.objects.filter(institution__partnerships__course=course)
        .select_related("network", "institution")
        .order_by("network__name", "institution__name")
    )
    members: dict[int, list[Institution]] = defaultdict(list)
    networks: dict[int, Network] = {}
    for row in rows:
        networks[row.network_id] = row.network
        members[row.network_id].append(row.institution)
    shared = [(networks[n], insts) for n, insts in members.items() if len(insts) >= 2]
    return sorted(shared, key=lambda pair: (-len(pair[1]), pair[0].name))


def course_foundations(*, course: Course) -> list[TeamFoundation]:
    return list(TeamFoundation.objects.filter(course=course))


def partners_without_representative(*, course: Course) -> list[Institution]:
    """Partner institutions with no partner representative yet (design cannot start until there are none)."""
    return list(
        Institution.objects.filter(partnerships__course=course, partnerships__role=Partnership.Role.PARTNER)
        .exclude(memberships__course=course, memberships__role=Membership.Role.PARTNER)
        .order_by("name")
    )


@dataclass
class HistoryEntry:
    """One change as a person reads it: when, who, what, and which fields went from what to what."""

    when: datetime
    who: Any
    action: str
    what: str
    changes: list[tuple[str, str, str]]


_ACTIONS = {"+": "added", "~": "changed", "-": "removed"}


def _display(record: Any, field_name: str) -> str:
    model_field = record.instance_type._meta.get_field(field_name)
    if model_field.choices:
        value = getattr(record, field_name)
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        if getattr(record, field_name + "_id") is None:
            return "–"
        # Shown by name when the query selected the related row, otherwise by id (never a query per row).
        return (
            str(getattr(record, field_name))
            if model_field.is_cached(record)
            else f"#{getattr(record, field_name + '_id')}"
        )
    value = getattr(record, field_name)
    return "–" if value in (None, "") else str(value)


def _changes(record: Any, prev: Any, skip: Iterable[str]) -> list[tuple[str, str, str]]:
    """What ``record`` changed since ``prev`` (simple-history's diff_against), as labels and shown values, in the
    model's field order."""
    changed = set(record.diff_against(prev, excluded_fields=skip).changed_fields)
    changes = []
    for f in record.instance_type._meta.concrete_fields:
        if f.name in changed:
            old, new = _display(prev, f.name), _display(record, f.name)
            if old != new:
                changes.append((str(f.verbose_name), old, new))
    return changes


def _entries(
    records: list[Any],
    describe: Callable[[Any], str],
    skip: Iterable[str] = ("id", "created_at", "updated_at", "course"),
) -> list[HistoryEntry]:
    """Turn one model's history records into entries, each change against the previous record of the same row."""
    entries: list[HistoryEntry] = []
    previous: dict[int, Any] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        prev = previous.get(record.id)
        changes = _changes(record, prev, skip) if record.history_type == "~" and prev is not None else []
        previous[record.id] = record
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=_ACTIONS[record.history_type],
                what=describe(record),
                changes=changes,
            )
        )
    return entries


def course_history(*, course: Course, limit: int = 300) -> list[HistoryEntry]:
    """Who changed what and when on the course, its partnerships, team and foundation, newest first.

    Four queries whatever the length of the history; each change is diffed against the record before it.
    """
    entries = [
        *_entries(
            list(Course.history.filter(id=course.pk).select_related("history_user", "lead_institution")[:limit]),
            lambda r: gettext("Course details"),
        ),
        *_entries(
            list(
                Partnership.history.filter(course_id=course.pk).select_related(
                    "history_user", "institution", "faculty"
                )[:limit]
            ),
            lambda r: gettext("Partnership of %(institution)s") % {"institution": r.institution},
        ),
        *_entries(
            list(
                Membership.history.filter(course_id=course.pk).select_related(
                    "history_user", "user", "institution", "organisation"
                )[:limit]
            ),
            lambda r: (
                # Translators: a team membership in the course history, e.g. "Jane Doe as Partner representative".
                gettext("%(person)s as %(role)s") % {"person": r.user, "role": Membership.Role(r.role).label}
            ),
        ),
        *_entries(
            list(TeamFoundation.history.filter(course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: gettext("Foundation: %(kind)s") % {"kind": TeamFoundation.Kind(r.kind).label},
        ),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
