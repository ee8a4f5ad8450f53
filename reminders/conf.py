"""Reminder delivery settings, with defaults (add them to .env.example when an installation changes them)."""

from datetime import timedelta

from django.conf import settings


def max_attempts() -> int:
    """After this many failed e-mails a reminder stays in the app only (its last error kept for the admin)."""
    return getattr(settings, "REMINDER_MAX_ATTEMPTS", 8)


def retry_base() -> timedelta:
    """The first retry waits this long; each further one twice as long as the one before."""
    return timedelta(seconds=getattr(settings, "REMINDER_RETRY_BASE_SECONDS", 300))


def retry_cap() -> timedelta:
    return timedelta(seconds=getattr(settings, "REMINDER_RETRY_MAX_SECONDS", 6 * 3600))


def deliver_batch_limit() -> int:
    """How many e-mails one delivery task sends before handing over to a fresh task (keeps tasks short)."""
    return getattr(settings, "REMINDER_DELIVER_BATCH", 500)


def per_page() -> int:
    return getattr(settings, "REMINDERS_PER_PAGE", 30)
