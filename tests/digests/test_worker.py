"""A real worker sends digests; killed with SIGKILL mid-round and restarted, it sends each digest once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from digests.models import NoticeSettings
from reminders.models import Reminder
from tests.factories.accounts import UserFactory
from tests.reminders.test_worker import CELERY, ROOT, Harness, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PEOPLE = 10


def noon_somewhere() -> str:
    """A fixed-offset zone where it is now about noon, so the round finds everyone due (08:00 passed)."""
    offset = (12 - datetime.now(UTC).hour) % 24
    offset = offset - 24 if offset > 14 else offset
    return "UTC" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


def digest_counts(h: Harness) -> tuple[int, int]:
    with sqlite3.connect(h.db_file) as db:
        return db.execute("SELECT count(*), count(sent_at) FROM digests_digest").fetchone()


def call_round(h: Harness) -> None:
    subprocess.run([CELERY, "-A", "microcred", "call", "digests.tasks.digest_round"],
                   cwd=ROOT, env=h.env, check=True, timeout=60, capture_output=True)  # fmt: skip


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="reads the SQLite copy")
def test_a_worker_killed_mid_round_sends_every_digest_once(tmp_path):
    zone, content_type = noon_somewhere(), ContentType.objects.get_for_model(Reminder)
    people = UserFactory.create_batch(PEOPLE)
    for person in people:
        NoticeSettings.objects.create(user=person, time_zone=zone)
        for i in range(2):
            Reminder.objects.create(recipient=person, kind="task_due", subject_type=content_type, subject_id=i + 1,
                                    occasion=f"due:{i}", title=f"Task {i} is due", delivery="daily")  # fmt: skip
    h = Harness(tmp_path)
    h.share_database()
    with h.worker(send_delay=0.3) as proc:
        call_round(h)
        wait_until(lambda: len(h.mailbox()) >= 3, timeout=40)
        time.sleep(0.15)  # inside the next digest's (slow) delivery
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    created, sent = digest_counts(h)
    assert created == PEOPLE and sent < PEOPLE  # killed with digests still to send
    with h.worker():
        call_round(h)  # what beat does every DIGEST_ROUND_MINUTES
        wait_until(lambda: digest_counts(h) == (PEOPLE, PEOPLE), timeout=40)
        call_round(h)
        time.sleep(1.0)  # a second round adds nothing
    mailbox = h.mailbox()
    assert digest_counts(h) == (PEOPLE, PEOPLE)
    assert sorted(to for to, _s in mailbox) == sorted(p.email for p in people)  # each person once
    assert all("Daily digest: 2 reminders" in subject for _to, subject in mailbox)
