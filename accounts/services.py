"""Writes to user accounts: inviting a new person to set their password."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import models
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User


def user_set_password_url(*, user: User, base_url: str) -> str:
    """An absolute link that lets ``user`` choose a password (Django's password-reset token, single use)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def user_get_or_invite(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    home_institution: models.Model | None = None,  # a teams.Institution
    invited_by: User | None = None,
    course: models.Model | None = None,  # a teams.Course
    language: str = "",
) -> User:
    """Return the user with this e-mail; create one without a usable password and e-mail an invitation if new.

    ``language`` (one of ``LANGUAGES``) becomes a new person's preferred language, so the invitation and their
    first pages are in it; an existing person's own choice is left alone.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing
    user: User = User.objects.create_user(
        email=email,
        password=None,
        first_name=first_name,
        last_name=last_name,
        home_institution=home_institution,
        preferred_language=language if language in dict(settings.LANGUAGES) else "",
    )
    from core import outbox

    outbox.enqueue(
        "accounts.invitation",
        {
            "user_id": user.pk,
            "course_id": course.pk if course else None,
            "inviter_id": invited_by.pk if invited_by else None,
        },
        key=f"user:{user.pk}",  # one invitation per new account
    )
    return user
