"""Creating reminders and marking them read. Delivery (e-mail, retries) lives in reminders.delivery."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone, translation

from accounts.models import User
from core.i18n import languages_by_user_id
from reminders import mailing
from reminders.models import Reminder
from reminders.registry import Due, providers, settlements

UNREAD_KEY = "unread-reminders:{}"
UNREAD_TIMEOUT = 10 * 60  # a bound on staleness should a write ever slip past forget_unread


def unread_count(user_id: int) -> int:
    """The bell's number, on every page: kept in the cache until one of the user's reminders changes."""
    key = UNREAD_KEY.format(user_id)
    count: int | None = cache.get(key)
    if count is None:
        count = Reminder.objects.filter(recipient_id=user_id, read_at__isnull=True, settled_at__isnull=True).count()
        cache.set(key, count, timeout=UNREAD_TIMEOUT)
    return count


def forget_unread(user_ids: Iterable[int]) -> None:
    """Drop the kept counts now and again after commit (a page between the two must not keep the old one)."""
    keys = [UNREAD_KEY.format(pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def _in_recipients_language(due: list[Due]) -> list[tuple[Due, str, str]]:
    """Each due reminder with its title and past title as text in its recipient's language.

    Titles are stored as text: a lazy title (see ``Due.title``) is rendered here, in the language the recipient
    reads, never the sweep's; plain str titles (and sweeps with no lazy title) cost nothing, not even a query.
    """
    lazy = [d for d in due if not (isinstance(d.title, str) and isinstance(d.past_title, str))]
    languages = languages_by_user_id(d.recipient_id for d in lazy)
    rendered = []
    for d in due:
        if isinstance(d.title, str) and isinstance(d.past_title, str):
            rendered.append((d, d.title, d.past_title))
            continue
        with translation.override(languages.get(d.recipient_id)):
            rendered.append((d, str(d.title), str(d.past_title)))
    return rendered


def reminders_due(*, today: date | None = None) -> list[Due]:
    """Everything every registered provider says is due today, except about archived courses (teams.archive)."""
    from teams.archive import archived_course_ids

    today = today or timezone.localdate()
    archived = archived_course_ids()
    return [due for produce in providers() for due in produce(today) if due.course_id not in archived]


@transaction.atomic
def reminder_sweep_create(*, today: date | None = None) -> int:
    """Insert every due reminder that does not exist yet; return how many rows were offered.

    Idempotent and safe under concurrency: the unique constraint turns a duplicate insert into a no-op
    (ON CONFLICT DO NOTHING), whether it comes from this sweep run twice or from another sweep at once.
    """
    due = reminders_due(today=today)
    delivery = mailing.deliveries_for(  # the digests app keeps each person's choice per kind
        {d.recipient_id for d in due}
    )
    Reminder.objects.bulk_create(
        [
            Reminder(
                recipient_id=d.recipient_id,
                kind=d.kind,
                subject_type_id=d.subject_type_id,
                subject_id=d.subject_id,
                occasion=d.occasion,
                course_id=d.course_id,
                title=title[:300],
                url=d.url[:300],
                due_on=d.due_on,
                past_title=past_title[:300],
                delivery=delivery(d.recipient_id, d.kind),
            )
            for d, title, past_title in _in_recipients_language(due)
        ],
        ignore_conflicts=True,
    )
    forget_unread(d.recipient_id for d in due)  # bulk_create sends no signals
    # What was settled since (by a write that bypassed the save signals, or before this sweep's inserts) goes too.
    reminders_settle()
    return len(due)


def reminder_mark_read(*, user: User, reminder: Reminder) -> Reminder:
    """Mark one of the user's reminders read (reading twice keeps the first time)."""
    if reminder.recipient_id != user.pk:
        raise PermissionError("A reminder is read only by its recipient.")
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        Reminder.objects.filter(pk=reminder.pk, read_at__isnull=True).update(read_at=reminder.read_at)
        forget_unread([user.pk])
    return reminder


def reminder_mark_all_read(*, user: User) -> int:
    """Mark every unread reminder of the user read; return how many."""
    marked = Reminder.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread([user.pk])
    return marked


def reminders_withdraw(*, subject: models.Model) -> int:
    """Drop the reminders about ``subject`` that have not been e-mailed yet; return how many.

    Called by the service that deletes ``subject``, before it does, so nobody is reminded of something that no
    longer exists. Reminders already sent stay in their recipients' lists, as the e-mails stay in their inboxes.
    """
    deleted, _ = Reminder.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk, sent_at__isnull=True
    ).delete()
    return deleted  # each deletion's signal forgets its recipient's unread count


def reminders_withdraw_course(*, course_id: int) -> int:
    """Drop every reminder about the course that has not been e-mailed yet (it is archived); return how many."""
    deleted, _ = Reminder.objects.filter(course_id=course_id, sent_at__isnull=True).delete()
    return deleted  # each deletion's signal forgets its recipient's unread count


def reminders_settle(*, course_id: int | None = None, kinds: Iterable[str] | None = None) -> tuple[int, int]:
    """Settle the reminders whose subject no longer calls for action: withdraw those not e-mailed yet, mark the
    sent ones settled (the bell no longer counts them). Returns (withdrawn, settled).

    Runs in every sweep over all courses, and for one course when a row that settles things is saved (a task
    done, a consent recorded...). One query per kind of settlement plus its own, whatever the number of rows.
    """
    wanted = set(kinds) if kinds is not None else None
    withdrawn = settled = 0
    for settlement in settlements():
        mine = [k for k in settlement.kinds if wanted is None or k in wanted]
        if not mine:
            continue
        open_ones = Reminder.objects.filter(kind__in=mine, settled_at__isnull=True)
        if course_id is not None:
            open_ones = open_ones.filter(course_id=course_id)
        rows = list(open_ones.values("id", "kind", "recipient_id", "subject_id", "occasion", "course_id", "sent_at"))
        if not rows:
            continue
        done = settlement.settled(cast(list[dict[str, Any]], rows))
        if not done:
            continue
        unsent = [r["id"] for r in rows if r["id"] in done and r["sent_at"] is None]
        # Only rows still unsent are withdrawn: a worker may have sent one meanwhile, which is then marked.
        withdrawn += Reminder.objects.filter(pk__in=unsent, sent_at__isnull=True).delete()[0]
        settled += Reminder.objects.filter(pk__in=done, settled_at__isnull=True).update(settled_at=timezone.now())
        forget_unread(r["recipient_id"] for r in rows if r["id"] in done)
    return withdrawn, settled
