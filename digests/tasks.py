"""The digest round, run by Celery beat every DIGEST_ROUND_MINUTES (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.db import transaction

from core import outbox
from core.tasks import RETRY
from digests.outbox import DELIVER
from digests.services import digest_create_due


@shared_task(ignore_result=True, **RETRY)
def digest_round() -> int:
    """Create the digests due now (08:00 in each person's time zone) and, in the same transaction, the outbox
    message that sends them; each digest is sent once (digests.services)."""
    with transaction.atomic():
        offered = digest_create_due()
        outbox.enqueue(DELIVER)
    return offered
