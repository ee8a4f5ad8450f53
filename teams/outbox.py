"""Work the teams app leaves to the outbox (core.outbox): the e-mail that confirms an affiliation, and the notice
of a leadership handover."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from core import outbox
from core.i18n import in_language_of

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
    with in_language_of(request.user):
        subject = render_to_string("teams/email/affiliation_link_subject.txt", context).strip()
        body = render_to_string("teams/email/affiliation_link.txt", context)
    send_mail(subject, body, None, [request.email])


LEADERSHIP_NOTICE = "teams.leadership_notice"


@outbox.handler(LEADERSHIP_NOTICE)
def send_leadership_notice(payload: dict) -> None:
    """Tell the new and the former leader that leadership changed hands, and who did it."""
    course_id, new_leader_id, former_id = payload["course_id"], payload["new_leader_id"], payload["former_id"]
    former_role, actor_id = payload.get("former_role", ""), payload.get("actor_id")
    from accounts.models import User
    from teams.models import Course, Membership

    course = Course.objects.filter(pk=course_id).first()
    people = {u.pk: u for u in User.objects.filter(pk__in=[new_leader_id, former_id, actor_id])}
    if course is None or new_leader_id not in people or former_id not in people:
        return
    roles = dict(Membership.Role.choices)
    context = {
        "course": course,
        "new_leader": people[new_leader_id],
        "former": people[former_id],
        "actor": people.get(actor_id) if actor_id is not None else None,
        "url": settings.SITE_URL.rstrip("/") + course.get_absolute_url(),
    }
    for person in (people[new_leader_id], people[former_id]):
        with in_language_of(person):  # each in their own language (the role's label too)
            context["former_role"] = str(roles.get(former_role, ""))
            subject = render_to_string("teams/email/leadership_subject.txt", context).strip()
            body = render_to_string("teams/email/leadership.txt", context)
        send_mail(subject, body, None, [person.email])
