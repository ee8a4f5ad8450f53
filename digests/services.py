"""Writes of the digests app: preferences, unsubscribing, and the digest round (create, then send each once).

The round: for each person with reminders waiting for a digest, once it is 08:00 or later in their time zone,
insert the digest row of the period (the day, or the week from Monday) with ON CONFLICT DO NOTHING against the
unique constraint, so overlapping rounds and redelivered tasks cannot make a second. Sending locks one unsent
digest row (SKIP LOCKED on PostgreSQL), attaches the reminders still waiting, sends, and marks all of it sent
in the same transaction: a worker killed mid-way leaves the row unsent and unlocked, and the next round sends it.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.i18n import in_language_of
from digests.mail import list_headers, message_id
from digests.models import Digest, Mode, NoticePreference, NoticeSettings, validate_time_zone
from reminders import conf as reminder_conf
from reminders.delivery import retry_delay
from reminders.models import Reminder
from reminders.registry import KIND_LABELS

if TYPE_CHECKING:
    from django.core.mail.backends.base import BaseEmailBackend
    from django.db.models import QuerySet

    from accounts.models import User

logger = logging.getLogger(__name__)

SEND_AT = time(8, 0)
DIGEST_KINDS = {"digest:daily": Mode.DAILY, "digest:weekly": Mode.WEEKLY}
UNKNOWN_KIND = _("This kind of notice does not exist.")


# --- Preferences -------------------------------------------------------------------------------------------


@transaction.atomic
def notice_settings_save(*, user: User, time_zone: str, modes: dict[str, str]) -> None:
    """Save the person's time zone and how they hear of each kind (applies to reminders created from now on)."""
    validate_time_zone(time_zone)
    unknown = set(modes) - set(KIND_LABELS)
    if unknown or any(mode not in Mode.values for mode in modes.values()):
        raise ValidationError(UNKNOWN_KIND)
    NoticeSettings.objects.update_or_create(user=user, defaults={"time_zone": time_zone})
    for kind, mode in modes.items():
        NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


@transaction.atomic
def notice_unsubscribe(*, user_id: int, kind: str) -> int:
    """Stop e-mails of ``kind`` (or of a digest, "digest:daily" / "digest:weekly"): from now on only in the app.
    Returns how many kinds changed; unsubscribing twice changes nothing."""
    if kind in DIGEST_KINDS:
        kinds = list(
            NoticePreference.objects.filter(user_id=user_id, mode=DIGEST_KINDS[kind]).values_list("kind", flat=True)
        )
    elif kind in KIND_LABELS:
        kinds = [kind]
    else:
        raise ValidationError(UNKNOWN_KIND)
    changed = 0
    for k in kinds:
        _pref, created = NoticePreference.objects.get_or_create(user_id=user_id, kind=k, defaults={"mode": Mode.APP})
        if created:
            changed += 1
        else:
            changed += (
                NoticePreference.objects.filter(user_id=user_id, kind=k).exclude(mode=Mode.APP).update(mode=Mode.APP)
            )
    # What waited to be e-mailed stays in the app only.
    Reminder.objects.filter(recipient_id=user_id, kind__in=kinds, sent_at__isnull=True, digest__isnull=True).update(
        delivery="app"
    )
    return changed


# --- The round ---------------------------------------------------------------------------------------------


def period_start(period: str, local_day: date) -> date:
    return local_day if period == Digest.Period.DAILY else local_day - timedelta(days=local_day.weekday())


def due_digests(*, now: datetime) -> list[Digest]:
    """The digest rows that should exist at ``now``: people with reminders waiting, past 08:00 where they are.
    Two queries whatever the number of people."""
    waiting = set(
        Reminder.objects.filter(delivery__in=[Digest.Period.DAILY, Digest.Period.WEEKLY], digest__isnull=True,
                                sent_at__isnull=True)
        .values_list("recipient_id", "delivery")
        .distinct()
    )  # fmt: skip
    if not waiting:
        return []
    zones = dict(
        NoticeSettings.objects.filter(user_id__in={u for u, _p in waiting}).values_list("user_id", "time_zone")
    )
    rows = []
    for user_id, period in waiting:
        local = now.astimezone(zoneinfo.ZoneInfo(zones.get(user_id, settings.TIME_ZONE)))
        start = period_start(period, local.date())
        # Daily: from 08:00 of the day. Weekly: from 08:00 on Monday, or later in the week if nothing waited then.
        if local.date() > start or local.time() >= SEND_AT:
            rows.append(Digest(recipient_id=user_id, period=period, starts_on=start))
    return rows


def digest_create_due(*, now: datetime | None = None) -> int:
    """Insert the due digest rows that do not exist yet (idempotent); return how many were offered."""
    rows = due_digests(now=now or timezone.now())
    Digest.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _pending(now: datetime) -> QuerySet[Digest]:
    return Digest.objects.filter(sent_at__isnull=True, attempts__lt=reminder_conf.max_attempts()).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim_next(now: datetime) -> Digest | None:
    candidates = _pending(now).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        candidates = candidates.select_for_update(skip_locked=True)
    else:  # SQLite: take the database's write lock first (see reminders.delivery)
        Digest.objects.filter(pk=-1).update(attempts=0)
    pk = candidates.values_list("pk", flat=True).first()
    return None if pk is None else Digest.objects.select_related("recipient").get(pk=pk)


def build_email(digest: Digest, reminders: list[Reminder]) -> EmailMessage:
    site = settings.SITE_URL.rstrip("/")
    headers = {"Message-ID": message_id("digest", digest.pk),
               **list_headers(user_id=digest.recipient_id, kind=f"digest:{digest.period}")}  # fmt: skip
    context = {
        "digest": digest,
        "reminders": reminders,
        "site": site,
        "home_url": site + reverse("attention:home"),
        "settings_url": site + reverse("digests:settings"),
        "unsubscribe_url": headers["List-Unsubscribe"].strip("<>"),
    }
    with in_language_of(digest.recipient):  # the round runs in no one's language; the reader has one
        count = len(reminders)
        if digest.period == Digest.Period.DAILY:
            subject = ngettext(
                "[microcred] Daily digest: %(count)d reminder", "[microcred] Daily digest: %(count)d reminders", count
            ) % {"count": count}
        else:
            subject = ngettext(
                "[microcred] Weekly digest: %(count)d reminder", "[microcred] Weekly digest: %(count)d reminders", count
            ) % {"count": count}
        body = render_to_string("digests/email/digest.txt", context)
    return EmailMessage(subject=subject, body=body, to=[digest.recipient.email], headers=headers)


def digest_deliver_next(*, email_connection: BaseEmailBackend | None = None) -> str | None:
    """Send one pending digest: "sent", "empty" (nothing left to say), "failed", or None when none is pending."""
    now = timezone.now()
    failure: tuple[int, int, str] | None = None
    with transaction.atomic():
        digest = _claim_next(now)
        if digest is None:
            return None
        Reminder.objects.filter(recipient_id=digest.recipient_id, delivery=digest.period, digest__isnull=True,
                                sent_at__isnull=True).update(digest=digest)  # fmt: skip
        reminders = list(digest.reminders.select_related("course").order_by("created_at", "pk"))
        digest.attempts += 1
        if not reminders:  # all settled and withdrawn meanwhile
            digest.sent_at = now
            digest.save(update_fields=["attempts", "sent_at"])
            return "empty"
        try:
            message = build_email(digest, reminders)
            message.connection = email_connection
            message.send()
        except Exception as exc:  # any failure of the mail system; retried with the reminders' backoff
            logger.warning("Digest %s: e-mail failed (attempt %s): %s", digest.pk, digest.attempts, exc)
            transaction.set_rollback(True)  # the reminders wait unattached, as before
            failure = (digest.pk, digest.attempts, f"{type(exc).__name__}: {exc}"[:2000])
        else:
            digest.sent_at, digest.next_attempt_at, digest.last_error = now, None, ""
            digest.save(update_fields=["attempts", "sent_at", "next_attempt_at", "last_error"])
            Reminder.objects.filter(digest=digest).update(sent_at=now)
            return "sent"
    pk, attempts, error = failure
    Digest.objects.filter(pk=pk).update(
        attempts=attempts, next_attempt_at=now + retry_delay(attempts), last_error=error
    )
    return "failed"


def digest_deliver_pending(*, limit: int | None = None) -> int:
    """Send pending digests one by one; return how many e-mails went out."""
    sent = tried = 0
    email_connection = get_connection()
    try:
        while limit is None or tried < limit:
            outcome = digest_deliver_next(email_connection=email_connection)
            if outcome is None:
                break
            tried += 1
            sent += outcome == "sent"
    finally:
        email_connection.close()
    return sent


def digest_round(*, now: datetime | None = None) -> int:
    """Create the digests due now, then send every pending one at once (what a cron job or a test calls; the
    Celery task sends through the outbox). Returns how many were sent."""
    digest_create_due(now=now)
    return digest_deliver_pending()


def preference_rows(user: User) -> Iterable[tuple[str, str, str]]:
    from digests.selectors import modes_of

    return [(kind, str(KIND_LABELS[kind]), mode) for kind, mode in modes_of(user).items()]
