"""The consortium agreement's overview: each checklist item with how it is addressed, each institution's
sign-off, and what is still missing."""

from __future__ import annotations

from dataclasses import dataclass

from governance.models import AgreementClause, ClauseItem
from support.models import Agreement, AgreementSignature
from teams.models import Course, Institution, Partnership


@dataclass
class ItemRow:
    key: str
    label: str
    clause: AgreementClause | None

    @property
    def addressed(self) -> bool:
        return self.clause is not None and self.clause.is_addressed


@dataclass
class ConsortiumOverview:
    agreement: Agreement | None
    items: list[ItemRow]
    signatures: list[tuple[Institution, AgreementSignature | None]]

    @property
    def missing_items(self) -> list[ItemRow]:
        return [row for row in self.items if not row.addressed]

    @property
    def missing_signatures(self) -> list[Institution]:
        return [i for i, s in self.signatures if s is None or s.status != AgreementSignature.Status.SIGNED]

    @property
    def signed_by_any(self) -> bool:
        return any(s is not None and s.status == AgreementSignature.Status.SIGNED for _, s in self.signatures)

    @property
    def complete(self) -> bool:
        return self.agreement is not None and not self.missing_items and not self.missing_signatures


def consortium_overview(*, course: Course) -> ConsortiumOverview:
    """Four queries at most: the agreement, its clauses, the course's institutions, their signatures."""
    agreement = Agreement.objects.filter(course=course, kind=Agreement.Kind.CONSORTIUM).order_by("pk").first()
    clauses: dict[str, AgreementClause] = {}
    signatures: dict[int, AgreementSignature] = {}
    if agreement is not None:
        clauses = {c.item: c for c in AgreementClause.objects.filter(agreement=agreement).select_related("updated_by")}
        signatures = {s.institution_id: s for s in AgreementSignature.objects.filter(agreement=agreement)}
    institutions = [
        p.institution
        for p in Partnership.objects.filter(course=course)
        .select_related("institution")
        .order_by("role", "institution__name")
    ]
    return ConsortiumOverview(
        agreement=agreement,
        items=[ItemRow(key, str(label), clauses.get(key)) for key, label in ClauseItem.choices],
        signatures=[(i, signatures.get(i.pk)) for i in institutions],
    )
