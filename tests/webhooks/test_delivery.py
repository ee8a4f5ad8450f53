"""Events reach their subscribers signed, are retried with backoff, recorded with the receiver's answers, and
are never delivered again once delivered (in-process here; tests/webhooks/test_worker.py uses a real worker)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from phases import services as phase_services
from tests.factories.accounts import AdminFactory
from tests.factories.phases import add_task, member, plan_phases
from tests.factories.quality import consent_all, make_decision, make_edition, submit_report
from tests.factories.teams import CourseFactory, add_partner
from webhooks import services, tasks
from webhooks.models import Attempt, Delivery, Event, EventType, Subscription

pytestmark = pytest.mark.django_db


def subscribe(course, url: str, events, **kw) -> Subscription:
    """As an admin who allowed the test receiver's loopback address."""
    return services.subscription_create(
        actor=AdminFactory(), course=course, url=url, events=events, allow_private_network=True, **kw
    )


def test_an_agreed_decision_is_delivered_signed_and_recorded(cast, receiver, django_capture_on_commit_callbacks):
    subscription = subscribe(cast.course, receiver.url, [EventType.DECISION_AGREED])
    decision = make_decision(cast.course)
    with django_capture_on_commit_callbacks(execute=True):
        consent_all(decision)
    assert len(receiver.requests) == 1
    received = receiver.requests[0]
    payload = Webhook(subscription.secret).verify(received.body, received.headers)
    assert payload["type"] == "decision.agreed"
    assert payload["data"]["decision"]["id"] == decision.pk
    assert payload["data"]["course"]["slug"] == cast.course.slug
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.response_status == 200
    assert received.headers["webhook-id"] == delivery.event.message_id
    attempt = Attempt.objects.get()
    assert attempt.response_status == 200 and attempt.response_body == "thanks"


def test_a_failed_delivery_is_retried_with_backoff_and_never_sent_again_after_success(
    cast, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    subscribe(cast.course, receiver.url, [EventType.DECISION_AGREED])
    with django_capture_on_commit_callbacks(execute=True):
        consent_all(make_decision(cast.course))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert delivery.response_status == 500 and delivery.last_error == "HTTP 500"
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)  # backoff, not at once
    assert tasks.deliver(delivery.pk) is None and len(receiver.requests) == 1  # not due yet
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert tasks.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempts == 2
    assert len(receiver.requests) == 2
    assert receiver.requests[0].headers["webhook-id"] == receiver.requests[1].headers["webhook-id"]
    assert tasks.deliver(delivery.pk) is None and tasks.sweep() == 0
    assert len(receiver.requests) == 2
    assert list(Attempt.objects.values_list("response_status", flat=True)) == [500, 200]


def test_a_delivery_is_given_up_after_the_last_attempt(cast, receiver, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.statuses = [503, 503, 503]
    subscribe(cast.course, receiver.url, [EventType.DECISION_AGREED])
    with django_capture_on_commit_callbacks(execute=True):
        consent_all(make_decision(cast.course))
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    tasks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 2
    assert tasks.sweep() == 0


def test_an_unreachable_receiver_is_recorded_as_an_error(cast, django_capture_on_commit_callbacks):
    subscribe(cast.course, "http://127.0.0.1:9/nothing-listens", [EventType.DECISION_AGREED])
    with django_capture_on_commit_callbacks(execute=True):
        consent_all(make_decision(cast.course))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.response_status is None
    assert "ConnectionError" in delivery.last_error


def test_each_event_goes_only_to_its_subscribers(cast, receiver, django_capture_on_commit_callbacks):
    subscribe(cast.course, receiver.url, [EventType.TASK_DONE, EventType.PHASE_STARTED])
    subscribe(cast.other_course, receiver.url, [EventType.TASK_DONE])  # another course: hears nothing of this one
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        phases = plan_phases(cast.course, today - timedelta(days=5))
        phase_services.phase_record_actual(
            actor=cast.leader, phase=phases["design"], actual_start=today - timedelta(days=5), actual_end=None
        )
        task = add_task(phases["design"], assignees=[member(cast.course, cast.partner)])
        phase_services.task_set_status(actor=cast.partner, task=task, status="in_progress")
        phase_services.task_set_status(actor=cast.partner, task=task, status="done")
        phase_services.task_set_status(actor=cast.partner, task=task, status="done")  # already done: no event
        consent_all(make_decision(cast.course))  # not subscribed
    types = [r.payload["type"] for r in receiver.requests]
    assert types == ["phase.started", "task.done"]
    assert receiver.requests[1].payload["data"]["task"]["id"] == task.pk


def test_an_admin_subscribes_every_course_of_an_institution(cast, receiver, django_capture_on_commit_callbacks):
    institution = cast.course.lead_institution
    services.subscription_create(
        actor=AdminFactory(), institution=institution, url=receiver.url, events=[EventType.EVALUATION_SUBMITTED],
        allow_private_network=True,
    )  # fmt: skip
    elsewhere = CourseFactory()
    add_partner(elsewhere, institution)
    with django_capture_on_commit_callbacks(execute=True):
        submit_report(make_edition(cast.course), cast.course.lead_institution)
        submit_report(make_edition(cast.other_course), cast.other_course.lead_institution)  # not theirs
    assert [r.payload["data"]["course"]["slug"] for r in receiver.requests] == [cast.course.slug]


def test_a_change_rolled_back_announces_nothing(cast, receiver, django_capture_on_commit_callbacks):
    subscribe(cast.course, receiver.url, [EventType.DECISION_AGREED])
    decision = make_decision(cast.course)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        consent_all(decision)
        raise RuntimeError("the request failed after the change")
    assert not Event.objects.exists() and receiver.requests == []


def test_the_database_refuses_a_second_delivery_of_an_event_to_a_subscription(cast, receiver):
    subscription = subscribe(cast.course, receiver.url, [EventType.DECISION_AGREED])
    consent_all(make_decision(cast.course))  # no commit here: the delivery is recorded, not sent
    delivery = Delivery.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(event=delivery.event, subscription=subscription)


def test_a_passed_gate_is_delivered(cast, receiver, django_capture_on_commit_callbacks):
    from governance.services import gates
    from tests.factories.governance import design_running

    subscribe(cast.course, receiver.url, [EventType.GATE_PASSED])
    today = timezone.localdate()
    design_running(cast.course, today)
    with django_capture_on_commit_callbacks(execute=True):
        gates.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=today, reason="Funder.")
    assert [r.payload["type"] for r in receiver.requests] == ["gate.passed"]
    gate = receiver.requests[0].payload["data"]["gate"]
    assert gate["gate"] == "development" and gate["reason"] == "Funder." and len(gate["unmet_conditions"]) == 4


def test_a_delivery_queued_before_archiving_is_still_delivered_and_no_new_event_follows(
    cast, receiver, django_capture_on_commit_callbacks
):
    """It describes what happened while the course was open, so it goes out; archiving announces nothing new."""
    from teams.archive import course_archive

    receiver.statuses = [503]
    subscribe(cast.course, receiver.url, [EventType.DECISION_AGREED])
    with django_capture_on_commit_callbacks(execute=True):
        consent_all(make_decision(cast.course))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING  # the receiver was down: waiting for its retry
    course = course_archive(actor=cast.leader, course=cast.course)
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert tasks.deliver(delivery.pk) == "succeeded"
    assert len(receiver.requests) == 2
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SUCCEEDED
    assert services.event_emit(type=EventType.DECISION_AGREED, course=course, data={}) is None
    assert Event.objects.count() == 1 and Delivery.objects.count() == 1
