"""The digest round, run by Celery beat every DIGEST_ROUND_MINUTES (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from digests.services import digest_round as run_round


@shared_task(ignore_result=True)
def digest_round() -> int:
    """Create the digests due now (08:00 in each person's time zone) and send each pending one once."""
    return run_round()
