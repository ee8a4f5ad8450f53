"""Reads of decisions: scoped to one course, a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from quality.models import Consent, Decision
from teams.models import Course, Institution, Partnership


def course_institutions(*, course: Course) -> list[Institution]:
    """The institutions whose consent a decision needs: the lead first, then the partners."""
    partnerships = Partnership.objects.filter(course=course).select_related("institution")
    return [p.institution for p in sorted(partnerships, key=lambda p: (not p.is_lead, p.institution.name))]


def decision_list(*, course: Course) -> QuerySet[Decision]:
    """The course's decisions, newest first, with how many institutions took each position on the current version."""
    current = Q(consents__version=F("version"))
    return (
        Decision.objects.filter(course=course)
        .select_related("course", "proposer", "examination_rules")
        .annotate(
            consent_count=Count("consents", filter=current & Q(consents__position=Consent.Position.CONSENT)),
            objection_count=Count("consents", filter=current & Q(consents__position=Consent.Position.OBJECTION)),
            abstention_count=Count("consents", filter=current & Q(consents__position=Consent.Position.ABSTENTION)),
        )
    )


@dataclass
class VersionRecord:
    """One version of a decision as it was put to the team, and the positions taken on it."""

    version: int
    title: str
    text: str
    proposed_at: object
    proposed_by: object
    positions: list[Consent] = field(default_factory=list)


@dataclass
class DecisionView:
    decision: Decision
    positions: list[tuple[Institution, Consent | None]]
    earlier_versions: list[VersionRecord]

    @property
    def waiting_for(self) -> list[Institution]:
        return [i for i, c in self.positions if c is None]


def decision_view(*, decision: Decision) -> DecisionView:
    """The current positions per institution and every earlier version with its positions (four queries)."""
    institutions = course_institutions(course=decision.course)
    consents = list(
        Consent.objects.filter(decision=decision).select_related("institution", "recorded_by").order_by("-version")
    )
    current = {c.institution_id: c for c in consents if c.version == decision.version}
    records = Decision.history.filter(id=decision.pk).select_related("history_user").order_by("history_date")
    versions: dict[int, VersionRecord] = {}
    for record in records:
        if record.version not in versions:
            versions[record.version] = VersionRecord(
                version=record.version,
                title=record.title,
                text=record.text,
                proposed_at=record.version_proposed_at,
                proposed_by=record.history_user,
            )
        else:  # later edits of the same version (e.g. its status) keep its wording as last seen
            versions[record.version].title, versions[record.version].text = record.title, record.text
    for consent in consents:
        if consent.version in versions and consent.version != decision.version:
            versions[consent.version].positions.append(consent)
    earlier = sorted((v for n, v in versions.items() if n != decision.version), key=lambda v: -v.version)
    return DecisionView(
        decision=decision,
        positions=[(i, current.get(i.pk)) for i in institutions],
        earlier_versions=earlier,
    )
