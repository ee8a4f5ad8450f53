"""Celery tasks: the periodic sweep (settings.CELERY_BEAT_SCHEDULE); the e-mails go through the outbox.

Tasks take no objects, only JSON values, and call the same services as ``manage.py send_reminders``.
"""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import transaction

from core import outbox
from core.tasks import RETRY
from reminders.outbox import DELIVER
from reminders.services import reminder_sweep_create


@shared_task(ignore_result=True, **RETRY)
def sweep(today: str | None = None) -> int:
    """Create every due reminder and, in the same transaction, the outbox message that sends their e-mails."""
    with transaction.atomic():
        offered = reminder_sweep_create(today=date.fromisoformat(today) if today else None)
        outbox.enqueue(DELIVER)
    return offered
