"""The course as an Open Badges 3.0 achievement of type MicroCredential: the form a badge platform imports.

Its name and description, and the name of each learning outcome aligned to ESCO, carry every language the profile
gives: one plain string when there is one language, otherwise the language value objects of Verifiable Credentials
2.0 (``{"@value": …, "@language": …}``, the profile's main language first), which JSON-LD expands to
language-tagged strings of schema.org's name, description and targetName; ``inLanguage`` names the main language.

The document uses the published contexts (Verifiable Credentials 2.0 and Open Badges 3.0.3) and is checked with
JSON-LD expansion against the copies shipped with the app (``credentials.exports.jsonld``): every property it
states must be defined by them, and the fields the Open Badges 3.0 specification requires of an Achievement
(id, type, name, description, criteria) must be there.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from credentials.derive import grading_text
from credentials.exports import jsonld
from credentials.exports.common import (
    award_conditions,
    complete_state,
    export_url,
    institution_identifiers,
    stable_urn,
)
from credentials.models import ISCED_F_FIELDS
from credentials.selectors import ProfileState
from teams.models import Course

REQUIRED = ("id", "type", "name", "description", "criteria")
ESCO = "ESCO"


class InvalidAchievement(ValueError):
    pass


def build(course: Course) -> dict[str, Any]:
    """The achievement of ``course``, validated; ``ProfileIncomplete`` if its profile is not complete."""
    state = complete_state(course)
    achievement = document(state)
    validate(achievement)
    return achievement


def document(state: ProfileState) -> dict[str, Any]:
    course, profile = state.course, state.profile
    lead = course.lead_institution
    creator: dict[str, Any] = {"id": stable_urn("institution", lead.pk), "type": ["Profile"], "name": lead.name}
    identifiers = institution_identifiers(lead)
    if identifiers:
        creator["otherIdentifier"] = [
            {"type": ["IdentifierEntry"], "identifier": value, "identifierType": f"ext:{scheme}"}
            for scheme, value in identifiers
        ]
    achievement: dict[str, Any] = {
        "@context": [jsonld.VC_V2, jsonld.OB_V3],
        "id": export_url(course, "badge"),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": language_values(state.title_map),
        "description": language_values(_descriptions(state)),
        "criteria": {"narrative": _criteria(state)},
        "creditsAvailable": float(course.ects_credits),
        "inLanguage": profile.primary_language,
        "creator": creator,
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": language_values(_outcome_names(state, outcome)),
                "targetUrl": outcome.esco_uri,
                "targetFramework": ESCO,
                "targetType": "ceasn:Competency",
            }
            for outcome in state.outcomes
            if outcome.esco_uri
        ],
        "tag": [f"EQF {course.eqf_level}", f"{course.ects_credits.normalize():f} ECTS"],
    }
    if profile.isced_f_field:
        achievement["fieldOfStudy"] = str(dict(ISCED_F_FIELDS)[profile.isced_f_field])
    if not achievement["alignment"]:
        del achievement["alignment"]
    return achievement


def language_values(texts: dict[str, str]) -> str | list[dict[str, str]]:
    """One text as a plain string; several as language value objects, in the map's order (main language first)."""
    if len(texts) == 1:
        return next(iter(texts.values()))
    return [{"@value": text, "@language": language} for language, text in texts.items()]


def _outcome_names(state: ProfileState, outcome: Any) -> dict[str, str]:
    """A learning outcome per language (main first): its text and each translation into a language of the course."""
    names = {state.profile.primary_language: outcome.text}
    translations = outcome.translations or {}
    names.update({code: translations[code] for code in state.languages if translations.get(code) and code not in names})
    return names


def _descriptions(state: ProfileState) -> dict[str, str]:
    """Per language (main first): the summary given in it, or else its learning outcomes when all are in it."""
    primary = state.profile.primary_language
    texts: dict[str, str] = {}
    for language in state.languages:
        summary = state.summary_map.get(language, "")
        outcomes = [o.text if language == primary else (o.translations or {}).get(language, "") for o in state.outcomes]
        if summary or all(outcomes):
            texts[language] = summary or "; ".join(outcomes)
    return texts or {primary: "; ".join(o.text for o in state.outcomes)}


def _criteria(state: ProfileState) -> str:
    """Markdown, as the specification asks of a narrative: the learning outcomes, the assessment, the awards."""
    lines = [_("Learning outcomes:"), *[f"{n}. {o.text}" for n, o in enumerate(state.outcomes, 1)], ""]
    methods = "; ".join(f"{m.name} ({m.weight_percent}%)" for m in state.assessment_methods)
    lines.append(_("Assessment: %(methods)s. Grading: %(grading)s.") % {
        "methods": methods, "grading": grading_text(state.rules)
    })  # fmt: skip
    conditions = award_conditions(state)
    if conditions:
        lines += ["", _("Awarded on these conditions:"), *[f"- {c}" for c in conditions]]
    return "\n".join(lines)


def validate(achievement: dict[str, Any]) -> None:
    """Raise InvalidAchievement unless the document has the required fields and only defined terms."""
    missing = [name for name in REQUIRED if not achievement.get(name)]
    if missing:
        raise InvalidAchievement(f"Missing required fields: {', '.join(missing)}")
    if "Achievement" not in achievement["type"]:
        raise InvalidAchievement("The type must include Achievement.")
    undefined = jsonld.undefined_terms(achievement)
    if undefined:
        raise InvalidAchievement(f"Terms not defined by the Open Badges 3.0 context: {', '.join(undefined)}")
