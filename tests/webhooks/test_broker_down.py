"""A worker that meets a broker away loses no webhook: the retry it schedules, and the sweep, leave the delivery
due instead of failing (the row is the record; the next sweep hands it over)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from microcred.celery import app
from tests.core.conftest import broker_down  # noqa: F401  (the fixture)
from tests.factories.accounts import AdminFactory
from tests.factories.quality import consent_all, make_decision
from webhooks import services, tasks
from webhooks.models import Delivery, EventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_delivery(cast, receiver, django_capture_on_commit_callbacks) -> Delivery:
    """One delivery whose receiver answers 500 and whose broker is away: recorded, not yet attempted."""
    receiver.statuses = [500, 500]
    services.subscription_create(
        actor=AdminFactory(), course=cast.course, url=receiver.url, events=[EventType.DECISION_AGREED],
        allow_private_network=True,
    )  # fmt: skip
    consent_all(make_decision(cast.course))  # its on-commit hand-over never runs here
    return Delivery.objects.get()


def test_a_failed_attempt_in_the_worker_with_the_broker_away_keeps_the_delivery_for_the_sweep(
    failing_delivery,
    receiver,
    broker_down,  # noqa: F811
):
    assert tasks.deliver(failing_delivery.pk) == "retry"  # the retry's hand-over is refused, the task does not fail
    failing_delivery.refresh_from_db()
    assert failing_delivery.status == Delivery.Status.PENDING and failing_delivery.attempts == 1
    assert failing_delivery.next_attempt_at > timezone.now()
    assert len(receiver.requests) == 1


def test_a_sweep_with_the_broker_away_stops_quietly_and_the_next_sweep_delivers(
    failing_delivery,
    receiver,
    broker_down,  # noqa: F811
):
    assert tasks.sweep() == 0  # refused: nothing handed over, nothing raised
    assert Delivery.objects.get().status == Delivery.Status.PENDING

    receiver.statuses = []
    app.conf.update(task_always_eager=True)  # the broker is back (the fixture restores the configuration)
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert tasks.sweep() == 1
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED
    assert len(receiver.requests) == 1
