"""Work the support app leaves to the outbox (core.outbox): the request e-mail to a support service."""

from __future__ import annotations

from core import outbox
from support.services.emails import consultation_request_send

CONSULTATION_REQUEST = "support.consultation_request"


@outbox.handler(CONSULTATION_REQUEST)
def send_consultation_request(payload: dict) -> None:
    """E-mail the service contact of a requested consultation (at most once per request: the row is claimed)."""
    consultation_request_send(consultation_id=payload["consultation_id"])
