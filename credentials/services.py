"""Writes to the micro-credential profile: the leader's fields, the learning outcomes, the awarding proposal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.history import attribute
from credentials.models import (
    CYCLE_EQF_LEVEL,
    OUTCOME_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    AwardingMode,
    CredentialProfile,
    Integration,
    LearningOutcome,
)
from credentials.selectors import HOURS_PER_CREDIT_MAX, HOURS_PER_CREDIT_MIN, workload_fits
from teams.models import Course

ESCO_PREFIX = "http://data.europa.eu/esco/"
ESCO_KINDS = ("skill/", "isco/", "occupation/")
OUTCOMES_MAX = 40

PROFILE_FIELDS = (
    "primary_language",
    "title_translations",
    "summary_translations",
    "notional_hours",
    "qf_ehea_cycle",
    "participation_timing",
    "external_accreditation",
    "prerequisites",
    "supervision",
    "integration",
    "stackable_towards",
    "further_information",
    "isced_f_field",
)


def profile_get_or_create(*, course: Course) -> CredentialProfile:
    profile, _created = CredentialProfile.objects.get_or_create(course=course)
    return profile


def _clean_translations(
    *, course: Course, primary: str, values: dict[str, str], limit: int, field: str
) -> dict[str, str]:
    """Only the course's other languages of instruction; blank entries dropped."""
    cleaned: dict[str, str] = {}
    for code, text in (values or {}).items():
        text = (text or "").strip()
        if not text:
            continue
        if code not in course.languages or code == primary:
            raise ValidationError({field: _("Translations are given only in the course's other languages.")})
        if len(text) > limit:
            raise ValidationError({field: _("Keep each translation under %(n)d characters.") % {"n": limit}})
        cleaned[code] = text
    return cleaned


@transaction.atomic
def profile_update(*, actor: User, course: Course, **data: Any) -> CredentialProfile:
    """Save the leader's fields of the profile, checking the rules of the Recommendation they relate to.

    Workload: 25 to 30 hours per ECTS credit (ECTS Users' Guide). Level: a QF-EHEA cycle matches its EQF level.
    """
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    profile = CredentialProfile.objects.select_for_update().filter(course=course).first()
    profile = profile or CredentialProfile(course=course)
    for name, value in data.items():
        setattr(profile, name, value)
    primary = profile.primary_language
    profile.title_translations = _clean_translations(
        course=course, primary=primary, values=profile.title_translations, limit=TITLE_MAX, field="title_translations"
    )
    profile.summary_translations = _clean_translations(
        course=course,
        primary=primary,
        values=profile.summary_translations,
        limit=SUMMARY_MAX,
        field="summary_translations",
    )
    errors: dict[str, str] = {}
    hours = profile.notional_hours
    if hours is not None:
        low, high = course.ects_credits * HOURS_PER_CREDIT_MIN, course.ects_credits * HOURS_PER_CREDIT_MAX
        if not workload_fits(credits=course.ects_credits, hours=hours):
            errors["notional_hours"] = _(
                "%(credits)s ECTS credits mean %(low)s to %(high)s hours of notional workload (25 to 30 per credit)."
            ) % {"credits": _num(course.ects_credits), "low": _num(low), "high": _num(high)}
    expected = CYCLE_EQF_LEVEL.get(profile.qf_ehea_cycle)
    if expected is not None and expected != course.eqf_level:
        errors["qf_ehea_cycle"] = _(
            "This cycle corresponds to EQF level %(cycle)s; the course is at level %(level)s."
        ) % {
            "cycle": expected,
            "level": course.eqf_level,
        }
    if profile.integration != Integration.STACKABLE:
        profile.stackable_towards = ""
    elif not profile.stackable_towards.strip():
        errors["stackable_towards"] = _("Name the credential it is stackable towards.")
    if errors:
        raise ValidationError(errors)
    profile.full_clean()
    attribute(profile, actor)
    profile.save()
    return profile


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _clean_outcome(
    *, course: Course, primary: str, text: str, translations: dict[str, str], esco_uri: str
) -> tuple[str, dict[str, str], str]:
    text, esco_uri = (text or "").strip(), (esco_uri or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the learning outcome.")})
    if len(text) > OUTCOME_MAX:
        raise ValidationError({"text": _("Keep a learning outcome under %(n)d characters.") % {"n": OUTCOME_MAX}})
    if esco_uri and not (esco_uri.startswith(ESCO_PREFIX) and esco_uri[len(ESCO_PREFIX) :].startswith(ESCO_KINDS)):
        raise ValidationError(
            {"esco_uri": _("Give an ESCO address, e.g. http://data.europa.eu/esco/skill/… (copy it from ESCO).")}
        )
    translations = _clean_translations(
        course=course, primary=primary, values=translations, limit=OUTCOME_MAX, field="translations"
    )
    return text, translations, esco_uri


@transaction.atomic
def outcome_add(
    *, actor: User, course: Course, text: str, translations: dict[str, str] | None = None, esco_uri: str = ""
) -> LearningOutcome:
    """Add a learning outcome at the end of the list."""
    profile = profile_get_or_create(course=course)
    profile = CredentialProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.outcomes.count() >= OUTCOMES_MAX:
        raise ValidationError(
            _("A micro-credential lists at most %(n)d learning outcomes; merge some.") % {"n": OUTCOMES_MAX}
        )
    text, translations, esco_uri = _clean_outcome(
        course=course, primary=profile.primary_language, text=text, translations=translations or {}, esco_uri=esco_uri
    )
    last = profile.outcomes.aggregate(last=Max("position"))["last"] or 0
    outcome = LearningOutcome(
        profile=profile, position=last + 1, text=text, translations=translations, esco_uri=esco_uri
    )
    outcome.full_clean()
    attribute(outcome, actor)
    outcome.save()
    return outcome


@transaction.atomic
def outcome_update(
    *, actor: User, outcome: LearningOutcome, text: str, translations: dict[str, str] | None = None, esco_uri: str = ""
) -> LearningOutcome:
    profile = outcome.profile
    text, translations, esco_uri = _clean_outcome(
        course=profile.course,
        primary=profile.primary_language,
        text=text,
        translations=translations or {},
        esco_uri=esco_uri,
    )
    outcome.text, outcome.translations, outcome.esco_uri = text, translations, esco_uri
    outcome.full_clean()
    attribute(outcome, actor)
    outcome.save()
    return outcome


@transaction.atomic
def outcome_delete(*, actor: User, outcome: LearningOutcome) -> None:
    attribute(outcome, actor)
    outcome.delete()


@transaction.atomic
def outcome_move(*, actor: User, outcome: LearningOutcome, up: bool) -> LearningOutcome:
    """Swap the outcome with its neighbour above (``up``) or below; at either end nothing changes."""
    siblings = LearningOutcome.objects.select_for_update().filter(profile_id=outcome.profile_id)
    neighbour = (
        siblings.filter(position__lt=outcome.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=outcome.position).order_by("position").first()
    )
    if neighbour is None:
        return outcome
    mine, theirs = outcome.position, neighbour.position
    # Positions are unique: park one at 0 while the other takes its place.
    for row, position in ((outcome, 0), (neighbour, mine), (outcome, theirs)):
        row.position = position
        attribute(row, actor)
        row.save(update_fields=["position", "updated_at"])
    return outcome


AWARDING_OPEN = gettext_lazy(
    "A proposal on the awarding bodies waits for the team's consent; revise it on its decision page."
)
AWARDING_SAME = gettext_lazy("The team has already agreed on this; nothing to propose.")


@transaction.atomic
def awarding_propose(*, actor: User, course: Course, mode: str) -> CredentialProfile:
    """Put the awarding bodies to the team as a decision by consent (quality.services.decisions).

    The element counts as complete once every institution has consented.
    """
    from quality.services.decisions import decision_propose

    if mode not in AwardingMode.values:
        raise ValidationError({"mode": _("Choose who awards the micro-credential.")})
    profile = profile_get_or_create(course=course)
    profile = (
        CredentialProfile.objects.select_for_update(of=("self",)).select_related("awarding_decision").get(pk=profile.pk)
    )
    current = profile.awarding_decision
    if current is not None and current.is_open:
        raise ValidationError(AWARDING_OPEN)
    if current is not None and profile.awarding_mode == mode:
        raise ValidationError(AWARDING_SAME)
    if mode == AwardingMode.LEAD:
        title = _("Awarding body: %(lead)s alone") % {"lead": course.lead_institution.name}
        text = _(
            "The micro-credential “%(course)s” is awarded by the lead institution, %(lead)s, on behalf of the "
            "partnership."
        ) % {"course": course.title, "lead": course.lead_institution.name}
    else:
        title = _("Awarding bodies: a joint award of all partner institutions")
        text = _(
            "The micro-credential “%(course)s” is awarded jointly by every institution of the course; each is "
            "named as an awarding body."
        ) % {"course": course.title}
    decision = decision_propose(actor=actor, course=course, title=title, text=text)
    profile.awarding_mode, profile.awarding_decision = mode, decision
    attribute(profile, actor)
    profile.save()
    return profile
