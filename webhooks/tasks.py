"""Celery tasks: deliver one webhook (retried with backoff), and the periodic sweep for lost messages."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from core.outbox import send_later_or_wait, send_or_wait
from webhooks.delivery import delivery_send, due, retry_delay
from webhooks.models import Delivery


@shared_task(ignore_result=True)
def deliver(delivery_id: int) -> str | None:
    """Send one delivery if it is due; after a failure, come back when its backoff has passed."""
    outcome = delivery_send(pk=delivery_id)
    if outcome == "retry":
        attempts = Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True).first() or 1
        # Run eagerly (tests), the task comes back at once, finds the delivery not yet due and stops. With the broker
        # away the delivery keeps its next attempt time, and the sweep picks it up.
        send_later_or_wait(deliver, (delivery_id,), countdown=retry_delay(attempts).total_seconds())
    return outcome


@shared_task(ignore_result=True)
def sweep() -> int:
    """Enqueue every due delivery (one whose message was lost, or whose worker died mid-way).

    With the broker away it stops at the first refusal: the rows stay due for the next sweep."""
    ids = list(due(timezone.now()).order_by("pk").values_list("pk", flat=True)[:1000])
    for n, pk in enumerate(ids):
        if not send_or_wait(deliver, pk):
            return n
    return len(ids)
