"""Every write to personal access tokens: create (the secret is returned once), revoke."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from api import tokens
from api.models import Token
from core.history import attribute

NAME_REQUIRED = _("Give the token a name, so you recognise it later.")
EXPIRY_IN_PAST = _("Choose an expiry in the future, or none.")


@transaction.atomic
def token_create(
    *, user: User, name: str, scope: str = Token.Scope.READ, expires_at: datetime | None = None
) -> tuple[Token, str]:
    """Create a token for ``user``; returns it with its plaintext, which is never stored nor shown again."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = NAME_REQUIRED
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = EXPIRY_IN_PAST
    if errors:
        raise ValidationError(errors)
    key, secret, salt = tokens.new_key(), tokens.new_secret(), tokens.new_salt()
    token = Token(
        user=user,
        name=name,
        key=key,
        salt=salt,
        digest=tokens.digest(salt=salt, secret=secret),
        scope=scope,
        expires_at=expires_at,
    )
    token.full_clean()
    attribute(token, user)
    token.save()
    return token, tokens.plaintext(key, secret)


@transaction.atomic
def token_revoke(*, actor: User, token: Token) -> Token:
    """Revoke a token at once; the row stays, so its name and last use remain on record."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        attribute(token, actor)
        token.save(update_fields=["revoked_at"])
    return token


def token_touch(*, token: Token, now: datetime, every_seconds: int) -> None:
    """Record the token's use, at most once every ``every_seconds`` (a write per request would be costly)."""
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= every_seconds:
        Token.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
