"""Every read of reminders a person sees: only their own, newest first, with the course for the link."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from reminders.models import Reminder


def reminder_list_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Reminder]:
    """The user's reminders (the model orders them newest first); ``unread_only`` for the unread ones."""
    reminders = Reminder.objects.filter(recipient=user).select_related("course")
    if unread_only:
        reminders = reminders.filter(read_at__isnull=True)
    return reminders


def reminder_for_user(*, user: User, pk: int) -> Reminder:
    """One of the user's reminders; someone else's is a 404, exactly like one that does not exist."""
    return get_object_or_404(Reminder.objects.select_related("course"), pk=pk, recipient=user)
