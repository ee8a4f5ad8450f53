"""Elements of the micro-credential derived from what the team records elsewhere, never typed twice.

- countries of the issuer: from the awarding institutions;
- awarding bodies: the lead alone or every partner, as the team's consent decision says;
- type of assessment and grading scheme: from the binding examination rules (quality);
- synchronous or asynchronous: from the delivery platform's formats (support), where recorded;
- type of quality assurance: the lead institution's evaluation procedure (quality) and any external accreditation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from credentials.models import AwardingMode, CredentialProfile, Timing
from teams.models import Institution, Partnership

if TYPE_CHECKING:
    from django_countries.fields import Country


def awarding_institutions(*, profile: CredentialProfile, partnerships: list[Partnership]) -> list[Institution]:
    """The institutions that award the micro-credential, lead first; none until the team has agreed."""
    decision = profile.awarding_decision
    if not profile.awarding_mode or decision is None or decision.is_open:
        return []
    ordered = sorted(partnerships, key=lambda p: (not p.is_lead, p.institution.name))
    if profile.awarding_mode == AwardingMode.LEAD:
        ordered = [p for p in ordered if p.is_lead]
    return [p.institution for p in ordered]


def countries(institutions: list[Institution]) -> list[Any]:
    """Each country once, in the order of the institutions."""
    seen: dict[str, Any] = {}
    for institution in institutions:
        country = cast("Country", institution.country)  # CountryField gives a Country
        seen.setdefault(country.code, country)
    return list(seen.values())


def binding_rules(*, course) -> tuple[Any, list[Any]]:
    """The binding examination rules with their assessment methods and awards (two queries), or (None, [])."""
    from quality.models import AssessmentMethod, ExaminationRules

    rules = (
        ExaminationRules.objects.filter(course=course, status=ExaminationRules.Status.BINDING)
        .prefetch_related(
            Prefetch("assessment_methods", queryset=AssessmentMethod.objects.order_by("-weight_percent", "name"))
        )
        .first()
    )
    return (rules, list(rules.assessment_methods.all())) if rules else (None, [])


def assessment_text(methods: list[Any]) -> str:
    return "; ".join(f"{m.name} ({m.weight_percent}%)" for m in methods)


def grading_text(rules: Any) -> str:
    """The grading scheme, in words, from the binding examination rules."""
    if rules is None:
        return ""
    system = rules.GradingSystem
    if rules.grading_system == system.NUMERIC and rules.scale_min is not None and rules.scale_max is not None:
        text = _("Numeric scale from %(low)s to %(high)s") % {
            "low": _num(rules.scale_min),
            "high": _num(rules.scale_max),
        }
        if rules.pass_mark is not None:
            text += ", " + _("pass mark %(mark)s") % {"mark": _num(rules.pass_mark)}
        return text
    if rules.grading_system == system.LETTER and rules.letters:
        text = _("Letter grades %(letters)s") % {"letters": ", ".join(rules.letters)}
        if rules.lowest_pass_letter:
            text += ", " + _("lowest pass %(letter)s") % {"letter": rules.lowest_pass_letter.upper()}
        return text
    return str(rules.get_grading_system_display())


def _num(value) -> str:
    return f"{value.normalize():f}"


def timing(*, platform: Any, profile: CredentialProfile) -> tuple[str, bool]:
    """Synchronous, asynchronous or both: from the platform's formats if it records either, else the profile's."""
    formats = set(platform.formats or []) if platform is not None else set()
    sync, asyn = "synchronous" in formats, "asynchronous" in formats
    if sync and asyn:
        return Timing.BOTH, True
    if sync or asyn:
        return (Timing.SYNCHRONOUS if sync else Timing.ASYNCHRONOUS), True
    return profile.participation_timing, False


def timing_label(value: str) -> str:
    return str(dict(Timing.choices).get(value, value)).lower()


def quality_assurance_text(*, course, procedure: Any, external: str) -> str:
    """The type of quality assurance, in a sentence or two."""
    if procedure is None:
        return external
    text = _(
        "Internal quality assurance of %(lead)s: continuous evaluation (%(frequency)s) with the evaluation data of "
        "every partner institution."
    ) % {"lead": course.lead_institution.name, "frequency": procedure.get_frequency_display()}
    if external:
        text += " " + _("External: %(external)s") % {"external": external}
    return text
