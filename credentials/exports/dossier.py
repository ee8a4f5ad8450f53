"""A PDF dossier for the approval boards of the partner institutions, made with WeasyPrint.

It holds the micro-credential profile, the team and partnerships, the phase plan, the support consultations and
approval steps at each institution, the binding examination rules and the QA procedure. The PDF is tagged
(headings and structure for screen readers), numbers its pages, declares the course's primary language and marks
each translation with its own. Fonts: DejaVu from the Debian package fonts-dejavu-core.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from credentials.derive import grading_text
from credentials.exports.common import award_conditions, complete_state
from credentials.selectors import ProfileState
from teams.models import LANGUAGE_NAMES, Course, Institution

# The identifiers an approval board checks an awarding body by, with the labels the dossier shows them under.
IDENTIFIER_LABELS = (
    ("schac_home_organisation", _("SCHAC home organisation")),
    ("erasmus_code", _("Erasmus code")),
    ("pic", _("PIC")),
    ("ror_id", _("ROR id")),
)


def awarding_bodies(institutions: list[Institution]) -> list[dict[str, Any]]:
    """Each awarding institution with its country and the identifiers it records (those it lacks are left out)."""
    return [
        {
            "institution": institution,
            "identifiers": [
                (label, getattr(institution, field))
                for field, label in IDENTIFIER_LABELS
                if getattr(institution, field)
            ],
        }
        for institution in institutions
    ]


def context(state: ProfileState) -> dict[str, Any]:
    """Everything the dossier shows, read in a fixed number of queries."""
    from phases.selectors import course_phases
    from support.models import ApprovalStep, Consultation
    from teams.selectors import course_team

    course = state.course
    consultations = list(
        Consultation.objects.filter(course=course).select_related("institution").order_by("institution__name", "kind")
    )
    approvals = list(
        ApprovalStep.objects.filter(course=course).select_related("institution").order_by("institution__name", "step")
    )
    translations = [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "title": state.title_in(code),
            "summary": state.summary_in(code),
        }
        for code in state.languages
        if code != state.profile.primary_language and state.title_in(code)
    ]
    return {
        "state": state,
        "course": course,
        "profile": state.profile,
        "translations": translations,
        "awarding_bodies": awarding_bodies(state.awarding_institutions),
        "team": course_team(course=course),
        "phases": course_phases(course=course),
        "consultations": consultations,
        "approvals": approvals,
        "grading": grading_text(state.rules),
        "awards": award_conditions(state),
        "today": timezone.localdate(),
    }


def html(course: Course) -> str:
    state = complete_state(course)
    with translation.override(state.profile.primary_language):
        return render_to_string("credentials/dossier.html", context(state))


def render(course: Course) -> bytes:
    """The dossier of ``course`` as PDF bytes; ``ProfileIncomplete`` if its profile is not complete."""
    from weasyprint import HTML

    document = html(course)
    return HTML(string=document).write_pdf(pdf_tags=True, pdf_identifier=course.slug.encode())
