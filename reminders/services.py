"""Creating reminders and marking them read. Delivery (e-mail, retries) lives in reminders.delivery."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from reminders.models import Reminder
from reminders.registry import Due, providers


def reminders_due(*, today: date | None = None) -> list[Due]:
    """Everything every registered provider says is due today."""
    today = today or timezone.localdate()
    return [due for produce in providers() for due in produce(today)]


@transaction.atomic
def reminder_sweep_create(*, today: date | None = None) -> int:
    """Insert every due reminder that does not exist yet; return how many rows were offered.

    Idempotent and safe under concurrency: the unique constraint turns a duplicate insert into a no-op
    (ON CONFLICT DO NOTHING), whether it comes from this sweep run twice or from another sweep at once.
    """
    due = reminders_due(today=today)
    Reminder.objects.bulk_create(
        [
            Reminder(
                recipient_id=d.recipient_id,
                kind=d.kind,
                subject_type_id=d.subject_type_id,
                subject_id=d.subject_id,
                occasion=d.occasion,
                course_id=d.course_id,
                title=d.title[:300],
                url=d.url[:300],
            )
            for d in due
        ],
        ignore_conflicts=True,
    )
    return len(due)


def reminder_mark_read(*, user, reminder: Reminder) -> Reminder:
    """Mark one of the user's reminders read (reading twice keeps the first time)."""
    if reminder.recipient_id != user.pk:
        raise PermissionError("A reminder is read only by its recipient.")
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        Reminder.objects.filter(pk=reminder.pk, read_at__isnull=True).update(read_at=reminder.read_at)
    return reminder


def reminder_mark_all_read(*, user) -> int:
    """Mark every unread reminder of the user read; return how many."""
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
