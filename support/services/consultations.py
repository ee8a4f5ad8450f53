"""Consultations: planning, requesting (which e-mails the service contact), recording the meeting, closing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from support.models import Consultation, ServiceKind
from support.ordering import order_refusal
from support.services.common import DATE_IN_FUTURE, attribute, require_course_institution
from teams.models import Course, Institution

if TYPE_CHECKING:
    from accounts.models import User

Status = Consultation.Status

DUE_REQUIRED = _("Give the date by which the service should meet the team.")
DUE_BEFORE_REQUEST = _("The due date cannot be before the request date (%(requested_on)s).")
HELD_REQUIRED = _("Give the date the consultation was held.")
HELD_BEFORE_REQUEST = _("The consultation cannot be held before it was requested (%(requested_on)s).")
HELD_NEEDS_STATUS = _("A meeting date goes with the status “held” or “closed”; change the status or clear the date.")
UNKNOWN_KIND = _("Choose one of the six support services.")
CHANGED_CONCURRENTLY = _("Someone else just recorded this consultation; reload the page and try again.")


@transaction.atomic
def consultation_save(
    *,
    actor: User,
    course: Course,
    institution: Institution,
    kind: str,
    status: str,
    due_by: date | None = None,
    held_on: date | None = None,
    outcome: str = "",
    follow_up_actions: str = "",
    today: date | None = None,
    notify: bool = True,
) -> Consultation:
    """Create or update the consultation of one institution's service for ``course``.

    Moving to "requested" records who asked and when, and e-mails the service contact the course's essentials
    once the transaction commits (``notify=False`` records a past request without e-mailing, e.g. demo data).
    Engaging a partner's service before the lead's first two is refused
    (support.ordering). Going back to "planned" forgets the request, so a new request e-mails again.
    """
    today = today or timezone.localdate()
    require_course_institution(course=course, institution=institution)
    if kind not in ServiceKind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    consultation = (
        Consultation.objects.select_for_update().filter(course=course, institution=institution, kind=kind).first()
    ) or Consultation(course=course, institution=institution, kind=kind)
    was_status = consultation.status if consultation.pk else None
    entering_request = status == Status.REQUESTED and was_status != Status.REQUESTED
    engaging = status in Consultation.ENGAGED_STATUSES and was_status not in Consultation.ENGAGED_STATUSES

    if engaging:
        engaged = set(
            Consultation.objects.engaged().filter(course=course).values_list("institution_id", "kind").distinct()
        )
        refusal = order_refusal(
            lead_id=course.lead_institution_id,
            lead_name=str(course.lead_institution),
            institution_id=institution.pk,
            engaged=engaged,
        )
        if refusal:
            raise ValidationError({"status": refusal})

    if status == Status.PLANNED:
        requested_by, requested_on = None, None
    elif entering_request:
        requested_by, requested_on = actor, today
    elif engaging:  # recorded as held or closed without a request through the product
        requested_by, requested_on = actor, min(held_on or today, today)
    else:
        requested_by, requested_on = consultation.requested_by, consultation.requested_on

    errors: dict[str, Any] = {}
    if status == Status.REQUESTED and due_by is None:
        errors["due_by"] = DUE_REQUIRED
    elif due_by and requested_on and due_by < requested_on:
        errors["due_by"] = DUE_BEFORE_REQUEST % {"requested_on": date_format(requested_on, "d M Y")}
    if status == Status.HELD and held_on is None:
        errors["held_on"] = HELD_REQUIRED
    elif held_on and status in Consultation.OPEN_STATUSES:
        errors["held_on"] = HELD_NEEDS_STATUS
    elif held_on and held_on > today:
        errors["held_on"] = DATE_IN_FUTURE
    elif held_on and requested_on and held_on < requested_on:
        errors["held_on"] = HELD_BEFORE_REQUEST % {"requested_on": date_format(requested_on, "d M Y")}
    if errors:
        raise ValidationError(errors)

    consultation.status = status
    consultation.requested_by = requested_by
    consultation.requested_on = requested_on
    consultation.due_by = due_by
    consultation.held_on = held_on
    consultation.outcome = outcome
    consultation.follow_up_actions = follow_up_actions
    if status == Status.PLANNED or entering_request:
        consultation.request_sent_at = None
    consultation.full_clean(exclude=["course", "institution", "requested_by"], validate_unique=False)
    attribute(consultation, actor)
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError as exc:  # a concurrent first save of the same consultation
        raise ValidationError(CHANGED_CONCURRENTLY) from exc
    if entering_request and notify:
        from core import outbox

        outbox.enqueue("support.consultation_request", {"consultation_id": consultation.pk})
    return consultation
