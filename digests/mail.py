"""What every e-mail of microcred carries: a Message-ID derived from its row, and a one-click unsubscribe.

RFC 8058: ``List-Unsubscribe`` holds an HTTPS address, and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``
tells the mail client it may POST to it without showing a page. The address is signed, so it needs no login
and cannot be forged for someone else.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "digests.unsubscribe"


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "microcred.invalid"


def message_id(kind: str, pk: int) -> str:
    """The same on every attempt to send the row's e-mail."""
    return f"<{kind}-{pk}@{_domain()}>"


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind), or None for a token that was not made here."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    path = reverse("digests:unsubscribe", kwargs={"token": unsubscribe_token(user_id=user_id, kind=kind)})
    return settings.SITE_URL.rstrip("/") + path


def list_headers(*, user_id: int, kind: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user_id=user_id, kind=kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
