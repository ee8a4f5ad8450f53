"""A real Celery worker process delivers webhooks: each delivered once, never again after a success, and a
worker killed mid-delivery leaves nothing undelivered (see tests/reminders/test_worker.py for the harness)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

import pytest
from standardwebhooks.webhooks import Webhook

from tests.factories.accounts import AdminFactory
from tests.factories.quality import consent_all, make_decision
from tests.reminders.test_worker import CELERY, ROOT, Harness, wait_until
from webhooks import services, tasks
from webhooks.models import Delivery, EventType

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def succeeded(h: Harness) -> int:
    if h.db_file is None:
        return Delivery.objects.filter(status=Delivery.Status.SUCCEEDED).count()
    with sqlite3.connect(h.db_file) as db:
        return db.execute("SELECT count(*) FROM webhooks_delivery WHERE status = 'succeeded'").fetchone()[0]


def call_sweep(h: Harness) -> None:
    subprocess.run(
        [CELERY, "-A", "microcred", "call", "webhooks.tasks.sweep"],
        cwd=ROOT, env=h.env, check=True, timeout=60, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def agreed_decisions(cast, receiver, monkeypatch):
    """Six agreed decisions with a delivery each, left for the worker (nothing sent from the test process)."""
    monkeypatch.setattr(tasks.deliver, "delay", lambda *args, **kwargs: None)
    subscription = services.subscription_create(
        actor=AdminFactory(), course=cast.course, url=receiver.url, events=[EventType.DECISION_AGREED],
        allow_private_network=True,
    )  # fmt: skip
    for i in range(6):
        consent_all(make_decision(cast.course, title=f"Decision {i}"))
    assert Delivery.objects.filter(status=Delivery.Status.PENDING).count() == 6
    return subscription


def test_a_real_worker_delivers_each_webhook_once(cast, receiver, agreed_decisions, tmp_path):
    h = Harness(tmp_path)
    h.share_database()
    with h.worker():
        call_sweep(h)
        wait_until(lambda: succeeded(h) == 6, timeout=60)
        call_sweep(h)  # what beat does every few minutes: nothing is left to send
        time.sleep(1.5)
    assert len(receiver.requests) == 6
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 6
    for received in receiver.requests:
        assert Webhook(agreed_decisions.secret).verify(received.body, received.headers)["type"] == "decision.agreed"


def test_a_worker_killed_mid_delivery_and_restarted_delivers_everything_and_nothing_twice_after_success(
    cast, receiver, agreed_decisions, tmp_path
):
    receiver.delay = 0.4
    h = Harness(tmp_path)
    h.share_database()
    with h.worker() as proc:
        call_sweep(h)
        receiver.wait_for(2, timeout=60)
        time.sleep(0.2)  # inside the next delivery, before its answer is committed
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done_before_restart = succeeded(h)
    assert done_before_restart < 6
    with h.worker():
        call_sweep(h)
        wait_until(lambda: succeeded(h) == 6, timeout=60)
        call_sweep(h)
        time.sleep(1.5)
    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert len(set(ids)) == 6  # every event arrived
    # Only a delivery whose answer the killed worker never committed can arrive twice (same webhook-id, so the
    # receiver can tell); none that was recorded as delivered was sent again.
    assert len(ids) - 6 <= 6 - done_before_restart
    assert len(ids) <= 7
