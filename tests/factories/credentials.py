"""A complete micro-credential profile built through the services, as a leader and the team would."""

from __future__ import annotations

from credentials import services
from credentials.models import AwardingMode, CredentialProfile
from quality.services import evaluation as evaluation_services
from support.services import specifics
from teams.models import Course
from tests.factories.quality import consent_all, make_binding_rules
from tests.factories.teams import leader_of

OUTCOMES = [
    ("Size a photovoltaic installation for a building", "Eine Photovoltaikanlage für ein Gebäude auslegen",
     "http://data.europa.eu/esco/skill/a1b2c3d4-0000-4000-8000-000000000001"),
    ("Compare storage options for a local grid", "Speicheroptionen für ein lokales Netz vergleichen", ""),
]  # fmt: skip


def complete_profile(course: Course, *, mode: str = AwardingMode.JOINT) -> CredentialProfile:
    """Every mandatory element of ``course`` filled in, in English and German, the awarding agreed by all."""
    leader = leader_of(course)
    if course.languages != ["en", "de"]:
        Course.objects.filter(pk=course.pk).update(languages=["en", "de"])
        course.languages = ["en", "de"]
    services.profile_update(
        actor=leader,
        course=course,
        primary_language="en",
        title_translations={"de": "Nachhaltige Energiesysteme"},
        summary_translations={"de": "Ein gemeinsamer Kurs."},
        notional_hours=int(course.ects_credits * 28),
        qf_ehea_cycle="first" if course.eqf_level == 6 else "none",
        prerequisites="A bachelor's degree in engineering.",
        supervision="supervised_online",
        integration="stackable",
        stackable_towards="MSc Energy Engineering",
        isced_f_field="071",
        external_accreditation="Accredited by the national agency in 2025.",
    )
    for text, german, esco in OUTCOMES:
        services.outcome_add(actor=leader, course=course, text=text, translations={"de": german}, esco_uri=esco)
    profile = services.awarding_propose(actor=leader, course=course, mode=mode)
    consent_all(profile.awarding_decision)
    make_binding_rules(course)
    specifics.delivery_platform_save(
        actor=leader,
        course=course,
        host_institution=course.lead_institution,
        name="Moodle",
        formats=["synchronous", "asynchronous"],
    )
    evaluation_services.procedure_save(
        actor=leader,
        course=course,
        instruments="Surveys after every edition.",
        frequency="every_edition",
        responsibilities="The QA office collects and analyses.",
    )
    return CredentialProfile.objects.get(course=course)
