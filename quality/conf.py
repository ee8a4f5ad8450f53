"""Settings of the quality app, with their defaults (set them in the environment-driven settings)."""

from django.conf import settings


def evaluation_due_days() -> int:
    """Days after an edition ends by which each institution's evaluation data is due; then a reminder."""
    return int(getattr(settings, "QUALITY_EVALUATION_DUE_DAYS", 14))


def submissions_page_size() -> int:
    return int(getattr(settings, "QUALITY_SUBMISSIONS_PAGE_SIZE", 25))
