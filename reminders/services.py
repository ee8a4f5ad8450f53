"""Creating reminders and marking them read. Delivery (e-mail, retries) lives in reminders.delivery."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, models, transaction
from django.utils import timezone, translation

from accounts.models import User
from core.i18n import LazyText, languages_by_user_id
from reminders import mailing
from reminders.models import Reminder
from reminders.registry import Due, providers, settlements

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

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

    Titles are stored as text: a lazy title (``core.i18n.LazyText``) is rendered here, in the language the
    recipient reads, never the sweep's; plain str titles (and sweeps with no lazy title) cost nothing, not even a
    query. The language is switched once per language, and a title several people share (a task's assignees) is
    written once per language.
    """
    lazy = [d for d in due if not (isinstance(d.title, str) and isinstance(d.past_title, str))]
    languages = languages_by_user_id(d.recipient_id for d in lazy)
    by_language: dict[str | None, list[Due]] = {}
    for d in lazy:
        by_language.setdefault(languages.get(d.recipient_id), []).append(d)
    texts: dict[int, tuple[str, str]] = {}
    for language, group in by_language.items():
        memo: dict[object, str] = {}  # translations, dates and titles already written in this language
        with translation.override(language):
            for d in group:
                texts[id(d)] = (_write(d.title, memo), _write(d.past_title, memo))
    return [(d, *texts[id(d)]) if id(d) in texts else (d, _fit(str(d.title)), _fit(str(d.past_title))) for d in due]


def _write(title: StrOrPromise | LazyText, memo: dict[object, str]) -> str:
    if isinstance(title, str):
        return _fit(title)
    key = ("title", id(title))  # the title objects live as long as the sweep: their ids stay theirs
    text = memo.get(key)
    if text is None:
        text = memo[key] = _fit(title.render(memo) if isinstance(title, LazyText) else str(title))
    return text


def _fit(text: str, limit: int = 300) -> str:
    """A title cut to what the column holds, with an ellipsis that shows it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reminders_due(*, today: date | None = None) -> list[Due]:
    """Everything every registered provider says is due today, except about archived courses (teams.archive)."""
    from teams.archive import archived_course_ids

    today = today or timezone.localdate()
    archived = archived_course_ids()
    return [due for produce in providers() for due in produce(today) if due.course_id not in archived]


# The columns the sweep writes; the others start empty (sent_at, read_at, digest, settled_at...).
_SWEEP_COLUMNS = (
    "recipient_id", "kind", "subject_type_id", "subject_id", "occasion", "course_id", "title", "url", "due_on",
    "past_title", "delivery", "created_at", "attempts", "last_error",
)  # fmt: skip


@transaction.atomic
def reminder_sweep_create(*, today: date | None = None) -> int:
    """Insert every due reminder that does not exist yet; return how many rows were offered.

    Idempotent and safe under concurrency: the unique constraint turns a duplicate insert into a no-op
    (ON CONFLICT DO NOTHING), whether it comes from this sweep run twice or from another sweep at once.
    """
    if connection.vendor == "postgresql":
        # The providers' hash joins (1.4 million task assignments at 10,000 courses) and the insert's sort of a
        # quarter of a million rows stay in memory, not in batches on disk: the task query 1.45 s -> 1.1 s.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
    due = reminders_due(today=today)
    delivery = mailing.deliveries_for(  # the digests app keeps each person's choice per kind
        {d.recipient_id for d in due}
    )
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (d.recipient_id, d.kind, d.subject_type_id, d.subject_id, d.occasion, d.course_id, title, d.url[:300],
         ops.adapt_datefield_value(d.due_on), past_title, delivery(d.recipient_id, d.kind), now, 0, "")
        for d, title, past_title in _in_recipients_language(due)
    ]  # fmt: skip
    _insert_new(rows)
    forget_unread(d.recipient_id for d in due)  # no save signals here
    # What was settled since (by a write that bypassed the save signals, or before this sweep's inserts) goes too.
    reminders_settle()
    return len(due)


def _insert_new(rows: list[tuple[Any, ...]]) -> None:
    """Insert the rows (``_SWEEP_COLUMNS``) that are not there yet, in the order of the unique key.

    Written in SQL rather than with bulk_create: at 10,000 courses the sweep offers about 260,000 rows, and
    making a model instance of each and preparing its every field took most of its time (docs/performance.md).
    On PostgreSQL the rows go in by COPY to a temporary table, then one INSERT … SELECT … ON CONFLICT DO NOTHING;
    elsewhere (SQLite: `make run`, local tests) one INSERT … ON CONFLICT DO NOTHING per row. The fixed order
    means two sweeps at once wait for each other's rows in the same order, never in a cycle (no deadlock).
    """
    if not rows:
        return
    table = Reminder._meta.db_table
    columns = ", ".join(_SWEEP_COLUMNS)
    key = "recipient_id, kind, subject_type_id, subject_id, occasion"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE reminder_sweep_rows ON COMMIT DROP AS SELECT {columns} FROM {table} "
                "WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY reminder_sweep_rows ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM reminder_sweep_rows ORDER BY {key} "
                "ON CONFLICT DO NOTHING"
            )
            cursor.execute("DROP TABLE reminder_sweep_rows")
        else:
            placeholders = ", ".join(["%s"] * len(_SWEEP_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING", rows)


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
