"""Demo governance (idempotent), on top of the phases, support and quality demo data.

- Green Energy (in design): a first draft of the joint vision with partners' comments, and the gate into
  development blocked: the vision is not adopted, a first consultation lapsed, approvals have not started
  everywhere, the examination rules are only a draft.
- Digital Health (in development): an adopted vision; the gate into development passed with an unmet
  condition (the examination rules, objected to by a partner at the time; revised and adopted since) and the
  leader's reason; a consortium agreement with most items addressed.
- AI Literacy (in implementation): an adopted vision, both gates passed, the agreement complete and signed.

Passages and signed agreement items are history recorded after the fact, so they are written as rows
(attributed to the leader) rather than through the services, which check today's state.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from core.history import attribute
from governance.models import AgreementClause, ClauseItem, GatePassage, VisionVersion
from governance.models.gates import Gate
from governance.selectors.gates import gate_conditions
from governance.services import vision as vision_services
from phases.models import Phase
from quality.services.decisions import consent_record
from support.models import Agreement
from teams.models import Course, Institution, Membership, Partnership

if TYPE_CHECKING:
    from accounts.models import User

VISION = {
    "needs_analysis": "Employers in {field} report a shortage of staff who can {need}; existing degree programmes "
    "are too long for people already in work.",
    "profile": "A practice-oriented course at EQF level {eqf}, combining the partners' research in {field} with "
    "professional cases from their regions.",
    "learners": "Continuing-education learners: professionals with a first degree, studying part-time alongside "
    "a job, often with family duties; they need flexible, online study with short synchronous sessions.",
    "objectives": "Learners can {need} in their own organisation. Unique: cases from five countries and a "
    "capstone project in the learner's own workplace.",
    "relation": "Reuses units of the partners' existing master's courses (about 60% of the material); only the "
    "capstone and the cross-country cases are new, since new material takes two to three times longer to make.",
    "stackability": "Counts towards the partners' master's programmes and stacks with the alliance's other "
    "micro-credentials in {field} into a 30 ECTS certificate.",
}
SUBJECTS = {
    "green-energy": ("renewable energy", "plan the energy transition of a site"),
    "digital-health": ("digital health", "introduce digital tools in care safely"),
    "ai-literacy": ("artificial intelligence", "use AI tools responsibly"),
}
CLAUSES: dict[str, str] = {
    ClauseItem.COMPOSITION: "The lead institution and the partner institutions listed in Annex 1.",
    ClauseItem.ROLES: "Course leader at the lead institution; one representative per partner; QA at the lead.",
    ClauseItem.OBJECTIVES: "As in the adopted joint vision.",
    ClauseItem.STRUCTURE: "Five units of one ECTS each and a capstone project.",
    ClauseItem.PEDAGOGY: "Case-based, collaborative online learning with weekly synchronous sessions.",
    ClauseItem.DELIVERY: "Online on the lead institution's platform.",
    ClauseItem.MOBILITY: "Virtual mobility; an optional blended intensive programme at one partner.",
    ClauseItem.QUALIFICATION: "A digital badge and ECTS credits, issued by the lead institution.",
    ClauseItem.LANGUAGE: "English; assessments may be taken in the partners' languages on request.",
    ClauseItem.ADMISSION: "A bachelor's degree or three years' relevant work experience.",
    ClauseItem.EXAMINATIONS: "The examination rules adopted by the team apply at every institution.",
    ClauseItem.QUALITY: "The lead institution's QA procedure; each partner provides its evaluation data.",
    ClauseItem.FINANCE: "Fees collected by the lead; income and costs shared in proportion to the units taught.",
}


def _leader(course: Course):
    return Membership.objects.select_related("user").get(course=course, role=Membership.Role.LEADER).user


def _speakers(course: Course) -> list[tuple[Institution, User]]:
    """Each institution of the course with someone who speaks for it (the leader for the lead)."""
    pairs = []
    for partnership in Partnership.objects.filter(course=course).select_related("institution").order_by("role"):
        role = Membership.Role.LEADER if partnership.is_lead else Membership.Role.PARTNER
        member = Membership.objects.filter(course=course, institution=partnership.institution, role=role).first()
        if member is not None:
            pairs.append((partnership.institution, member.user))
    return pairs


def _vision(course: Course, key: str, *, adopt: bool, sections: int = 6) -> VisionVersion:
    existing = VisionVersion.objects.filter(course=course).first()
    if existing is not None:
        return existing
    leader = _leader(course)
    field, need = SUBJECTS[key]
    vision = vision_services.vision_start(actor=leader, course=course)
    for name, text in list(VISION.items())[:sections]:
        vision = vision_services.vision_section_save(
            actor=leader, vision=vision, section=name, text=text.format(field=field, need=need, eqf=course.eqf_level)
        )
    if adopt:
        decision = vision_services.vision_propose(actor=leader, vision=vision)
        for institution, speaker in _speakers(course):
            consent_record(actor=speaker, decision=decision, institution=institution, position="consent")
    return vision


def _passage(course: Course, gate: str, reason: str = "", unmet_then: tuple[str, ...] = ()) -> None:
    """Record a passage on the phase's actual start; ``unmet_then`` names conditions met since that were not
    met on the day."""
    if GatePassage.objects.filter(course=course, gate=gate).exists():
        return
    phase = Phase.objects.filter(course=course, kind=gate).first()
    if phase is None or phase.actual_start is None:
        return
    unmet = [str(c.label) for c in gate_conditions(course=course, gate=gate) if not c.met or c.key in unmet_then]
    leader = _leader(course)
    passage = GatePassage(course=course, gate=gate, passed_by=leader, passed_on=phase.actual_start, unmet=unmet,
                          reason=(reason or "Recorded when the app was introduced.") if unmet else "")  # fmt: skip
    attribute(passage, leader)
    passage.save()


def _clauses(course: Course, items: list[str]) -> None:
    agreement = Agreement.objects.filter(course=course, kind=Agreement.Kind.CONSORTIUM).first()
    if agreement is None:
        return
    leader = _leader(course)
    for item in items:
        if not AgreementClause.objects.filter(agreement=agreement, item=item).exists():
            clause = AgreementClause(agreement=agreement, item=item, text=CLAUSES[item], updated_by=leader)
            attribute(clause, leader)
            clause.save()


def seed(*, courses: dict[str, Course], today: date) -> None:
    if course := courses.get("green-energy"):
        vision = _vision(course, "green-energy", adopt=False, sections=4)
        if not vision.comments.exists():
            for institution, speaker in _speakers(course)[1:3]:
                vision_services.vision_comment_add(
                    actor=speaker,
                    vision=vision,
                    section="relation",
                    text=f"{institution.short_name} has a MOOC on energy storage we can reuse for unit 3.",
                )
    if course := courses.get("digital-health"):
        _vision(course, "digital-health", adopt=True)
        _passage(
            course,
            Gate.DEVELOPMENT,
            reason="Development of the material must start to meet the alliance's call; the examination rules "
            "are being revised after the partner's objection and will be adopted before the first edition.",
            unmet_then=("examination_rules_adopted",),
        )
        _clauses(course, [i for i in ClauseItem.values if i not in ("mobility", "language", "finance")])
    if course := courses.get("ai-literacy"):
        _vision(course, "ai-literacy", adopt=True)
        _passage(course, Gate.DEVELOPMENT)
        _passage(course, Gate.IMPLEMENTATION)
        _clauses(course, list(ClauseItem.values))
