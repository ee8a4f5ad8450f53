"""What every export shares: the refusal of an incomplete profile, stable identifiers, the award conditions."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.i18n import prose_list
from credentials.selectors import Element, ProfileState, profile_state
from teams.models import Course


class ProfileIncomplete(Exception):
    """The profile lacks mandatory elements: no export is made, and this says which are missing."""

    def __init__(self, missing: list[Element]) -> None:
        self.missing = missing
        super().__init__("; ".join(f"{e.label}: {e.missing}" for e in missing))


def complete_state(course: Course) -> ProfileState:
    """The profile of ``course``, or ProfileIncomplete listing what is missing (nothing half-filled is built)."""
    state = profile_state(course=course)
    if not state.is_complete:
        raise ProfileIncomplete(state.missing)
    return state


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def export_url(course: Course, name: str) -> str:
    """The stable address of one of the course's exports."""
    return absolute(reverse(f"credentials:{name}", args=[course.slug]))


def stable_urn(kind: str, *parts: Any) -> str:
    """A URN that stays the same for the same record on this installation (UUID 5 over the site and the ids)."""
    name = "/".join([settings.SITE_URL, kind, *map(str, parts)])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def award_conditions(state: ProfileState) -> list[str]:
    """Each award of the binding examination rules, with its conditions, in words (one query)."""
    if state.rules is None:
        return []
    lines = []
    for award in state.rules.awards.prefetch_related("required_assessments"):
        parts = [str(award.get_kind_display())]
        required = [m.name for m in award.required_assessments.all()]
        if required:
            parts.append(_("pass %(assessments)s") % {"assessments": prose_list(required)})
        else:
            parts.append(_("pass the assessment"))
        if award.minimum_grade:
            parts.append(_("with at least %(grade)s") % {"grade": award.minimum_grade})
        if award.minimum_attendance_percent:
            parts.append(_("attend at least %(n)s%%") % {"n": award.minimum_attendance_percent})
        if award.ects_credits:
            parts.append(_("%(credits)s ECTS credits") % {"credits": f"{award.ects_credits.normalize():f}"})
        lines.append(": ".join([parts[0], ", ".join(parts[1:])]))
    return lines


def institution_identifiers(institution: Any) -> list[tuple[str, str]]:
    """The identifiers European systems know the institution by: SCHAC home organisation, Erasmus code, PIC, ROR.

    Those the institution records (teams.identifiers validates them); one without any is named by its URN only.
    """
    pairs = (
        ("SCHAC", institution.schac_home_organisation),
        ("Erasmus", institution.erasmus_code),
        ("PIC", institution.pic),
        ("ROR", institution.ror_id),
    )
    return [(scheme, value) for scheme, value in pairs if value]
