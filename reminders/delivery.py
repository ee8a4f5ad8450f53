"""Delivering reminders by e-mail: each one sent once, failures retried later with backoff.

One reminder per transaction: claim the row (``SELECT ... FOR UPDATE SKIP LOCKED`` where the database has it,
so concurrent workers take different rows), send its e-mail, mark it sent, commit. A worker killed mid-way
leaves the row it held unmarked and unlocked, and the next delivery sends it; rows already committed are never
claimed again. Committing per row keeps the window between "e-mail handed over" and "marked sent" to one
UPDATE, where a batch would re-send everything sent so far in it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.i18n import in_language_of
from reminders import conf, mailing
from reminders.models import Reminder

logger = logging.getLogger(__name__)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    more: bool = False  # stopped at the limit with reminders still waiting


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt after ``attempts`` failures: base, twice the base, four times... up to the cap."""
    return min(conf.retry_base() * 2 ** max(attempts - 1, 0), conf.retry_cap())


def pending(now: datetime):
    """Reminders whose e-mail is due: not sent, attempts left, and any backoff elapsed."""
    return Reminder.objects.filter(sent_at__isnull=True, attempts__lt=conf.max_attempts(), delivery="email").filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim_next(now: datetime) -> Reminder | None:
    """Lock and return the next pending reminder no other transaction holds (call inside a transaction).

    The lock is taken on the reminder row alone, with no join: oldest first through the primary key, so the
    query stays cheap however many reminders wait. Recipient and course are loaded once the row is ours.
    """
    candidates = pending(now).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        candidates = candidates.select_for_update(skip_locked=True)
    else:
        # SQLite has no row locks: a no-op write first takes the database's write lock, so a second claimer
        # waits for this transaction to commit and then no longer sees this row as pending.
        Reminder.objects.filter(pk=-1).update(attempts=0)
    pk = candidates.values_list("pk", flat=True).first()
    if pk is None:
        return None
    return Reminder.objects.select_related("recipient", "course").get(pk=pk)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def build_email(reminder: Reminder) -> EmailMessage:
    context = {
        "reminder": reminder,
        "item_url": absolute_url(reminder.url) if reminder.url else "",
        "list_url": absolute_url(reverse("reminders:list")),
    }
    unsubscribe = mailing.list_headers(user_id=reminder.recipient_id, kind=reminder.kind)
    context["unsubscribe_url"] = unsubscribe["List-Unsubscribe"].strip("<>")
    subject = f"[microcred] {reminder.title}"[:250]
    with in_language_of(reminder.recipient):  # the sweep runs in no one's language; the reader has one
        body = render_to_string("reminders/email/reminder.txt", context)
    # The Message-ID comes from the row: a copy resent after a worker died between the mail server's acceptance
    # and the commit is the same message, which mail systems that deduplicate by Message-ID show once.
    headers = {"Message-ID": mailing.message_id("reminder", reminder.pk), **unsubscribe}
    return EmailMessage(subject=subject, body=body, to=[reminder.recipient.email], headers=headers)


def reminder_deliver_next(*, email_connection=None) -> str | None:
    """Send one pending reminder: "sent", "failed" (retried later), or None when nothing is pending."""
    now = timezone.now()
    with transaction.atomic():
        reminder = _claim_next(now)
        if reminder is None:
            return None
        reminder.attempts += 1
        try:
            message = build_email(reminder)
            message.connection = email_connection
            message.send()
        except Exception as exc:  # any failure of the mail system; the row must not block the queue
            logger.warning("Reminder %s: e-mail failed (attempt %s): %s", reminder.pk, reminder.attempts, exc)
            reminder.next_attempt_at = now + retry_delay(reminder.attempts)
            reminder.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            reminder.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            return "failed"
        reminder.sent_at = now
        reminder.next_attempt_at = None
        reminder.last_error = ""
        reminder.save(update_fields=["attempts", "sent_at", "next_attempt_at", "last_error"])
        return "sent"


def reminder_deliver_pending(*, limit: int | None = None) -> DeliveryReport:
    """Send pending reminders one by one until none is left (or ``limit`` were tried)."""
    report = DeliveryReport()
    email_connection = get_connection()
    try:
        while limit is None or report.sent + report.failed < limit:
            outcome = reminder_deliver_next(email_connection=email_connection)
            if outcome is None:
                return report
            if outcome == "sent":
                report.sent += 1
            else:
                report.failed += 1
        report.more = pending(timezone.now()).exists()
        return report
    finally:
        email_connection.close()
