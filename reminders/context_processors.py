from django.utils.functional import SimpleLazyObject


def unread_reminders(request) -> dict:
    """The bell's unread count, counted only if a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return user.reminders.filter(read_at__isnull=True).count()

    return {"unread_reminder_count": SimpleLazyObject(count)}
