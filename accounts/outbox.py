"""Work the accounts app leaves to the outbox (core.outbox): the invitation e-mail to a new team member."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from accounts.models import User
from accounts.services import user_set_password_url
from core import outbox
from core.i18n import in_language_of

INVITATION = "accounts.invitation"


@outbox.handler(INVITATION)
def send_invitation(payload: dict) -> None:
    """E-mail a new team member a link to set their password; moot once they have one."""
    # By label, as the User model's own foreign key to teams does: accounts imports no domain app.
    Course = apps.get_model("teams", "Course")
    user = User.objects.filter(pk=payload["user_id"]).first()
    if user is None or user.has_usable_password():
        return  # gone, or already set a password: the invitation is moot
    course_id, inviter_id = payload.get("course_id"), payload.get("inviter_id")
    context = {
        "user": user,
        "course": Course.objects.filter(pk=course_id).first() if course_id else None,
        "inviter": User.objects.filter(pk=inviter_id).first() if inviter_id else None,
        "url": user_set_password_url(user=user, base_url=settings.SITE_URL),
    }
    with in_language_of(user):  # the invitee's language, not the inviter's
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
