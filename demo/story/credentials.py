"""Demo data for the micro-credential profiles, built through the services. Idempotent: a second run changes
nothing.

ai-literacy (in implementation): complete, in English and Spanish, a joint award agreed by every institution.
digital-health (in development): complete, in English and Italian, awarded by the lead institution alone; its
type of assessment comes from the examination rules the team adopted after revising them (demo.story.quality).
green-energy (in design): deliberately incomplete, to show the overview's panel and the phase plan's warning:
two outcomes and the workload; no level answered; the examination rules only a draft; a joint award proposed,
with one partner's consent so far: the lead's position (the leader, leader@) and the other partner's wait.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from credentials import services
from credentials.models import AwardingMode, CredentialProfile
from quality.models import Decision, EvaluationProcedure
from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from teams.models import Course, Institution, Membership

Role = Membership.Role

PROFILES: dict[str, dict[str, Any]] = {
    "ai-literacy": {
        "fields": {
            "primary_language": "en",
            "title_translations": {"es": "Alfabetización en IA para docentes"},
            "summary_translations": {
                "es": "Lo que el profesorado necesita saber para usar y enseñar la inteligencia artificial."
            },
            "notional_hours": 81,
            "qf_ehea_cycle": "first",
            "prerequisites": "A teaching qualification, or current employment as a teacher.",
            "supervision": "supervised_online",
            "integration": "stackable",
            "stackable_towards": "Postgraduate certificate in Digital Education",
            "isced_f_field": "011",
            "further_information": "Offered in the EURIDICE alliance's catalogue of micro-credentials.",
            "external_accreditation": "",
        },
        "outcomes": [
            ("Explain how machine-learning systems are trained and where they fail.",
             "Explicar cómo se entrenan los sistemas de aprendizaje automático y dónde fallan."),
            ("Design a lesson that uses a generative AI tool responsibly.",
             "Diseñar una clase que use una herramienta de IA generativa de forma responsable."),
            ("Assess pupils' work when AI tools were allowed.",
             "Evaluar el trabajo del alumnado cuando se permitieron herramientas de IA."),
        ],
        "awarding": AwardingMode.JOINT,
    },
    "digital-health": {
        "fields": {
            "primary_language": "en",
            "title_translations": {"it": "Alfabetizzazione sui dati sanitari digitali"},
            "summary_translations": {
                "it": "Lavorare in modo responsabile con i dati sanitari: standard, privacy e supporto alle "
                "decisioni cliniche."
            },
            "notional_hours": 100,
            "qf_ehea_cycle": "second",
            "prerequisites": "A bachelor's degree in a health or data discipline.",
            "supervision": "supervised_on_site",
            "integration": "stand_alone",
            "isced_f_field": "091",
            "external_accreditation": "",
        },
        "outcomes": [
            ("Apply HL7 FHIR resources to exchange clinical data.",
             "Applicare le risorse HL7 FHIR per lo scambio di dati clinici."),
            ("Assess a data flow against the GDPR's rules for health data.",
             "Valutare un flusso di dati rispetto alle regole del GDPR sui dati sanitari."),
        ],
        "awarding": AwardingMode.LEAD,
        "procedure": True,
    },
    "green-energy": {
        "fields": {"primary_language": "en", "notional_hours": 140},
        "outcomes": [
            ("Size a solar and storage system for a municipal building.", None),
            ("Compare financing models for community energy projects.", None),
        ],
        "awarding": AwardingMode.JOINT,
        "consenting": ["TUN"],  # only these institutions have given their position so far
    },
}  # fmt: skip


def _leader(course: Course):
    return Membership.objects.select_related("user").get(course=course, role=Role.LEADER).user


def _speaker(course: Course, institution: Institution):
    if institution.pk == course.lead_institution_id:
        return _leader(course)
    membership = Membership.objects.filter(course=course, institution=institution, role=Role.PARTNER).first()
    return membership.user if membership else None


def _seed_course(course: Course, spec: dict) -> None:
    leader = _leader(course)
    services.profile_update(actor=leader, course=course, **spec["fields"])
    other = next((code for code in course.languages if code != "en"), None)
    for text, translation in spec["outcomes"]:
        translations = {other: translation} if other and translation else {}
        services.outcome_add(actor=leader, course=course, text=text, translations=translations)
    if spec["awarding"]:
        profile = services.awarding_propose(actor=leader, course=course, mode=spec["awarding"])
        for institution in Institution.objects.filter(partnerships__course=course).order_by("name"):
            if "consenting" in spec and institution.short_name not in spec["consenting"]:
                continue
            speaker = _speaker(course, institution)
            if speaker is not None:
                decision_services.consent_record(
                    actor=speaker,
                    decision=cast(Decision, profile.awarding_decision),  # just proposed
                    institution=institution,
                    position="consent",
                )
    if spec.get("procedure") and not EvaluationProcedure.objects.filter(course=course).exists():
        evaluation_services.procedure_save(
            actor=leader,
            course=course,
            instruments="Learner survey and a focus group with the partners' teachers after every edition.",
            frequency="every_edition",
            responsibilities="The lead's QA office collects and analyses; the team acts on it at its next meeting.",
        )


def seed(*, courses: dict[str, Course], today: date) -> None:
    for key, spec in PROFILES.items():
        course = courses.get(key)
        if course is None or CredentialProfile.objects.filter(course=course, outcomes__isnull=False).exists():
            continue
        _seed_course(course, spec)
