"""A real Celery worker process runs the sweep; a worker killed mid-sweep and restarted sends each e-mail once.

The worker is started with CELERY_TASK_ALWAYS_EAGER=false against the real broker (Redis when REDIS_URL is
set, else the filesystem broker in a temporary BROKER_DIR). It must see the test's data: on PostgreSQL it
connects to the test database itself; on SQLite the in-memory test database is copied to a file it opens.
E-mails go to a file-based mailbox both processes read.
"""

from __future__ import annotations

import email
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from reminders.models import Reminder
from tests.factories.phases import add_task, member

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
CELERY = str(Path(sys.executable).parent / "celery")
SEPARATOR = b"-" * 79


class Harness:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "microcred.settings.test",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_BACKEND": "tests.reminders.mail.SlowFileBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "BROKER_DIR": str(tmp / "broker"),
            "PYTHONPATH": str(ROOT),
        }
        self.db_file: Path | None = None
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
            self.env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        else:
            self.db_file = tmp / "db.sqlite3"
            self.env["DATABASE_URL"] = f"sqlite:///{self.db_file}"
        if settings.REDIS_URL:
            import redis

            redis.Redis.from_url(settings.REDIS_URL).delete("celery")  # no message left over from earlier runs

    def share_database(self) -> None:
        """Give the worker the data created so far (SQLite: copy the in-memory test database to a file)."""
        if self.db_file is not None:
            connection.ensure_connection()
            target = sqlite3.connect(self.db_file)
            connection.connection.backup(target)
            target.close()

    def counts(self) -> tuple[int, int]:
        """(reminders, reminders marked sent), as the worker left them."""
        if self.db_file is None:
            return Reminder.objects.count(), Reminder.objects.filter(sent_at__isnull=False).count()
        with sqlite3.connect(self.db_file) as db:
            return db.execute("SELECT count(*), count(sent_at) FROM reminders_reminder").fetchone()

    def mailbox(self) -> list[tuple[str, str]]:
        """(to, subject) of every e-mail written so far."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(SEPARATOR):
                if chunk.strip():
                    msg = email.message_from_bytes(chunk.strip())
                    messages.append((msg["To"], str(make_header(decode_header(msg["Subject"])))))
        return messages

    @contextmanager
    def worker(self, *, send_delay: float = 0.0):
        log = (self.tmp / f"worker-{uuid.uuid4().hex[:6]}.log").open("wb")
        proc = subprocess.Popen(
            [CELERY, "-A", "microcred", "worker", "--pool=solo", "--without-heartbeat", "--without-gossip",
             "--without-mingle", "--loglevel=INFO", "-n", f"test-{uuid.uuid4().hex[:8]}@%h"],
            cwd=ROOT, env={**self.env, "REMINDER_TEST_SEND_DELAY": str(send_delay)},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            wait_until(lambda: b" ready." in Path(log.name).read_bytes() or proc.poll() is not None, timeout=40)
            assert proc.poll() is None, Path(log.name).read_text()
            yield proc
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            log.close()

    def call_sweep(self) -> None:
        subprocess.run(
            [CELERY, "-A", "microcred", "call", "reminders.tasks.sweep"],
            cwd=ROOT, env=self.env, check=True, timeout=60, capture_output=True,
        )  # fmt: skip


def wait_until(condition, timeout: float, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the worker")
        time.sleep(interval)


def test_a_real_worker_runs_the_sweep_and_the_email_is_delivered(cast, due_work, tmp_path):
    h = Harness(tmp_path)
    h.share_database()
    with h.worker():
        h.call_sweep()
        wait_until(lambda: h.counts() == (5, 5), timeout=40)
    mailbox = h.mailbox()
    assert len(mailbox) == 5
    assert any(to == cast.partner.email and "Draft the syllabus" in subject for to, subject in mailbox)


def test_a_worker_killed_mid_sweep_and_restarted_sends_every_reminder_once(cast, due_work, tmp_path):
    tomorrow = timezone.localdate() + timedelta(days=1)
    for i in range(12):
        add_task(due_work["design"], title=f"Review unit {i}", assignees=[member(cast.course, cast.partner)],
                 due_on=tomorrow)  # fmt: skip
    expected = 5 + 12
    h = Harness(tmp_path)
    h.share_database()
    with h.worker(send_delay=0.3) as proc:
        h.call_sweep()
        wait_until(lambda: len(h.mailbox()) >= 3, timeout=40)
        time.sleep(0.15)  # inside the next e-mail's (slow) delivery, before it is written
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    created, sent = h.counts()
    assert created == expected and sent < expected  # killed with reminders still to send
    with h.worker():
        h.call_sweep()  # what beat does every few minutes
        wait_until(lambda: h.counts() == (expected, expected), timeout=40)
        time.sleep(0.5)  # nothing more arrives
    mailbox = h.mailbox()
    assert len(mailbox) == expected
    assert len(set(mailbox)) == expected  # none twice
