"""Settings of the support app, with their defaults (set them in the environment-specific settings)."""

from django.conf import settings


def approval_warning_weeks() -> int:
    """How many weeks before implementation starts an approval step still open reminds the team."""
    return int(getattr(settings, "SUPPORT_APPROVAL_WEEKS", 8))


def consultation_default_days() -> int:
    """Suggested time a service gets to meet the team after a request (the form's initial due date)."""
    return int(getattr(settings, "SUPPORT_CONSULTATION_DAYS", 21))
