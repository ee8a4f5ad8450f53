"""Making and checking the secret part of a personal access token."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from api.models import TOKEN_PREFIX


def new_key() -> str:
    return secrets.token_hex(6)  # 12 characters


def new_secret() -> str:
    return secrets.token_urlsafe(30)


def new_salt() -> str:
    return secrets.token_hex(16)


def digest(*, salt: str, secret: str) -> str:
    """HMAC-SHA256 of the salted secret under the installation's pepper (settings.API_TOKEN_PEPPER)."""
    return hmac.new(settings.API_TOKEN_PEPPER.encode(), (salt + secret).encode(), hashlib.sha256).hexdigest()


def matches(*, salt: str, stored: str, secret: str) -> bool:
    return hmac.compare_digest(digest(salt=salt, secret=secret), stored)


def split(plaintext: str) -> tuple[str, str] | None:
    """``mcp_<key>.<secret>`` as (key, secret), or None when it does not have that shape."""
    if not plaintext.startswith(TOKEN_PREFIX) or "." not in plaintext:
        return None
    key, _, secret = plaintext[len(TOKEN_PREFIX) :].partition(".")
    if len(key) != 12 or not secret:
        return None
    return key, secret


def plaintext(key: str, secret: str) -> str:
    return f"{TOKEN_PREFIX}{key}.{secret}"
