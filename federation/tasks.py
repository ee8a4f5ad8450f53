"""Celery beat refreshes the federation metadata (settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from federation.metadata import MetadataRefused, metadata_refresh

logger = logging.getLogger("federation")


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def refresh_metadata() -> int:
    """Read, verify and store the federation metadata; a refused document leaves the last good copy in use."""
    try:
        return metadata_refresh()
    except MetadataRefused as error:
        logger.error("federation metadata refused, keeping the previous copy: %s", error)
        return -1
