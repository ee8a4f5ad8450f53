"""Two sweeps at once against PostgreSQL: each reminder still created and e-mailed exactly once."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from reminders.delivery import reminder_deliver_pending
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from tests.reminders.test_sweep import _many_due

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL (DATABASE_URL): SQLite has no row locks, so concurrent sweeps serialise anyway.",
    ),
]


def test_two_sweeps_at_once_create_and_send_each_reminder_once(cast):
    _many_due(120)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait(timeout=10)
            reminder_sweep_create()
            reminder_deliver_pending()
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    reminders = Reminder.objects.count()
    assert reminders >= 120 and not Reminder.objects.filter(sent_at__isnull=True).exists()
    sent = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(sent) == reminders == len(set(sent))
