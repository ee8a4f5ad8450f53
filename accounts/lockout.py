"""What django-axes counts failed logins against: the normalised address, and the client's real IP.

- The username is the e-mail address as the login matches it (case-insensitive, surrounding spaces dropped), so
  writing it with other capitals or spaces does not get a fresh count (``AXES_USERNAME_CALLABLE``).
- Behind the TLS proxy every request arrives from the proxy's address; the client's address is the one the
  proxies recorded in ``X-Forwarded-For``. Only the last ``TRUSTED_PROXY_COUNT`` entries were written by our
  proxies (each appends the address it received the request from); anything left of them came from the client
  and may be forged. With no trusted proxies (the default) the header is ignored (``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def normalised_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The e-mail address from the login attempt, as the user lookup compares it."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None:
        value = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return value.strip().lower() if isinstance(value, str) else value


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the entry our ``TRUSTED_PROXY_COUNT`` proxies vouch for, or the peer's address."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # not through all our proxies: nothing in the header can be trusted
    return _valid_ip(forwarded[-count]) or remote
