"""Governance graphs built through the real services: a vision in any state, a course ready for a gate."""

from __future__ import annotations

from datetime import date, timedelta

from governance.models import ClauseItem, VisionSection, VisionVersion
from governance.services import agreement as agreement_services
from governance.services import vision as vision_services
from phases.models import Phase
from phases.services import phase_record_actual
from quality.services.evaluation import procedure_save
from support.models import AgreementSignature, ApprovalStep, Consultation, ServiceKind
from support.services.consultations import consultation_save
from support.services.specifics import approval_step_save, delivery_platform_save, signature_save
from teams.models import Course, Institution
from tests.factories.phases import plan_phases
from tests.factories.quality import consent_all, make_binding_rules, speaker_for
from tests.factories.teams import leader_of


def make_vision(course: Course, *, text: str = "Engineers need to plan the energy transition.") -> VisionVersion:
    """A draft with every section written (a new version copies the last one)."""
    actor = leader_of(course)
    vision = vision_services.vision_start(actor=actor, course=course)
    for key in VisionSection.values:
        if not getattr(vision, key):
            vision = vision_services.vision_section_save(
                actor=actor, vision=vision, section=key, text=f"{text} ({key})"
            )
    return vision


def adopt_vision(course: Course) -> VisionVersion:
    vision = make_vision(course)
    decision = vision_services.vision_propose(actor=leader_of(course), vision=vision)
    consent_all(decision)
    return VisionVersion.objects.select_related("adoption_decision").get(pk=vision.pk)


def institutions(course: Course) -> list[Institution]:
    return list(Institution.objects.filter(partnerships__course=course).order_by("pk"))


def design_running(course: Course, today: date) -> dict[str, Phase]:
    """Phases planned from 120 days ago, design started then and still running."""
    start = today - timedelta(days=120)
    phases = plan_phases(course, start)
    phase_record_actual(
        actor=leader_of(course), phase=phases[Phase.Kind.DESIGN], actual_start=start, actual_end=None, today=today
    )
    return {p.kind: p for p in Phase.objects.filter(course=course)}


def meet_development_conditions(course: Course, today: date) -> None:
    """Every condition of the gate into development, recorded through the services."""
    leader = leader_of(course)
    adopt_vision(course)
    for kind in (ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING):
        consultation_save(actor=leader, course=course, institution=course.lead_institution, kind=kind,
                          status=Consultation.Status.HELD, held_on=today - timedelta(days=60), today=today,
                          notify=False)  # fmt: skip
    for institution in institutions(course):
        approval_step_save(actor=leader, course=course, institution=institution, step=ApprovalStep.Step.FACULTY,
                           status=ApprovalStep.Status.IN_PROGRESS, started_on=today - timedelta(days=30), today=today)  # fmt: skip
    make_binding_rules(course)


def meet_implementation_conditions(course: Course, today: date) -> None:
    leader = leader_of(course)
    agreement = agreement_services.consortium_agreement_start(actor=leader, course=course)
    for item in ClauseItem.values:
        agreement_services.clause_save(actor=leader, agreement=agreement, item=item, text=f"Agreed on {item}.")
    for institution in institutions(course):
        signature_save(actor=speaker_for(course, institution), agreement=agreement, institution=institution,
                       status=AgreementSignature.Status.SIGNED, signed_on=today, today=today)  # fmt: skip
        for step in (ApprovalStep.Step.UNIVERSITY, ApprovalStep.Step.PROGRAMME_GUIDE):
            approval_step_save(actor=leader, course=course, institution=institution, step=step,
                               status=ApprovalStep.Status.DONE, started_on=today - timedelta(days=20),
                               completed_on=today - timedelta(days=1), today=today)  # fmt: skip
    delivery_platform_save(actor=leader, course=course, host_institution=course.lead_institution, name="Moodle")
    procedure_save(actor=leader, course=course, instruments="Surveys after each edition.",
                   frequency="every_edition", responsibilities="The QA officer collects and reports.")  # fmt: skip
