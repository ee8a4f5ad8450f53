"""Decisions by consent: propose, revise (a new version resets positions), record an institution's position."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from quality import events as webhook_events
from quality.models import Consent, Decision
from quality.services import attribute
from teams.models import Course, Institution, Partnership

DECISION_CLOSED = _("This decision is agreed and final; propose a new decision to change it.")
OBJECTION_NEEDS_REASON = _("Say why your institution objects, so the team can revise the proposal.")
INSTITUTION_NOT_IN_COURSE = _("This institution is not part of the course.")
TITLE_REQUIRED = _("Give the decision a title.")
TEXT_REQUIRED = _("Write the proposal the team is asked to consent to.")
NOTHING_CHANGED = _("The revision is identical to the current version; change the title or the proposal.")


def _clean_text(*, title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    errors = {}
    if not title:
        errors["title"] = TITLE_REQUIRED
    if not text:
        errors["text"] = TEXT_REQUIRED
    if errors:
        raise ValidationError(errors)
    return title, text


@transaction.atomic
def decision_propose(*, actor: User, course: Course, title: str, text: str) -> Decision:
    """Put a proposal to the team; it stays open until every institution of the course consents."""
    title, text = _clean_text(title=title, text=text)
    decision = Decision(course=course, title=title, text=text, proposer=actor, version_proposed_at=timezone.now())
    decision.full_clean()
    attribute(decision, actor)
    decision.save()
    return decision


@transaction.atomic
def decision_revise(*, actor: User, decision: Decision, title: str, text: str) -> Decision:
    """Revise an open proposal: a new version, on which every institution states its position afresh."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.is_open:
        raise ValidationError(DECISION_CLOSED)
    title, text = _clean_text(title=title, text=text)
    if title == decision.title and text == decision.text:
        raise ValidationError({"text": NOTHING_CHANGED})
    decision.title, decision.text = title, text
    decision.version += 1
    decision.version_proposed_at = timezone.now()
    decision.full_clean()
    attribute(decision, actor)
    decision.save()
    return decision


@transaction.atomic
def consent_record(
    *, actor: User, decision: Decision, institution: Institution, position: str, reason: str = ""
) -> Consent:
    """Record (or change) an institution's position on the current version, then settle the decision.

    The caller has checked that ``actor`` speaks for ``institution`` (quality.permissions).
    """
    decision = Decision.objects.select_for_update().select_related("course").get(pk=decision.pk)
    if not decision.is_open:
        raise ValidationError(DECISION_CLOSED)
    if not Partnership.objects.filter(course_id=decision.course_id, institution=institution).exists():
        raise ValidationError(INSTITUTION_NOT_IN_COURSE)
    reason = (reason or "").strip()
    if position == Consent.Position.OBJECTION and not reason:
        raise ValidationError({"reason": OBJECTION_NEEDS_REASON})
    consent = Consent.objects.filter(decision=decision, version=decision.version, institution=institution).first()
    consent = consent or Consent(decision=decision, version=decision.version, institution=institution)
    consent.position, consent.reason, consent.recorded_by = position, reason, actor
    consent.full_clean(validate_constraints=False)
    attribute(consent, actor)
    consent.save()
    _settle(decision=decision, actor=actor)
    return consent


def _settle(*, decision: Decision, actor: User) -> None:
    """Agree the decision when every institution of the course has consented to its current version."""
    institutions = set(
        Partnership.objects.filter(course_id=decision.course_id).values_list("institution_id", flat=True)
    )
    consenting = set(
        Consent.objects.filter(
            decision=decision, version=decision.version, position=Consent.Position.CONSENT
        ).values_list("institution_id", flat=True)
    )
    if not institutions or not institutions <= consenting:
        return
    decision.status = Decision.Status.AGREED
    decision.agreed_at = timezone.now()
    attribute(decision, actor)
    decision.save()
    from quality.services.examination import rules_on_decision_agreed  # the rules follow their decision

    rules_on_decision_agreed(decision=decision, actor=actor)
    webhook_events.decision_agreed(decision=decision)
