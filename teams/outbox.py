"""Work the teams app leaves to the outbox (core.outbox): the e-mail that confirms an affiliation."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from core import outbox

AFFILIATION_LINK = "teams.affiliation_link"


@outbox.handler(AFFILIATION_LINK)
def send_affiliation_link(payload: dict) -> None:
    """E-mail the single-use link that confirms an affiliation to the institutional address it was asked for."""
    from teams.affiliations import affiliation_request_token
    from teams.models import AffiliationRequest

    request = AffiliationRequest.objects.select_related("user", "institution").filter(pk=payload["request_id"]).first()
    if request is None or request.confirmed_at is not None:
        return
    token = affiliation_request_token(request)
    context = {
        "request": request,
        "url": settings.SITE_URL.rstrip("/") + reverse("teams:affiliation_confirm", kwargs={"token": token}),
        "hours": settings.AFFILIATION_LINK_HOURS,
    }
    subject = render_to_string("teams/email/affiliation_link_subject.txt", context).strip()
    body = render_to_string("teams/email/affiliation_link.txt", context)
    send_mail(subject, body, None, [request.email])
