"""Work the digests app leaves to the outbox (core.outbox): sending the digests a round created.

The digests are rows, unique per (person, period, start) and marked sent one by one (digests.services); the
outbox message makes sure a delivery runs after the round committed, even if the broker was away then.
"""

from __future__ import annotations

from core import outbox
from digests.services import digest_deliver_pending

DELIVER = "digests.deliver"
BATCH = 500


@outbox.handler(DELIVER)
def deliver(payload: dict) -> None:
    """Send pending digests; with many waiting, hand the rest to a fresh message (keeps each run short)."""
    if digest_deliver_pending(limit=BATCH) >= BATCH:
        outbox.enqueue(DELIVER)
