"""Celery tasks of the outbox (core.outbox), and the errors after which any task should simply try again.

``TRANSIENT``: a terminated database connection or a broker that is briefly away. Tasks list it in
``autoretry_for`` with exponential backoff (``RETRY``), instead of failing and waiting for the next sweep; Celery's
Django fixup discards the broken connection before the retry runs.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from core import outbox

TRANSIENT = (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)
# Exponential backoff with jitter: about 2, 4, 8 ... seconds, at most ten minutes apart, ten times.
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 2, "retry_backoff_max": 600, "retry_jitter": True,
         "max_retries": 10}  # fmt: skip


@shared_task(ignore_result=True, **RETRY)
def outbox_deliver(message_id: int) -> str | None:
    """Run one outbox message, handed over when its transaction committed."""
    return outbox.deliver(message_id)


@shared_task(ignore_result=True, **RETRY)
def outbox_relay() -> int:
    """Celery beat: run every outbox message that is due (the broker was away, a retry's time has come)."""
    report = outbox.relay()
    if report.more:
        outbox_relay.delay()
    return report.done
