"""Celery beat refreshes the federation metadata (settings.CELERY_BEAT_SCHEDULE)."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from federation.metadata import MetadataRefused, metadata_refresh
from federation.models import ConsumedAssertion

logger = logging.getLogger("federation")


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def refresh_metadata() -> int:
    """Read, verify and store the federation metadata; a refused document leaves the last good copy in use.

    Also forgets consumed assertion ids past their validity (pysaml2 refuses those assertions as expired anyway).
    """
    ConsumedAssertion.objects.filter(not_on_or_after__lt=timezone.now() - timedelta(days=1)).delete()
    try:
        return metadata_refresh()
    except MetadataRefused as error:
        logger.error("federation metadata refused, keeping the previous copy: %s", error)
        return -1
