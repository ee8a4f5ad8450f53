"""Sending one delivery: claim its row, POST the signed event, record the answer, retry later with backoff.

The row stays locked while the request is out (``SELECT ... FOR UPDATE SKIP LOCKED`` where the database has
it), so two workers never send the same delivery at once; once marked succeeded it is never claimed again.
A worker killed between the receiver's answer and the commit leaves it pending, and it is sent once more:
receivers deduplicate on ``webhook-id``, which stays the same on every attempt.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from webhooks import signing
from webhooks.addresses import check_url
from webhooks.models import Attempt, Delivery

logger = logging.getLogger(__name__)
BODY_KEPT = 2000


def retry_delay(attempts: int) -> timedelta:
    """Base, twice the base, four times... up to the cap."""
    base, cap = settings.WEBHOOK_RETRY_BASE_SECONDS, settings.WEBHOOK_RETRY_MAX_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def due(now: datetime):
    return Delivery.objects.filter(status=Delivery.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim(pk: int, now: datetime) -> Delivery | None:
    candidates = due(now).filter(pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        candidates = candidates.select_for_update(skip_locked=True)
    else:  # SQLite: take the database's write lock first, so a second claimer waits and then sees it done
        Delivery.objects.filter(pk=-1).update(attempts=0)
    if not candidates.exists():
        return None
    return Delivery.objects.select_related("event", "subscription").get(pk=pk)


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.event.payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def delivery_send(*, pk: int) -> str | None:
    """Try delivery ``pk`` once if it is due: "succeeded", "retry", "failed" (given up), or None (not due)."""
    now = timezone.now()
    with transaction.atomic():
        delivery = _claim(pk, now)
        if delivery is None:
            return None
        subscription, event = delivery.subscription, delivery.event
        delivery.attempts += 1
        attempt = Attempt(delivery=delivery, attempted_at=now)
        started = time.monotonic()
        try:
            if not subscription.active:
                raise ValueError("The subscription is paused.")
            check_url(subscription.url, allow_private=subscription.allow_private_network)
            body = body_of(delivery)
            headers = signing.headers(
                secret=subscription.secret, message_id=event.message_id, timestamp=int(now.timestamp()), body=body
            )
            headers["user-agent"] = "microcred-webhooks/1"
            response = requests.post(
                subscription.url,
                data=body,
                headers=headers,
                timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
                allow_redirects=False,  # a redirect could lead to an address the check refused
            )
            attempt.response_status = response.status_code
            attempt.response_body = response.text[:BODY_KEPT]
            ok = 200 <= response.status_code < 300
            if not ok:
                attempt.error = f"HTTP {response.status_code}"
        except (requests.RequestException, ValidationError, ValueError) as exc:
            ok = False
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            attempt.error = f"{type(exc).__name__}: {message}"[:BODY_KEPT]
        attempt.duration_ms = int((time.monotonic() - started) * 1000)
        attempt.save()
        delivery.response_status = attempt.response_status
        if ok:
            delivery.status, delivery.delivered_at = Delivery.Status.SUCCEEDED, now
            delivery.next_attempt_at, delivery.last_error = None, ""
            outcome = "succeeded"
        else:
            logger.warning("Webhook delivery %s failed (attempt %s): %s", pk, delivery.attempts, attempt.error)
            delivery.last_error = attempt.error
            if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
                delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
                outcome = "failed"
            else:
                delivery.next_attempt_at = now + retry_delay(delivery.attempts)
                outcome = "retry"
        delivery.save(
            update_fields=["status", "attempts", "next_attempt_at", "delivered_at", "response_status", "last_error"]
        )
    return outcome
