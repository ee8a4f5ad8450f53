"""Celery tasks: the periodic sweep (settings.CELERY_BEAT_SCHEDULE) and e-mail delivery.

Tasks take no objects, only JSON values, and call the same services as ``manage.py send_reminders``.
"""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import transaction

from reminders import conf
from reminders.delivery import reminder_deliver_pending
from reminders.services import reminder_sweep_create


@shared_task(ignore_result=True)
def sweep(today: str | None = None) -> int:
    """Create every due reminder, then enqueue the e-mails once the rows are committed."""
    with transaction.atomic():
        offered = reminder_sweep_create(today=date.fromisoformat(today) if today else None)
        transaction.on_commit(lambda: deliver.delay())
    return offered


@shared_task(ignore_result=True)
def deliver() -> int:
    """Send pending e-mails; failures wait for their backoff and the next sweep. Hands over when there are many."""
    report = reminder_deliver_pending(limit=conf.deliver_batch_limit())
    if report.more:
        deliver.delay()
    return report.sent
