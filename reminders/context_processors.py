from django.utils.functional import SimpleLazyObject

from reminders.services import unread_count


def unread_reminders(request) -> dict:
    """The bell's unread count, counted only if a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return unread_count(user.pk)

    return {"unread_reminder_count": SimpleLazyObject(count)}
