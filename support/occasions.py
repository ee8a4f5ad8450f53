"""What the support app reminds people of. Set-based: each provider runs a fixed number of queries.

- a consultation due soon (within the course's reminder_lead_days): its requester (the leader when nobody
  requested it yet) and the task force representatives of its institution;
- a lapsed consultation (past due, not held): requester, leader and that institution's representatives;
- design has started and the lead institution has not engaged its internationalisation or teaching and
  learning service (the guideline's first step): the leader;
- an approval step still open SUPPORT_APPROVAL_WEEKS before implementation starts: the leader, that
  institution's partner representatives and its programme-administration representatives in the task force.

Occasions carry the date the notice is about, so a moved deadline is a new occasion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.bulk import among
from core.i18n import LazyText
from core.urls_fast import course_reverse
from phases.models import Phase
from reminders.registry import Due, occasion_date, provider, settles
from support import conf
from support.models import FIRST_KINDS, ApprovalStep, Consultation, ServiceKind, TaskForceMember
from teams.models import Course, Membership, Partnership

KIND_DUE = "support_consultation_due"
KIND_LAPSED = "support_consultation_lapsed"
KIND_FIRST_STEP = "support_first_consultations"
KIND_APPROVAL = "support_approval_open"

LONGEST_LEAD_DAYS = 60  # Course.reminder_lead_days' upper bound: one query covers every course's window
KIND_LABELS = dict(ServiceKind.choices)
# One whole sentence per first service: a service's name lowercased into a sentence is wrong in German.
CONSULT_FIRST: dict[str, Any] = {
    ServiceKind.INTERNATIONALISATION: _(
        "Design of “%(course)s” has started: consult the internationalisation services of %(institution)s first"
    ),
    ServiceKind.TEACHING_LEARNING: _(
        "Design of “%(course)s” has started: consult the teaching and learning support of %(institution)s first"
    ),
}


def _leaders(course_ids: Iterable[int]) -> dict[int, int]:
    return dict(
        among(Membership.objects.filter(role=Membership.Role.LEADER), "course_id", set(course_ids)).values_list(
            "course_id", "user_id"
        )
    )


def _representatives(course_ids: Iterable[int], kind: str | None = None) -> dict[tuple[int, int], set[int]]:
    """Task force members per (course, institution), optionally of one service only."""
    rows = among(TaskForceMember.objects.all(), "course_id", set(course_ids))
    if kind:
        rows = rows.filter(kind=kind)
    found: dict[tuple[int, int], set[int]] = defaultdict(set)
    for course_id, institution_id, user_id in rows.values_list("course_id", "institution_id", "user_id"):
        found[(course_id, institution_id)].add(user_id)
    return found


def _matrix_url(slug: str) -> str:
    return course_reverse("support:matrix", slug)


def _consultation_rows(queryset) -> list[dict]:
    return list(
        queryset.values(
            "pk", "course_id", "institution_id", "kind", "due_by", "requested_by_id",
            "course__slug", "course__title", "course__reminder_lead_days", "institution__short_name",
        )
    )  # fmt: skip


@provider(**{KIND_DUE: _("Consultation due soon")})
def consultations_due_soon(today: date) -> list[Due]:
    candidates = _consultation_rows(
        Consultation.objects.filter(
            status__in=Consultation.OPEN_STATUSES,
            held_on__isnull=True,
            due_by__gte=today,
            due_by__lte=today + timedelta(days=LONGEST_LEAD_DAYS),
        )
    )
    rows = [r for r in candidates if r["due_by"] <= today + timedelta(days=r["course__reminder_lead_days"])]
    if not rows:
        return []
    course_ids = {r["course_id"] for r in rows}
    leaders, reps = _leaders(course_ids), _representatives(course_ids)
    subject_type = ContentType.objects.get_for_model(Consultation).pk
    due = []
    for r in rows:
        recipients = {r["requested_by_id"] or leaders.get(r["course_id"])} | reps[(r["course_id"], r["institution_id"])]
        values = {
            "service": KIND_LABELS[r["kind"]],
            "institution": r["institution__short_name"],
            "date": r["due_by"],
            "course": r["course__title"],
        }
        title = LazyText(gettext_noop("%(service)s of %(institution)s is due by %(date)s (%(course)s)"), values)
        past = LazyText(gettext_noop("%(service)s of %(institution)s was due by %(date)s (%(course)s)"), values)
        due += [
            Due(uid, KIND_DUE, subject_type, r["pk"], f"due:{r['due_by'].isoformat()}", r["course_id"], title,
                _matrix_url(r["course__slug"]), due_on=r["due_by"], past_title=past)
            for uid in recipients if uid
        ]  # fmt: skip
    return due


@provider(**{KIND_LAPSED: _("Consultation lapsed")})
def consultations_lapsed(today: date) -> list[Due]:
    rows = _consultation_rows(Consultation.objects.lapsed(today))
    if not rows:
        return []
    course_ids = {r["course_id"] for r in rows}
    leaders, reps = _leaders(course_ids), _representatives(course_ids)
    subject_type = ContentType.objects.get_for_model(Consultation).pk
    due = []
    for r in rows:
        recipients = {r["requested_by_id"], leaders.get(r["course_id"])} | reps[(r["course_id"], r["institution_id"])]
        title = LazyText(
            gettext_noop(
                "Lapsed: %(service)s of %(institution)s was due by %(date)s and has not been held (%(course)s)"
            ),
            {
                "service": KIND_LABELS[r["kind"]],
                "institution": r["institution__short_name"],
                "date": r["due_by"],
                "course": r["course__title"],
            },
        )
        due += [
            Due(uid, KIND_LAPSED, subject_type, r["pk"], f"lapsed:{r['due_by'].isoformat()}", r["course_id"], title,
                _matrix_url(r["course__slug"]))
            for uid in recipients if uid
        ]  # fmt: skip
    return due


@provider(**{KIND_FIRST_STEP: _("Lead's first consultations missing")})
def first_consultations_missing(today: date) -> list[Due]:
    designs = list(
        Phase.objects.filter(kind=Phase.Kind.DESIGN, actual_end__isnull=True)
        .annotate(start=Coalesce("actual_start", "planned_start"))
        .filter(start__lte=today)
        .values("course_id", "start", "course__slug", "course__title", "course__lead_institution__short_name")
    )
    if not designs:
        return []
    course_ids = {d["course_id"] for d in designs}
    engaged = set(
        Consultation.objects.engaged()
        .filter(course_id__in=course_ids, kind__in=FIRST_KINDS)
        .filter(institution_id=F("course__lead_institution_id"))
        .values_list("course_id", "kind")
    )
    leaders = _leaders(course_ids)
    subject_type = ContentType.objects.get_for_model(Course).pk
    due = []
    for d in designs:
        leader = leaders.get(d["course_id"])
        for kind in FIRST_KINDS:
            if leader is None or (d["course_id"], kind) in engaged:
                continue
            title = LazyText(
                CONSULT_FIRST[kind],
                {"course": d["course__title"], "institution": d["course__lead_institution__short_name"]},
            )
            occasion = f"first:{kind}:{d['start'].isoformat()}"
            due.append(
                Due(leader, KIND_FIRST_STEP, subject_type, d["course_id"], occasion, d["course_id"], title,
                    _matrix_url(d["course__slug"]))
            )  # fmt: skip
    return due


@provider(**{KIND_APPROVAL: _("Approval step still open")})
def approval_steps_open(today: date) -> list[Due]:
    horizon = today + timedelta(weeks=conf.approval_warning_weeks())
    implementations = {
        row["course_id"]: row
        for row in Phase.objects.filter(kind=Phase.Kind.IMPLEMENTATION, actual_end__isnull=True)
        .annotate(start=Coalesce("actual_start", "planned_start"))
        .filter(start__gte=today, start__lte=horizon)
        .values("course_id", "start", "course__slug", "course__title")
    }
    if not implementations:
        return []
    course_ids = set(implementations)
    partnerships = list(
        Partnership.objects.filter(course_id__in=course_ids).values(
            "pk", "course_id", "institution_id", "institution__short_name"
        )
    )
    done = set(
        ApprovalStep.objects.filter(course_id__in=course_ids, status=ApprovalStep.Status.DONE).values_list(
            "course_id", "institution_id", "step"
        )
    )
    people: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    for course_id, role, institution_id, user_id in Membership.objects.filter(
        course_id__in=course_ids, role__in=[Membership.Role.LEADER, Membership.Role.PARTNER]
    ).values_list("course_id", "role", "institution_id", "user_id"):
        people[(course_id, None if role == Membership.Role.LEADER else institution_id)].add(user_id)
    reps = _representatives(course_ids, kind=ServiceKind.PROGRAMME_ADMINISTRATION)
    subject_type = ContentType.objects.get_for_model(Partnership).pk
    url_name = "support:specifics"
    due = []
    for p in partnerships:
        impl = implementations[p["course_id"]]
        key = (p["course_id"], p["institution_id"])
        recipients = people[(p["course_id"], None)] | people[key] | reps[key]
        for step, label in ApprovalStep.Step.choices:
            if (p["course_id"], p["institution_id"], step) in done:
                continue
            values = {
                "step": label,
                "institution": p["institution__short_name"],
                "course": impl["course__title"],
                "date": impl["start"],
            }
            title = LazyText(
                gettext_noop(
                    "%(step)s at %(institution)s is still open; implementation of “%(course)s” starts %(date)s"
                ),
                values,
            )
            past = LazyText(
                gettext_noop(
                    "%(step)s at %(institution)s was still open when implementation of “%(course)s” was to start on "
                    "%(date)s"
                ),
                values,
            )
            occasion = f"approval:{step}:{impl['start'].isoformat()}"
            url = reverse(url_name, kwargs={"slug": impl["course__slug"]})
            due += [
                Due(
                    uid,
                    KIND_APPROVAL,
                    subject_type,
                    p["pk"],
                    occasion,
                    p["course_id"],
                    title,
                    url,
                    due_on=impl["start"],
                    past_title=past,
                )
                for uid in recipients
            ]
    return due


# --- Settled: what no longer calls for action ------------------------------------------------------------------


@settles(KIND_DUE, KIND_LAPSED, triggers={Consultation: lambda c: c.course_id})
def consultations_settled(rows: list[dict]) -> set[int]:
    """A consultation held or closed, or its due date moved."""
    found = {
        pk: (due_by, status not in Consultation.OPEN_STATUSES or held_on is not None)
        for pk, due_by, status, held_on in among(
            Consultation.objects.all(), "pk", {r["subject_id"] for r in rows}
        ).values_list("pk", "due_by", "status", "held_on")
    }
    settled = set()
    for r in rows:
        due_by, done = found.get(r["subject_id"], (None, True))
        if done or occasion_date(r["occasion"]) != due_by:
            settled.add(r["id"])
    return settled


@settles(KIND_FIRST_STEP, triggers={Consultation: lambda c: c.course_id})
def first_consultations_settled(rows: list[dict]) -> set[int]:
    """The lead institution has engaged the service the reminder asked for ("first:<kind>:<date>")."""
    engaged = set(
        Consultation.objects.engaged()
        .filter(course_id__in={r["course_id"] for r in rows}, kind__in=FIRST_KINDS)
        .filter(institution_id=F("course__lead_institution_id"))
        .values_list("course_id", "kind")
    )
    return {r["id"] for r in rows if (r["course_id"], r["occasion"].split(":")[1]) in engaged}


@settles(KIND_APPROVAL, triggers={ApprovalStep: lambda step: step.course_id})
def approvals_settled(rows: list[dict]) -> set[int]:
    """The approval step ("approval:<step>:<date>") is done at the partnership's institution."""
    institutions = dict(
        Partnership.objects.filter(pk__in={r["subject_id"] for r in rows}).values_list("pk", "institution_id")
    )
    done = set(
        ApprovalStep.objects.filter(
            course_id__in={r["course_id"] for r in rows}, status=ApprovalStep.Status.DONE
        ).values_list("course_id", "institution_id", "step")
    )
    return {
        r["id"]
        for r in rows
        if r["subject_id"] not in institutions
        or (r["course_id"], institutions[r["subject_id"]], r["occasion"].split(":")[1]) in done
    }
