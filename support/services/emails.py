"""The request e-mail to a support service: the course's essentials, sent once per request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.i18n import in_language_of
from phases.models import Phase
from support.models import Consultation, ServiceContact
from teams.models import Membership, Partnership


def consultation_request_send(*, consultation_id: int) -> bool:
    """E-mail the service contact about a requested consultation; True if an e-mail went out.

    The row is claimed (request_sent_at set) before sending, so a redelivered task finds it claimed and does
    nothing; if sending fails the claim is released and the task's retry sends it.
    """
    with transaction.atomic():
        claimed = Consultation.objects.filter(
            pk=consultation_id, status=Consultation.Status.REQUESTED, request_sent_at__isnull=True
        ).update(request_sent_at=timezone.now())
    if not claimed:
        return False
    consultation = Consultation.objects.select_related("course__lead_institution", "institution", "requested_by").get(
        pk=consultation_id
    )
    contact = ServiceContact.objects.filter(institution_id=consultation.institution_id, kind=consultation.kind).first()
    if contact is None:  # nobody to write to; the matrix shows the missing contact
        Consultation.objects.filter(pk=consultation_id).update(request_sent_at=None)
        return False
    course = consultation.course
    context = {
        "consultation": consultation,
        "contact": contact,
        "course": course,
        "partners": [
            p.institution
            for p in Partnership.objects.filter(course=course)
            .select_related("institution")
            .order_by("role", "institution__name")
        ],
        "leader": Membership.objects.filter(course=course, role=Membership.Role.LEADER).select_related("user").first(),
        "phases": list(Phase.objects.filter(course=course).order_by("planned_start")),
        "url": settings.SITE_URL.rstrip("/") + reverse("teams:course_detail", kwargs={"slug": course.slug}),
    }
    # The contact's language when they have an account here (matched by address), else the site's.
    reader = User.objects.filter(email__iexact=contact.email).only("preferred_language").first()
    with in_language_of(reader):
        subject = render_to_string("support/email/consultation_request_subject.txt", context).strip()
        body = render_to_string("support/email/consultation_request.txt", context)
    reply_to = [consultation.requested_by.email] if consultation.requested_by else None
    try:
        EmailMessage(subject, body, None, [contact.email], reply_to=reply_to).send()
    except Exception:
        Consultation.objects.filter(pk=consultation_id).update(request_sent_at=None)
        raise
    return True
