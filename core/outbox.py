"""A transactional outbox: work that must happen after a commit, and must not be lost if the broker is away.

Why: ``transaction.on_commit(lambda: task.delay(...))`` loses the task for good when the broker (Redis) refuses
the message after the commit, and a worker that dies after the commit but before sending loses it too. Here the
intent is a row (``core.models.OutboxMessage``) written in the same transaction as the change, and a relay makes
sure it runs.

Use it in three steps::

    # <app>/outbox.py (imported at start-up by core: every app's ``outbox`` module is autodiscovered)
    from core import outbox

    @outbox.handler("accounts.invitation")
    def send_invitation(payload: dict) -> None:
        ...  # reload rows by the ids in ``payload``, then send

    # in a service, inside its transaction
    outbox.enqueue("accounts.invitation", {"user_id": user.pk})

- **Payloads** are JSON: ids and plain values, never model instances. The handler reloads what it needs, and
  returns quietly when the work has become moot (the row is gone, the password already set).
- **Once per key**: ``enqueue(kind, payload, key="subscriber:7:event:123")`` creates at most one message per
  (kind, key), enforced by a unique constraint; a second enqueue returns the first message. Webhooks and digests
  use it for "once per subscriber and occasion".
- **Later**: ``enqueue(..., delay=timedelta(minutes=10))`` runs it no earlier than that.

How it runs: when the transaction commits, ``core.tasks.outbox_deliver`` is handed to the broker at once (one
try, no waiting); if the broker is down the message simply waits. Celery beat runs ``core.tasks.outbox_relay``
every ``OUTBOX_RELAY_SECONDS``, which runs every message that is due in the worker itself. A message is claimed
under a row lock with a lease (``OUTBOX_LEASE_SECONDS``): two workers never run it at the same time, and a worker
killed mid-way leaves it to be run again when the lease ends. A handler that raises is retried with exponential
backoff (``OUTBOX_RETRY_BASE_SECONDS``, doubling, at most ``OUTBOX_RETRY_MAX_SECONDS``) up to
``OUTBOX_MAX_ATTEMPTS``; its last error is kept and shown in the admin (Core: Outbox messages), where it can be
run again. Done messages are deleted after ``OUTBOX_KEEP_DAYS``.

Delivery is at least once: a worker killed between the handler's effect and the "done" mark runs it again.
Handlers make a repeat harmless where they can (a claim column, a unique constraint on what they create);
for e-mail the window is one UPDATE.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.models import OutboxMessage

logger = logging.getLogger(__name__)

Handler = Callable[[dict], None]
HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that does the work of messages of ``kind`` (one per kind)."""

    def register(func: Handler) -> Handler:
        existing = HANDLERS.get(kind)
        if existing is not None and existing is not func and existing.__qualname__ != func.__qualname__:
            raise ValueError(f"Outbox kind {kind!r} already has a handler: {existing.__module__}.{existing.__name__}")
        HANDLERS[kind] = func
        return func

    return register


def _setting(name: str, default: int) -> int:
    return getattr(settings, name, default)


def enqueue(kind: str, payload: dict | None = None, *, key: str = "", delay: timedelta | None = None) -> OutboxMessage:
    """Record work to do once the current transaction commits; return its message.

    Call it inside the transaction of the change it follows. With ``key``, a message that already exists for
    (kind, key) is returned instead of a second one.
    """
    if kind not in HANDLERS:
        raise LookupError(f"No outbox handler for {kind!r}: register one with @outbox.handler in <app>/outbox.py")
    available_at = timezone.now() + (delay or timedelta())
    message = OutboxMessage(kind=kind, payload=payload or {}, key=key, available_at=available_at)
    if key:
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            return OutboxMessage.objects.get(kind=kind, key=key)
    else:
        message.save()
    countdown = delay.total_seconds() if delay else None
    transaction.on_commit(lambda: hand_over(message.pk, countdown=countdown))
    return message


def hand_over(message_id: int, *, countdown: float | None = None) -> bool:
    """Give one message to the broker now (one try); False if the broker refused, and the relay will run it."""
    from core.tasks import outbox_deliver

    try:
        outbox_deliver.apply_async((message_id,), countdown=countdown, retry=False)
    except Exception as exc:  # the broker is down or refused: the row waits for the relay
        logger.warning("Outbox message %s waits for the relay: the broker refused it (%s)", message_id, exc)
        return False
    return True


def send_or_wait(task, *args, **kwargs) -> bool:
    """``task.delay(*args, **kwargs)`` that never raises: False when the broker refused (after Celery's publish
    retries, under a second).

    For work that is already recorded in rows of its own and swept by beat (webhook deliveries, reminders): a
    request or task that committed such rows must not fail because the broker is away after the commit.
    """
    return _sent(task, lambda: task.delay(*args, **kwargs))


def send_later_or_wait(task, args: tuple = (), kwargs: dict | None = None, *, countdown: float | None = None) -> bool:
    """``task.apply_async(args, kwargs, countdown=...)`` that never raises (see ``send_or_wait``): for a task that
    schedules its own retry from inside the worker, where a refused broker must leave the row to its sweep rather
    than fail the task that already recorded the outcome."""
    return _sent(task, lambda: task.apply_async(args, kwargs or {}, countdown=countdown))


def _sent(task, send: Callable[[], object]) -> bool:
    """Run ``send``; a refusal by the broker is logged and answered with False (the row waits for its sweep)."""
    try:
        send()
    except Exception as exc:
        logger.warning("%s waits for its sweep: the broker refused it (%s)", task.name, exc)
        return False
    return True


def retry_delay(attempts: int) -> timedelta:
    """Wait after ``attempts`` failures: the base, then twice as long each time, up to the cap."""
    base = _setting("OUTBOX_RETRY_BASE_SECONDS", 60)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), _setting("OUTBOX_RETRY_MAX_SECONDS", 6 * 3600)))


def due(now=None):
    """Messages whose work is due: not done, attempts left, not waiting (backoff, delay or a running lease)."""
    return OutboxMessage.objects.filter(
        done_at__isnull=True,
        attempts__lt=_setting("OUTBOX_MAX_ATTEMPTS", 10),
        available_at__lte=now or timezone.now(),
    )


def _claim(message_id: int | None) -> OutboxMessage | None:
    """Lock one due message (``message_id``'s, or the oldest), count the attempt and lease it; commit at once."""
    now = timezone.now()
    with transaction.atomic():
        candidates = due(now).order_by("pk")
        if message_id is not None:
            candidates = candidates.filter(pk=message_id)
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        else:  # SQLite: take the database's write lock first, so a second claimer waits for this one to commit
            OutboxMessage.objects.filter(pk=-1).update(attempts=0)
        message = candidates.first()
        if message is None:
            return None
        message.attempts += 1
        message.available_at = now + timedelta(seconds=_setting("OUTBOX_LEASE_SECONDS", 600))
        message.save(update_fields=["attempts", "available_at"])
    return message


def _run(message: OutboxMessage) -> str:
    func = HANDLERS.get(message.kind)
    try:
        if func is None:
            raise LookupError(f"No outbox handler for {message.kind!r}")
        func(message.payload)
    except Exception as exc:
        logger.warning("Outbox %s failed (attempt %s): %s", message, message.attempts, exc)
        OutboxMessage.objects.filter(pk=message.pk).update(
            available_at=timezone.now() + retry_delay(message.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return "failed"
    OutboxMessage.objects.filter(pk=message.pk).update(done_at=timezone.now(), last_error="")
    return "done"


def deliver(message_id: int) -> str | None:
    """Run one message if it is due: "done", "failed" (retried later), or None (done already, waiting, or taken)."""
    message = _claim(message_id)
    return None if message is None else _run(message)


@dataclass
class RelayReport:
    done: int = 0
    failed: int = 0
    more: bool = False


def relay(*, limit: int | None = None) -> RelayReport:
    """Run every due message, oldest first (``limit``: at most that many), then forget old done ones."""
    report = RelayReport()
    limit = limit if limit is not None else _setting("OUTBOX_RELAY_BATCH", 500)
    while report.done + report.failed < limit:
        message = _claim(None)
        if message is None:
            break
        if _run(message) == "done":
            report.done += 1
        else:
            report.failed += 1
    else:
        report.more = due().exists()
    keep = timedelta(days=_setting("OUTBOX_KEEP_DAYS", 30))
    OutboxMessage.objects.filter(done_at__lt=timezone.now() - keep).delete()
    return report
