"""Authentication of API calls by personal access token (``Authorization: Bearer mcp_<key>.<secret>``)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api import tokens
from api.models import Token
from api.services import token_touch

INVALID = _("Invalid token.")
EXPIRED = _("This token has expired or been revoked.")
INACTIVE = _("This account is inactive.")


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """``Bearer`` (or ``Token``) followed by the token; sets ``request.auth`` to the Token row."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(INVALID)
        try:
            plaintext = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(INVALID) from error
        return self.authenticate_credentials(plaintext)

    def authenticate_credentials(self, plaintext: str):
        parsed = tokens.split(plaintext)
        if parsed is None:
            raise exceptions.AuthenticationFailed(INVALID)
        key, secret = parsed
        token = Token.objects.select_related("user").filter(key=key).first()
        if token is None or not tokens.matches(salt=token.salt, stored=token.digest, secret=secret):
            raise exceptions.AuthenticationFailed(INVALID)
        now = timezone.now()
        if not token.is_usable(now):
            raise exceptions.AuthenticationFailed(EXPIRED)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(INACTIVE)
        token_touch(token=token, now=now, every_seconds=settings.API_TOKEN_LAST_USED_SECONDS)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
