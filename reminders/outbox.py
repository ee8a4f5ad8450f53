"""Work the reminders app leaves to the outbox (core.outbox): sending the reminder e-mails a sweep created.

The reminders themselves are rows, unique per (person, kind, subject, occasion) and marked sent one by one
(reminders.delivery); the outbox message only makes sure a delivery runs after the sweep committed, even if the
broker was away at that moment.
"""

from __future__ import annotations

from core import outbox
from reminders import conf
from reminders.delivery import reminder_deliver_pending

DELIVER = "reminders.deliver"


@outbox.handler(DELIVER)
def deliver(payload: dict) -> None:
    """Send pending reminder e-mails; with many waiting, hand the rest to a fresh message (keeps each run short)."""
    report = reminder_deliver_pending(limit=conf.deliver_batch_limit())
    if report.more:
        outbox.enqueue(DELIVER)
