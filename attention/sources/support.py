"""Support: consultations due soon or lapsed, the lead's first consultations, approval steps still open."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from attention.items import DUE, LATE, Item, Scope
from phases.models import Phase
from support import conf
from support import occasions as o
from support.models import FIRST_KINDS, ApprovalStep, Consultation, ServiceKind
from teams.models import Membership, Partnership

KIND_LABELS = dict(ServiceKind.choices)


def consultations(scope: Scope) -> list[Item]:
    """One query. A person: those they requested, lead (lapsed, or unrequested), or sit in the task force for."""
    today = scope.today
    rows = Consultation.objects.filter(
        course_id__in=scope.courses, status__in=Consultation.OPEN_STATUSES, held_on__isnull=True, due_by__isnull=False
    )
    if scope.person is not None:
        seats = {(c, i) for c, i, _k in scope.task_force}
        rows = rows.filter(due_by__lte=today + timedelta(days=o.LONGEST_LEAD_DAYS)).filter(
            Q(requested_by=scope.person) | Q(course_id__in=scope.led()) | Q(course_id__in={c for c, _i in seats})
        )
    else:
        rows = rows.filter(due_by__lt=today)
    fields = ("id", "kind", "due_by", "requested_by_id", "course_id", "institution_id", "institution__short_name")
    items = []
    for r in rows.values(*fields):
        course = scope.courses[r["course_id"]]
        lapsed = r["due_by"] < today
        if scope.person is not None:
            uid, led = scope.person.pk, r["course_id"] in scope.led()
            rep = (r["course_id"], r["institution_id"]) in seats
            if lapsed:
                concerned = r["requested_by_id"] == uid or led or rep
            else:
                requester = r["requested_by_id"] == uid or (r["requested_by_id"] is None and led)
                concerned = (requester or rep) and r["due_by"] <= today + timedelta(days=course.lead_days)
            if not concerned:
                continue
        title = f"{KIND_LABELS[r['kind']]} · {r['institution__short_name']}"
        url = scope.url("support:matrix", slug=course.slug)
        kind, state = (o.KIND_LAPSED, LATE) if lapsed else (o.KIND_DUE, DUE)
        label = _("Consultation lapsed") if lapsed else _("Consultation")
        items.append(Item(kind, state, course, label, title, url, ("support.consultation", r["id"]), r["due_by"]))
    return items


def first_consultations(scope: Scope) -> list[Item]:
    """Two queries (one when the phases are known; none for a person who leads no course): design has started and the lead institution has not
    engaged its internationalisation or its teaching and learning service, the guideline's first step."""
    course_ids = scope.led() if scope.person is not None else set(scope.courses)
    if not course_ids:
        return []
    designs = [
        (r["course_id"], r["actual_start"] or r["planned_start"])
        for r in scope.phases(course_ids, kind=Phase.Kind.DESIGN)
        if (r["actual_start"] or r["planned_start"]) <= scope.today
    ]
    if not designs:
        return []
    engaged = set(
        Consultation.objects.engaged()
        .filter(course_id__in=[c for c, _s in designs], kind__in=FIRST_KINDS)
        .values_list("course_id", "institution_id", "kind")
    )
    items = []
    for course_id, start in designs:
        course = scope.courses[course_id]
        for kind in FIRST_KINDS:
            if (course_id, course.lead_institution_id, kind) in engaged:
                continue
            items.append(
                Item(o.KIND_FIRST_STEP, LATE, course, _("First consultation not requested"), KIND_LABELS[kind],
                     scope.url("support:matrix", slug=course.slug), ("teams.course", course_id), start)
            )  # fmt: skip
    return items


def approvals(scope: Scope) -> list[Item]:
    """Three queries (one when no implementation is near). Approval steps still open when implementation starts
    within SUPPORT_APPROVAL_WEEKS (due) or has started (late). A person: the leader for every institution, a
    partner representative or a programme-administration task force member for their own."""
    horizon = scope.today + timedelta(weeks=conf.approval_warning_weeks())
    starts = {
        r["course_id"]: r["actual_start"] or r["planned_start"]
        for r in scope.phases(scope.courses, kind=Phase.Kind.IMPLEMENTATION)
        if (r["actual_start"] or r["planned_start"]) <= horizon
    }
    if scope.person is not None:
        mine = {(c, i) for c, (role, i) in scope.seats.items() if role == Membership.Role.PARTNER}
        mine |= {(c, i) for c, i, k in scope.task_force if k == ServiceKind.PROGRAMME_ADMINISTRATION}
        led = scope.led()
        starts = {c: s for c, s in starts.items() if c in led or any(c == mc for mc, _i in mine)}
    elif starts:
        starts = {c: s for c, s in starts.items() if s < scope.today}
    if not starts:
        return []
    partnerships = Partnership.objects.filter(course_id__in=starts).values_list(
        "pk", "course_id", "institution_id", "institution__short_name"
    )
    done = set(
        ApprovalStep.objects.filter(course_id__in=starts, status=ApprovalStep.Status.DONE).values_list(
            "course_id", "institution_id", "step"
        )
    )
    items = []
    for pk, course_id, institution_id, short_name in partnerships:
        if scope.person is not None and course_id not in led and (course_id, institution_id) not in mine:
            continue
        course, start = scope.courses[course_id], starts[course_id]
        state = LATE if start < scope.today else DUE
        for step, label in ApprovalStep.Step.choices:
            if (course_id, institution_id, step) in done:
                continue
            items.append(
                Item(o.KIND_APPROVAL, state, course, _("Approval step"), f"{label} · {short_name}",
                     scope.url("support:specifics", slug=course.slug), ("teams.partnership", pk), start)
            )  # fmt: skip
    return items
