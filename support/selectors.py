"""Every read of support data a person sees: scoped to one course, a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext

from phases.models import Phase
from phases.selectors import course_phases
from support.models import (
    FIRST_KINDS,
    SHORT_KIND_LABELS,
    Agreement,
    AgreementSignature,
    ApprovalStep,
    Consultation,
    DeliveryPlatform,
    ServiceContact,
    ServiceKind,
    TaskForceMember,
)
from support.ordering import ConsultationState, OrderChecklist, build_checklist
from support.permissions import SupportScope
from teams.models import Course, Institution, Partnership
from teams.selectors import course_partnerships

KIND_LABELS = dict(ServiceKind.choices)


# --- The support matrix --------------------------------------------------------------------------------------


@dataclass
class MatrixCell:
    institution: Institution
    kind: str
    consultation: Consultation | None
    has_contact: bool
    editable: bool
    matches: bool = True
    waits_for_lead: bool = False

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def lapsed(self) -> bool:
        # is_lapsed: annotated by Consultation.objects.with_lapsed(), which every selector here uses
        return bool(self.consultation is not None and self.consultation.is_lapsed)  # type: ignore[attr-defined]

    @property
    def state(self) -> str:
        """missing, planned, requested, held, closed or lapsed: what the cell's colour and icon say."""
        if self.consultation is None:
            return "missing"
        return "lapsed" if self.lapsed else self.consultation.status

    @property
    def state_label(self) -> str:
        if self.consultation is None:
            return gettext("Not engaged")
        return gettext("Lapsed") if self.lapsed else self.consultation.get_status_display()

    @property
    def next_step(self) -> str:
        c = self.consultation
        if c is None or c.status == Consultation.Status.PLANNED:
            if self.waits_for_lead:
                return gettext("Next: after the lead's first consultations")
            return gettext("Next: request it") if self.has_contact else gettext("Next: record a contact, then request")
        if c.status == Consultation.Status.REQUESTED:
            return gettext("Next: chase up or set a new date") if self.lapsed else gettext("Next: hold the meeting")
        if c.status == Consultation.Status.HELD:
            return gettext("Next: follow-up actions, then close") if c.follow_up_actions else gettext("Next: close it")
        return gettext("Done")


@dataclass
class MatrixRow:
    partnership: Partnership
    cells: list[MatrixCell]

    @property
    def contact_count(self) -> int:
        return sum(1 for cell in self.cells if cell.has_contact)

    @property
    def institution(self) -> Institution:
        return self.partnership.institution


@dataclass
class SupportMatrix:
    rows: list[MatrixRow]
    kinds: list[tuple[str, str, str]] = field(
        default_factory=lambda: [(k, str(label), str(SHORT_KIND_LABELS[k])) for k, label in ServiceKind.choices]
    )
    lapsed_count: int = 0
    missing_count: int = 0


def support_matrix(
    *,
    course: Course,
    today: date,
    scope: SupportScope,
    partnerships: list[Partnership],
    matching_ids: set[int] | None = None,
    institution_id: int | None = None,
    missing_only: bool = False,
) -> SupportMatrix:
    """Institutions x the six services, each cell with its consultation (lapse derived by the database).

    Two queries whatever the number of institutions: the consultations and the contacts. ``matching_ids``
    (from the filter) marks the cells that match; ``missing_only`` keeps the cells with no consultation.
    """
    consultations = {
        (c.institution_id, c.kind): c
        for c in Consultation.objects.filter(course=course).with_lapsed(today).select_related("requested_by")
    }
    contacts = set(
        ServiceContact.objects.filter(institution__partnerships__course=course).values_list("institution_id", "kind")
    )
    lead_id = course.lead_institution_id
    lead_ready = all((lead_id, k) in consultations and consultations[(lead_id, k)].is_engaged for k in FIRST_KINDS)
    matrix = SupportMatrix(rows=[])
    filtering = matching_ids is not None or missing_only
    for p in partnerships:
        if institution_id is not None and p.institution_id != institution_id:
            continue
        cells = []
        for kind in ServiceKind.values:
            c = consultations.get((p.institution_id, kind))
            cell = MatrixCell(
                institution=p.institution,
                kind=kind,
                consultation=c,
                has_contact=(p.institution_id, kind) in contacts,
                editable=scope.may_manage(p.institution_id),
                waits_for_lead=p.institution_id != lead_id and not lead_ready,
            )
            if missing_only:
                cell.matches = c is None
            elif matching_ids is not None:
                cell.matches = c is not None and c.pk in matching_ids
            matrix.lapsed_count += cell.lapsed
            matrix.missing_count += c is None
            cells.append(cell)
        if not filtering or any(cell.matches for cell in cells):
            matrix.rows.append(MatrixRow(partnership=p, cells=cells))
    return matrix


def consultation_for_cell(*, course: Course, institution: Institution, kind: str, today: date) -> Consultation | None:
    return (
        Consultation.objects.filter(course=course, institution=institution, kind=kind)
        .with_lapsed(today)
        .select_related("requested_by")
        .first()
    )


# --- The guideline's order -------------------------------------------------------------------------------------


def order_checklist(*, course: Course, today: date, partnerships: list[Partnership] | None = None) -> OrderChecklist:
    """The guideline's order, ticked where a consultation was held; three queries (two given partnerships)."""
    partnerships = partnerships if partnerships is not None else course_partnerships(course=course)
    consultations = {
        (i, k): ConsultationState(status, requested_on, due_by, held_on)
        for i, k, status, requested_on, due_by, held_on in Consultation.objects.filter(course=course).values_list(
            "institution_id", "kind", "status", "requested_on", "due_by", "held_on"
        )
    }
    design = next((p for p in course_phases(course=course) if p.kind == Phase.Kind.DESIGN), None)
    design_start = (design.actual_start or design.planned_start) if design else None
    lead = next((p.institution for p in partnerships if p.is_lead), course.lead_institution)
    return build_checklist(
        lead_id=lead.pk,
        lead_name=lead.short_name or lead.name,
        partners=[(p.institution_id, p.institution.name) for p in partnerships if not p.is_lead],
        consultations=consultations,
        design_start=design_start,
        today=today,
    )


# --- Task force, contacts --------------------------------------------------------------------------------------


@dataclass
class InstitutionGroup:
    partnership: Partnership
    items: list[Any] = field(default_factory=list)

    @property
    def institution(self) -> Institution:
        return self.partnership.institution


def task_force(*, course: Course, partnerships: list[Partnership]) -> list[InstitutionGroup]:
    """Representatives grouped by institution (lead first); an institution with none shows as empty."""
    groups = {p.institution_id: InstitutionGroup(partnership=p) for p in partnerships}
    for member in (
        TaskForceMember.objects.filter(course=course)
        .select_related("user", "contact")
        .order_by("kind", "user__last_name")
    ):
        if member.institution_id in groups:
            groups[member.institution_id].items.append(member)
    return list(groups.values())


@dataclass
class ContactRow:
    kind: str
    label: str
    contact: ServiceContact | None


def contacts_by_institution(*, partnerships: list[Partnership]) -> list[InstitutionGroup]:
    """Each institution's six contacts (None where none is recorded); one query."""
    found: dict[int, dict[str, ServiceContact]] = defaultdict(dict)
    for contact in ServiceContact.objects.filter(institution_id__in=[p.institution_id for p in partnerships]):
        found[contact.institution_id][contact.kind] = contact
    return [
        InstitutionGroup(
            partnership=p,
            items=[ContactRow(k, str(label), found[p.institution_id].get(k)) for k, label in ServiceKind.choices],
        )
        for p in partnerships
    ]


# --- Service specifics -----------------------------------------------------------------------------------------


@dataclass
class ApprovalRow:
    partnership: Partnership
    steps: list[tuple[str, str, ApprovalStep | None]]
    editable: bool

    @property
    def institution(self) -> Institution:
        return self.partnership.institution


def approval_grid(*, course: Course, partnerships: list[Partnership], scope: SupportScope) -> list[ApprovalRow]:
    """Institutions x approval steps; a step without a row has not started. One query."""
    steps = {(a.institution_id, a.step): a for a in ApprovalStep.objects.filter(course=course)}
    return [
        ApprovalRow(
            partnership=p,
            steps=[(s, str(label), steps.get((p.institution_id, s))) for s, label in ApprovalStep.Step.choices],
            editable=scope.may_manage(p.institution_id),
        )
        for p in partnerships
    ]


def delivery_platform(*, course: Course) -> DeliveryPlatform | None:
    return DeliveryPlatform.objects.filter(course=course).select_related("host_institution").first()


@dataclass
class AgreementView:
    agreement: Agreement
    signatures: list[tuple[Partnership, AgreementSignature | None, bool]]

    @property
    def signed_count(self) -> int:
        return sum(1 for _, s, _ in self.signatures if s and s.status == AgreementSignature.Status.SIGNED)


def agreements(*, course: Course, partnerships: list[Partnership], scope: SupportScope) -> list[AgreementView]:
    """Each agreement with every institution's signature (pending where none is recorded). Two queries."""
    rows = Agreement.objects.filter(course=course).prefetch_related(
        Prefetch("signatures", queryset=AgreementSignature.objects.all())
    )
    result = []
    for agreement in rows:
        by_institution = {s.institution_id: s for s in agreement.signatures.all()}
        result.append(
            AgreementView(
                agreement=agreement,
                signatures=[
                    (p, by_institution.get(p.institution_id), scope.may_manage(p.institution_id)) for p in partnerships
                ],
            )
        )
    return result
