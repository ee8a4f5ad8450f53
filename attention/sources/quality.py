"""Quality: evaluation data an institution owes, reviews waiting for QA officers, decisions waiting for positions."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import F
from django.utils.translation import gettext as _

from attention.items import DUE, LATE, WAITING, Item, Scope
from quality import conf
from quality import occasions as o
from quality.models import Consent, Decision, Edition, EvaluationReport
from teams.models import Membership, Partnership


def _institutions(course_ids) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = Partnership.objects.filter(course_id__in=course_ids).values_list(
        "course_id", "institution_id", "institution__name"
    )
    for course_id, institution_id, name in rows.order_by("institution__name"):
        found[course_id].append((institution_id, name))
    return found


def evaluation_data(scope: Scope) -> list[Item]:
    """Three queries (none when no edition has ended). Evaluation data owed for an ended edition, due
    QUALITY_EVALUATION_DUE_DAYS after its end: a person sees what their institution owes, the overview what is
    late; data sent back with changes requested is owed again."""
    days = timedelta(days=conf.evaluation_due_days())
    speaking = scope.speaks_for() if scope.person is not None else None
    course_ids = set(speaking) if speaking is not None else set(scope.courses)
    editions = list(
        Edition.objects.filter(course_id__in=course_ids, ends_on__lt=scope.today).values_list(
            "id", "name", "ends_on", "course_id"
        )
    )
    if not editions:
        return []
    reports = dict(
        ((e, i), status)
        for e, i, status in EvaluationReport.objects.filter(edition_id__in=[e[0] for e in editions]).values_list(
            "edition_id", "institution_id", "status"
        )
    )
    institutions = _institutions({e[3] for e in editions})
    items = []
    for edition_id, name, ends_on, course_id in editions:
        course, due_on = scope.courses[course_id], ends_on + days
        state = LATE if due_on < scope.today else DUE
        for institution_id, institution in institutions[course_id]:
            if speaking is not None and speaking[course_id] != institution_id:
                continue
            status = reports.get((edition_id, institution_id))
            if status in (EvaluationReport.Status.SUBMITTED, EvaluationReport.Status.ACCEPTED):
                continue
            if speaking is None and state != LATE:
                continue
            label = _("Evaluation data: changes requested") if status else _("Evaluation data")
            url = scope.url("quality:report_submit", slug=course.slug, pk=edition_id)
            items.append(
                Item(o.EVALUATION_MISSING, state, course, label, f"{name} · {institution}", url,
                     ("quality.edition", edition_id), due_on)
            )  # fmt: skip
    return items


def reviews(scope: Scope) -> list[Item]:
    """One query (none for a person who is no QA officer). Evaluation data waiting for a QA officer's review."""
    if scope.person is not None:
        course_ids = {c for c, (role, _i) in scope.seats.items() if role == Membership.Role.QA_OFFICER}
    else:
        course_ids = set(scope.courses)
    if not course_ids:
        return []
    rows = EvaluationReport.objects.filter(
        edition__course_id__in=course_ids, status=EvaluationReport.Status.SUBMITTED
    ).values_list("id", "edition__name", "edition__course_id", "institution__name", "submitted_at")
    items = []
    for pk, edition, course_id, institution, submitted_at in rows:
        course = scope.courses[course_id]
        url = scope.url("quality:report_detail", slug=course.slug, pk=pk)
        items.append(
            Item(o.REVIEW_WAITING, WAITING, course, _("Evaluation data to review"), f"{edition} · {institution}", url,
                 ("quality.evaluationreport", pk), detail=f"{submitted_at:%Y-%m-%d}")
        )  # fmt: skip
    return items


def decisions(scope: Scope) -> list[Item]:
    """Three queries (none with no open decision). Open decisions still lacking an institution's position on
    their current version: a person sees those waiting for their institution, the overview every one."""
    speaking = scope.speaks_for() if scope.person is not None else None
    course_ids = set(speaking) if speaking is not None else set(scope.courses)
    open_decisions = list(
        Decision.objects.filter(course_id__in=course_ids, status=Decision.Status.OPEN).values_list(
            "id", "title", "version", "course_id"
        )
    )
    if not open_decisions:
        return []
    positioned = set(
        Consent.objects.filter(
            decision_id__in=[d[0] for d in open_decisions], version=F("decision__version")
        ).values_list("decision_id", "institution_id")
    )
    institutions = _institutions({d[3] for d in open_decisions})
    items = []
    for pk, title, _version, course_id in open_decisions:
        course = scope.courses[course_id]
        missing = [name for i, name in institutions[course_id] if (pk, i) not in positioned]
        if speaking is not None:
            if (pk, speaking[course_id]) in positioned:
                continue
            missing = []
        if speaking is None and not missing:
            continue
        url = scope.url("quality:decision_detail", slug=course.slug, pk=pk)
        items.append(
            Item(o.DECISION_WAITING, WAITING, course, _("Decision waiting for a position"), title, url,
                 ("quality.decision", pk), detail=", ".join(missing))
        )  # fmt: skip
    return items
