"""Reminders the quality app asks for. Each provider is set-based: a fixed number of queries, whatever the
number of courses, editions, reports or decisions (rows are joined in memory by id)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.bulk import among
from core.i18n import LazyText
from core.urls_fast import row_reverse
from quality import conf
from quality.models import Consent, Decision, Edition, EvaluationReport
from reminders.registry import Due, provider, settles
from teams.models import Membership, Partnership

Role = Membership.Role
EVALUATION_MISSING = "evaluation_missing"
REVIEW_WAITING = "evaluation_review_waiting"
DECISION_WAITING = "decision_position_waiting"
S = TypeVar("S", bound=Mapping[str, Any])  # an edition or decision, read with values()


def _representatives(course_ids: Collection[int]) -> dict[tuple[int, int], list[int]]:
    """(course, institution) -> users who speak for it: its partner representatives, or the leader for the lead."""
    speakers: dict[tuple[int, int], list[int]] = defaultdict(list)
    speaking = Membership.objects.filter(role__in=[Role.LEADER, Role.PARTNER])
    rows = among(speaking, "course_id", course_ids).values_list("course_id", "institution_id", "user_id")
    for course_id, institution_id, user_id in rows:
        speakers[(course_id, institution_id)].append(user_id)
    return speakers


def _institutions(course_ids) -> dict[int, list[tuple[int, str]]]:
    by_course: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = Partnership.objects.filter(course_id__in=course_ids).values_list(
        "course_id", "institution_id", "institution__name"
    )
    for course_id, institution_id, name in rows:
        by_course[course_id].append((institution_id, name))
    return by_course


def _unanswered(subjects: Iterable[S], course_ids, answered: set[tuple[int, int]]) -> Iterator[tuple[S, str, int]]:
    """(subject, institution name, user) for every institution of a subject's course that has not answered it
    (``answered``: pairs of subject id and institution id), once per person who speaks for that institution.

    Who speaks is read only for the courses with an institution that has not answered: at 10,000 courses, where
    every edition's data was in, reading them all cost the sweep a second for no reminder."""
    institutions = _institutions(course_ids)
    waiting = [
        (subject, institution_id, name)
        for subject in subjects
        for institution_id, name in institutions[subject["course_id"]]
        if (subject["id"], institution_id) not in answered
    ]
    if not waiting:
        return
    speakers = _representatives({subject["course_id"] for subject, _, _ in waiting})
    for subject, institution_id, name in waiting:
        for user_id in speakers[(subject["course_id"], institution_id)]:
            yield subject, name, user_id


@provider(**{EVALUATION_MISSING: _("Evaluation data missing")})
def evaluation_data_missing(today: date) -> Iterator[Due]:
    """An institution's evaluation data still missing the set number of days after an edition ended."""
    days = conf.evaluation_due_days()
    due_editions = Edition.objects.filter(ends_on__lte=today - timedelta(days=days))
    editions = list(due_editions.values("id", "name", "ends_on", "course_id", "course__slug", "course__title"))
    if not editions:
        return
    course_ids = due_editions.values("course_id")
    submitted = set(
        EvaluationReport.objects.filter(edition__in=due_editions).values_list("edition_id", "institution_id")
    )
    content_type = ContentType.objects.get_for_model(Edition).pk
    for e, name, user_id in _unanswered(editions, course_ids, submitted):
        yield Due(
            recipient_id=user_id,
            kind=EVALUATION_MISSING,
            subject_type_id=content_type,
            subject_id=e["id"],
            # A due date that moves (the edition's end corrected) is a new occasion.
            occasion=f"due-{(e['ends_on'] + timedelta(days=days)).isoformat()}",
            course_id=e["course_id"],
            title=LazyText(
                gettext_noop("Evaluation data of %(institution)s for %(edition)s (%(course)s) is missing"),
                {"institution": name, "edition": e["name"], "course": e["course__title"]},
            ),
            url=row_reverse("quality:report_submit", e["course__slug"], e["id"]),
        )


@provider(**{REVIEW_WAITING: _("Evaluation data waiting for review")})
def review_waiting(today: date) -> Iterator[Due]:
    """Submitted evaluation data waiting for a QA officer's review; a resubmission is a new occasion."""
    reports = list(
        EvaluationReport.objects.filter(status=EvaluationReport.Status.SUBMITTED).values(
            "id", "submitted_at", "institution__name", "edition__name", "edition__course_id", "edition__course__slug"
        )
    )
    if not reports:
        return
    officers: dict[int, list[int]] = defaultdict(list)
    rows = Membership.objects.filter(
        role=Role.QA_OFFICER,
        course_id__in=EvaluationReport.objects.filter(status=EvaluationReport.Status.SUBMITTED).values(
            "edition__course_id"
        ),
    ).values_list("course_id", "user_id")
    for course_id, user_id in rows:
        officers[course_id].append(user_id)
    content_type = ContentType.objects.get_for_model(EvaluationReport).pk
    for r in reports:
        url = row_reverse("quality:report_detail", r["edition__course__slug"], r["id"])
        for user_id in officers[r["edition__course_id"]]:
            yield Due(
                recipient_id=user_id,
                kind=REVIEW_WAITING,
                subject_type_id=content_type,
                subject_id=r["id"],
                occasion=f"submitted-{r['submitted_at']:%Y%m%dT%H%M%S%f}",
                course_id=r["edition__course_id"],
                title=LazyText(
                    gettext_noop("Evaluation data of %(institution)s for %(edition)s waits for your review"),
                    {"institution": r["institution__name"], "edition": r["edition__name"]},
                ),
                url=url,
            )


@provider(**{DECISION_WAITING: _("Decision waiting for your institution's position")})
def decision_waiting(today: date) -> Iterator[Due]:
    """An open decision whose current version still lacks an institution's position; a new version is a new
    occasion, so a revision reminds everyone once more."""
    open_decisions = Decision.objects.filter(status=Decision.Status.OPEN)
    decisions = list(open_decisions.values("id", "title", "version", "course_id", "course__slug"))
    if not decisions:
        return
    course_ids = open_decisions.values("course_id")
    positioned = set(
        Consent.objects.filter(decision__status=Decision.Status.OPEN, version=F("decision__version")).values_list(
            "decision_id", "institution_id"
        )
    )
    content_type = ContentType.objects.get_for_model(Decision).pk
    for d, name, user_id in _unanswered(decisions, course_ids, positioned):
        yield Due(
            recipient_id=user_id,
            kind=DECISION_WAITING,
            subject_type_id=content_type,
            subject_id=d["id"],
            occasion=f"v{d['version']}",
            course_id=d["course_id"],
            title=LazyText(
                gettext_noop("“%(decision)s” waits for the position of %(institution)s"),
                {"decision": d["title"], "institution": name},
            ),
            url=row_reverse("quality:decision_detail", d["course__slug"], d["id"]),
        )


# --- Settled: what no longer calls for action ------------------------------------------------------------------


def _speaks_for(rows: list[dict]) -> dict[tuple[int, int], int]:
    """(course, recipient) -> the institution the recipient speaks for there."""
    return {
        (course_id, user_id): institution_id
        for course_id, user_id, institution_id in Membership.objects.filter(
            course_id__in={r["course_id"] for r in rows},
            user_id__in={r["recipient_id"] for r in rows},
            role__in=[Role.LEADER, Role.PARTNER],
        ).values_list("course_id", "user_id", "institution_id")
    }


@settles(EVALUATION_MISSING, triggers={EvaluationReport: lambda report: report.edition.course_id})
def evaluation_settled(rows: list[dict]) -> set[int]:
    """The recipient's institution has submitted its data for the edition (or no longer speaks for one)."""
    speaks = _speaks_for(rows)
    submitted = set(
        EvaluationReport.objects.filter(edition_id__in={r["subject_id"] for r in rows}).values_list(
            "edition_id", "institution_id"
        )
    )
    return {
        r["id"]
        for r in rows
        if (r["course_id"], r["recipient_id"]) not in speaks
        or (r["subject_id"], speaks[(r["course_id"], r["recipient_id"])]) in submitted
    }


@settles(REVIEW_WAITING, triggers={EvaluationReport: lambda report: report.edition.course_id})
def review_settled(rows: list[dict]) -> set[int]:
    """The data was reviewed (accepted or sent back), or resubmitted (a new occasion)."""
    waiting = {
        pk: f"submitted-{at:%Y%m%dT%H%M%S%f}"
        for pk, at in among(
            EvaluationReport.objects.filter(status=EvaluationReport.Status.SUBMITTED),
            "pk",
            {r["subject_id"] for r in rows},
        ).values_list("pk", "submitted_at")
    }
    return {r["id"] for r in rows if waiting.get(r["subject_id"]) != r["occasion"]}


@settles(DECISION_WAITING, triggers={Consent: lambda c: c.decision.course_id, Decision: lambda d: d.course_id})
def decision_settled(rows: list[dict]) -> set[int]:
    """The decision was agreed or revised (a new version is a new occasion), or the recipient's institution
    recorded its position on this version."""
    speaks = _speaks_for(rows)
    current = dict(
        Decision.objects.filter(pk__in={r["subject_id"] for r in rows}, status=Decision.Status.OPEN).values_list(
            "pk", "version"
        )
    )
    positioned = set(
        Consent.objects.filter(decision_id__in=current).values_list("decision_id", "version", "institution_id")
    )
    settled = set()
    for r in rows:
        version = current.get(r["subject_id"])
        institution = speaks.get((r["course_id"], r["recipient_id"]))
        if (
            version is None
            or r["occasion"] != f"v{version}"
            or institution is None
            or (r["subject_id"], version, institution) in positioned
        ):
            settled.add(r["id"])
    return settled
