"""What three services settle: programme approval steps, the delivery platform, and signed agreements."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from support.models import Agreement, AgreementSignature, ApprovalStep, DeliveryFormat, DeliveryPlatform
from support.services.common import DATE_IN_FUTURE, attribute, require_course_institution
from teams.models import Course, Institution, Partnership

if TYPE_CHECKING:
    from accounts.models import User

COMPLETED_REQUIRED = _("Give the date this step was completed.")
COMPLETED_BEFORE_START = _("A step cannot be completed before it started (%(started_on)s).")
NOT_STARTED_WITH_DATES = _("A step that has not started has no dates; clear them or change the status.")
AGREEMENT_DECIDED = ngettext_lazy(
    "%(count)s institution has already signed or declined this agreement: it stays, so that its decision stays "
    "on record.",
    "%(count)s institutions have already signed or declined this agreement: it stays, so that their decision stays "
    "on record.",
    "count",
)
COMPLETED_ONLY_WHEN_DONE = _("A completion date goes with the status “done”.")
UNKNOWN_STEP = _("Choose one of the approval steps.")
UNKNOWN_FORMAT = _("Choose among synchronous online, asynchronous online and group collaboration.")
SIGNED_ON_REQUIRED = _("Give the date the agreement was signed.")
SIGNED_ON_ONLY_WHEN_SIGNED = _("A signature date goes with the status “signed”.")
HOST_NOT_IN_COURSE = _("The platform must belong to one of this course's institutions.")


@transaction.atomic
def approval_step_save(
    *,
    actor: User,
    course: Course,
    institution: Institution,
    step: str,
    status: str,
    started_on: date | None = None,
    completed_on: date | None = None,
    note: str = "",
    today: date | None = None,
) -> ApprovalStep:
    """Record where one institution's approval step stands (faculty, university, programme guide)."""
    today = today or timezone.localdate()
    require_course_institution(course=course, institution=institution)
    if step not in ApprovalStep.Step.values:
        raise ValidationError({"step": UNKNOWN_STEP})
    errors: dict[str, Any] = {}
    if status == ApprovalStep.Status.NOT_STARTED and (started_on or completed_on):
        errors["status"] = NOT_STARTED_WITH_DATES
    if started_on and started_on > today:
        errors["started_on"] = DATE_IN_FUTURE
    if status == ApprovalStep.Status.DONE and completed_on is None:
        errors["completed_on"] = COMPLETED_REQUIRED
    elif completed_on and status != ApprovalStep.Status.DONE:
        errors["completed_on"] = COMPLETED_ONLY_WHEN_DONE
    elif completed_on and completed_on > today:
        errors["completed_on"] = DATE_IN_FUTURE
    elif completed_on and started_on and completed_on < started_on:
        errors["completed_on"] = COMPLETED_BEFORE_START % {"started_on": date_format(started_on, "d M Y")}
    if errors:
        raise ValidationError(errors)
    approval = ApprovalStep.objects.select_for_update().filter(
        course=course, institution=institution, step=step
    ).first() or ApprovalStep(course=course, institution=institution, step=step)
    approval.status, approval.started_on, approval.completed_on, approval.note = status, started_on, completed_on, note
    approval.full_clean(exclude=["course", "institution"], validate_unique=False)
    attribute(approval, actor)
    approval.save()
    return approval


@transaction.atomic
def delivery_platform_save(
    *,
    actor: User,
    course: Course,
    host_institution: Institution,
    name: str,
    url: str = "",
    formats: Iterable[str] = (),
    notes: str = "",
) -> DeliveryPlatform:
    """Record the common delivery platform and the formats it must support (IT services)."""
    formats = list(dict.fromkeys(formats))
    if not set(formats) <= set(DeliveryFormat.values):
        raise ValidationError({"formats": UNKNOWN_FORMAT})
    require_course_institution(course=course, institution=host_institution, field="host_institution")
    platform = DeliveryPlatform.objects.select_for_update().filter(course=course).first() or DeliveryPlatform(
        course=course
    )
    platform.host_institution = host_institution
    platform.name, platform.url, platform.formats, platform.notes = name.strip(), url, formats, notes
    platform.full_clean(exclude=["course"], validate_unique=False)
    attribute(platform, actor)
    platform.save()
    return platform


@transaction.atomic
def agreement_add(*, actor: User, course: Course, kind: str, title: str, notes: str = "") -> Agreement:
    """Add an agreement; every institution of the course gets a signature to record, not signed yet."""
    agreement = Agreement(course=course, kind=kind, title=title.strip(), notes=notes)
    agreement.full_clean(exclude=["course"])
    attribute(agreement, actor)
    agreement.save()
    for institution_id in Partnership.objects.filter(course=course).values_list("institution_id", flat=True):
        signature = AgreementSignature(agreement=agreement, institution_id=institution_id)
        attribute(signature, actor)
        signature.save()  # one by one so that history records each (a handful of institutions)
    return agreement


@transaction.atomic
def agreement_remove(*, actor: User, agreement: Agreement) -> None:
    """Remove an agreement no institution has signed or declined yet (their decisions are kept, never cascaded)."""
    decided = agreement.signatures.exclude(status=AgreementSignature.Status.PENDING).count()
    if decided:
        raise ValidationError(AGREEMENT_DECIDED % {"count": decided})
    attribute(agreement, actor)
    agreement.delete()


@transaction.atomic
def signature_save(
    *,
    actor: User,
    agreement: Agreement,
    institution: Institution,
    status: str,
    signed_on: date | None = None,
    today: date | None = None,
) -> AgreementSignature:
    """Record an institution's signature status on an agreement."""
    today = today or timezone.localdate()
    require_course_institution(course=agreement.course, institution=institution)
    if status == AgreementSignature.Status.SIGNED and signed_on is None:
        raise ValidationError({"signed_on": SIGNED_ON_REQUIRED})
    if signed_on and status != AgreementSignature.Status.SIGNED:
        raise ValidationError({"signed_on": SIGNED_ON_ONLY_WHEN_SIGNED})
    if signed_on and signed_on > today:
        raise ValidationError({"signed_on": DATE_IN_FUTURE})
    signature = AgreementSignature.objects.select_for_update().filter(
        agreement=agreement, institution=institution
    ).first() or AgreementSignature(agreement=agreement, institution=institution)
    signature.status, signature.signed_on = status, signed_on
    signature.full_clean(exclude=["agreement", "institution"], validate_unique=False)
    attribute(signature, actor)
    signature.save()
    return signature
