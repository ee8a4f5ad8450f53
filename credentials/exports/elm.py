"""The course as an ELM (European Learning Model, v3) learning achievement specification, in JSON-LD for Europass.

Controlled vocabularies are referenced by the EU's URIs: EQF levels (``http://data.europa.eu/snb/eqf/N``), the ECTS
credit framework, the modes of learning and assessment, the EU's language and country authority tables, and
ISCED-F fields. Language maps carry the title, description and learning outcomes in every language given; what
the team wrote in one language (assessment methods, prerequisites) is tagged with the profile's main language, and
what the app words itself (grading scheme, form of participation, quality assurance) with the language it is
worded in.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.utils.translation import get_language

from credentials.exports.common import complete_state, export_url, institution_identifiers, stable_urn
from credentials.selectors import ProfileState
from teams.models import Course

CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
EQF = "http://data.europa.eu/snb/eqf/"
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
MODES = {  # Europass standard list of modes of learning and assessment
    "online": "http://data.europa.eu/snb/learning-assessment/920fbb3cbe",
    "blended": "http://data.europa.eu/snb/learning-assessment/e92d221e4d",
    "on_campus": "http://data.europa.eu/snb/learning-assessment/9191af2ed9",
}
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
ISCED_F = "http://data.europa.eu/snb/isced-f/"
ESCO_SKILLS = "http://data.europa.eu/esco/concept-scheme/skills"
# ISO 639-1 to the EU's language authority table (ISO 639-3 based).
LANGUAGE_CODES = {
    "bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG", "es": "SPA", "et": "EST",
    "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV", "hu": "HUN", "it": "ITA", "lt": "LIT", "lv": "LAV",
    "mt": "MLT", "nl": "NLD", "pl": "POL", "pt": "POR", "ro": "RON", "sk": "SLK", "sl": "SLV", "sv": "SWE",
}  # fmt: skip


def concept(uri: str, scheme: str, label: dict[str, str] | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"id": uri, "type": "Concept", "inScheme": {"id": scheme, "type": "ConceptScheme"}}
    if label:
        node["prefLabel"] = label
    return node


def iso_duration(hours: int) -> str:
    """ISO 8601 duration of the notional workload, e.g. ``PT150H``."""
    return f"PT{hours}H"


def note(text_map: dict[str, str], urn: str) -> dict[str, Any]:
    return {"id": urn, "type": "Note", "noteLiteral": text_map}


def organisation(institution, *, lang: str) -> dict[str, Any]:
    country = institution.country
    node: dict[str, Any] = {
        "id": stable_urn("institution", institution.pk),
        "type": "Organisation",
        "legalName": {lang: institution.name},
        "altLabel": {lang: institution.short_name},
        "location": [
            {
                "id": stable_urn("institution-location", institution.pk),
                "type": "Location",
                "address": [
                    {
                        "id": stable_urn("institution-address", institution.pk),
                        "type": "Address",
                        "countryCode": concept(COUNTRY + country.alpha3, COUNTRY[:-1], {"en": str(country.name)}),
                    }
                ],
            }
        ],
    }
    identifiers = institution_identifiers(institution)
    if identifiers:
        node["identifier"] = [
            {
                "id": stable_urn("institution-identifier", institution.pk, scheme),
                "type": "Identifier",
                "notation": value,
                "schemeName": scheme,
            }
            for scheme, value in identifiers
        ]
    return node


def build(course: Course) -> dict[str, Any]:
    """The ELM v3 JSON-LD of ``course``; ``ProfileIncomplete`` (listing what is missing) if it is not complete."""
    state = complete_state(course)
    return document(state)


def worded_in() -> str:
    """The language the app words its own texts in now (e.g. "en" for "en-gb")."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def document(state: ProfileState) -> dict[str, Any]:
    course, profile = state.course, state.profile
    lang, ours = profile.primary_language, worded_in()
    outcomes = []
    for outcome in state.outcomes:
        node: dict[str, Any] = {
            "id": stable_urn("learning-outcome", outcome.pk),
            "type": "LearningOutcome",
            "title": {lang: outcome.text, **(outcome.translations or {})},
        }
        if outcome.esco_uri:
            node["relatedESCOSkill"] = [concept(outcome.esco_uri, ESCO_SKILLS)]
        outcomes.append(node)
    awarding = [organisation(i, lang=lang) for i in state.awarding_institutions]
    spec: dict[str, Any] = {
        "@context": CONTEXT,
        "id": export_url(course, "elm"),
        "type": "LearningAchievementSpecification",
        "title": state.title_map,
        "learningOutcome": outcomes,
        "eqfLevel": concept(f"{EQF}{course.eqf_level}", f"{EQF}25831c2", {"en": f"Level {course.eqf_level}"}),
        "creditPoint": [
            {
                "id": stable_urn("credit-point", course.pk),
                "type": "CreditPoint",
                "framework": concept(ECTS, "http://data.europa.eu/snb/education-credit/25831c2", {"en": "ECTS"}),
                "point": f"{course.ects_credits.normalize():f}",
            }
        ],
        "volumeOfLearning": iso_duration(cast(int, profile.notional_hours)),  # complete: set
        "mode": [concept(MODES[course.delivery_mode], "http://data.europa.eu/snb/learning-assessment/25831c2")],
        "language": [
            concept(LANGUAGE + LANGUAGE_CODES[code], LANGUAGE[:-1]) for code in state.languages if code in LANGUAGE_CODES
        ],
        "awardingOpportunity": [
            {
                "id": stable_urn("awarding-opportunity", course.pk),
                "type": "AwardingOpportunity",
                "awardingBody": awarding,
                "location": [
                    {"id": stable_urn("issuer-country", course.pk, c.code), "type": "Location",
                     "spatialCode": [concept(COUNTRY + c.alpha3, COUNTRY[:-1], {"en": str(c.name)})]}
                    for c in state.countries
                ],
            }
        ],
        "provenBy": [
            {
                "id": stable_urn("assessment", course.pk),
                "type": "LearningAssessmentSpecification",
                "title": {lang: "; ".join(m.name for m in state.assessment_methods)},
                "gradingScheme": {
                    "id": stable_urn("grading-scheme", course.pk),
                    "type": "GradingScheme",
                    "title": {ours: _grading(state)},
                },
            }
        ],
        "additionalNote": [
            note({ours: _participation(state)}, stable_urn("note-participation", course.pk)),
            note({ours: _quality(state)}, stable_urn("note-quality", course.pk)),
        ],
    }  # fmt: skip
    if state.summary_map:
        spec["description"] = state.summary_map
    if profile.isced_f_field:
        spec["ISCEDFCode"] = [concept(ISCED_F + profile.isced_f_field, ISCED_F + "25831c2")]
    if profile.prerequisites:
        spec["entryRequirement"] = note({lang: profile.prerequisites}, stable_urn("note-entry", course.pk))
    groups = _alliances(state, awarding)
    if groups:
        spec["@included"] = groups
    return spec


def _grading(state: ProfileState) -> str:
    from credentials.derive import grading_text

    return grading_text(state.rules)


def _participation(state: ProfileState) -> str:
    element = next(e for e in state.elements if e.key == "participation")
    return str(element.value)


def _quality(state: ProfileState) -> str:
    element = next(e for e in state.elements if e.key == "quality_assurance")
    return str(element.value)


def _alliances(state: ProfileState, awarding: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The networks (e.g. a European Universities alliance) the awarding institutions belong to, as ELM groups
    listing those of them that are members (one query)."""
    ids = {i.pk: node["id"] for i, node in zip(state.awarding_institutions, awarding, strict=True)}
    if not ids:
        return []
    from teams.models import Institution

    groups: dict[int, dict[str, Any]] = {}
    lang = state.profile.primary_language
    through = Institution.networks.through.objects.filter(institution_id__in=ids).select_related("network")
    for row in through.order_by("network__name", "institution_id"):
        group = groups.setdefault(
            row.network_id,
            {
                "id": stable_urn("network", row.network_id),
                "type": "Group",
                "prefLabel": {lang: row.network.name},
                "member": [],
            },
        )
        group["member"].append({"id": ids[row.institution_id]})
    return list(groups.values())
