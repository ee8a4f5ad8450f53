"""The outbox: nothing a person asked for is lost because the broker was away, and nothing is done twice."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from core.tasks import outbox_relay
from microcred.celery import app
from reminders.models import Reminder
from reminders.tasks import sweep
from teams.models import Membership
from tests.factories.phases import add_task, member, running_design

pytestmark = pytest.mark.django_db
Role = Membership.Role

CALLS: list[dict] = []


@outbox.handler("tests.record")
def record(payload: dict) -> None:
    if payload.get("fail"):
        raise OSError("mail server away")
    CALLS.append(payload)


@pytest.fixture(autouse=True)
def _no_calls():
    CALLS.clear()


def add_member(client, cast, email="ana@example.org"):
    data = {"member-email": email, "member-role": Role.LEARNER, "member-institution": cast.course.lead_institution.pk}
    return client.post(reverse("teams:member_add", kwargs={"slug": cast.course.slug}), data)


def test_broker_down_then_up_the_invitation_arrives_once(client, cast, broker_down, django_capture_on_commit_callbacks):
    client.force_login(cast.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = add_member(client, cast)
    assert response.status_code == 302  # the member is added although the broker refused the e-mail's task
    assert Membership.objects.filter(course=cast.course, user__email="ana@example.org").exists()
    assert mail.outbox == []
    message = OutboxMessage.objects.get(kind="accounts.invitation")
    assert message.done_at is None

    app.conf.update(task_always_eager=True)  # the broker is back: beat runs the relay
    outbox_relay.apply()
    outbox_relay.apply()
    outbox.deliver(message.pk)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "set your password" in mail.outbox[0].body.lower() or "password" in mail.outbox[0].body.lower()
    assert OutboxMessage.objects.get(pk=message.pk).done_at is not None


def test_with_the_broker_up_the_invitation_goes_at_once(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.leader)
    with django_capture_on_commit_callbacks(execute=True):
        add_member(client, cast)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    outbox_relay.apply()
    assert len(mail.outbox) == 1


def test_a_change_rolled_back_leaves_no_message(cast):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("tests.record", {"n": 1})
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.exists()


def test_a_key_makes_one_message_per_occasion(cast):
    first = outbox.enqueue("tests.record", {"n": 1}, key="subscriber:1:event:9")
    again = outbox.enqueue("tests.record", {"n": 2}, key="subscriber:1:event:9")
    assert first.pk == again.pk and OutboxMessage.objects.count() == 1
    outbox.relay()
    outbox.relay()
    assert CALLS == [{"n": 1}]


def test_a_failing_handler_is_retried_with_backoff_then_kept_with_its_error(cast, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = outbox.enqueue("tests.record", {"fail": True})
    assert outbox.deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert message.attempts == 1 and "mail server away" in message.last_error
    assert message.available_at > timezone.now() + timedelta(seconds=50)  # backing off
    assert outbox.relay().failed == 0  # not due yet
    for _ in range(5):
        OutboxMessage.objects.update(available_at=timezone.now())
        outbox.relay()
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 3  # then it waits for an admin


def test_a_worker_killed_mid_run_leaves_the_message_to_run_again_after_its_lease(cast):
    message = outbox.enqueue("tests.record", {"n": 1})
    claimed = outbox._claim(message.pk)  # claimed, then the worker dies before the handler ran
    assert claimed is not None
    assert outbox.relay().done == 0  # leased: no second worker takes it meanwhile
    OutboxMessage.objects.update(available_at=timezone.now())  # the lease ended
    assert outbox.relay().done == 1 and CALLS == [{"n": 1}]


def test_an_unknown_kind_is_refused_when_enqueued(cast):
    with pytest.raises(LookupError):
        outbox.enqueue("nobody.handles.this")


def test_a_sweep_with_the_broker_down_sends_its_reminders_once_the_relay_runs(
    cast, broker_down, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    add_task(design, title="Draft", assignees=[member(cast.course, cast.partner)], due_on=today + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        sweep.run()
    assert Reminder.objects.exists() and mail.outbox == []
    app.conf.update(task_always_eager=True)
    outbox_relay.apply()
    sent = len(mail.outbox)
    assert sent == Reminder.objects.count() and sent > 0
    outbox_relay.apply()
    assert len(mail.outbox) == sent


@pytest.mark.parametrize("task_name", ["outbox_deliver", "outbox_relay"])
def test_a_database_hiccup_schedules_a_retry_instead_of_failing(cast, task_name):
    from celery.exceptions import Retry

    from core import tasks

    message = outbox.enqueue("tests.record", {"n": 1})
    task = getattr(tasks, task_name)
    args = (message.pk,) if task_name == "outbox_deliver" else ()
    hiccup = OperationalError("terminating connection due to administrator command")
    with mock.patch.object(outbox, "_claim", side_effect=hiccup), pytest.raises(Retry) as retry:
        task.apply(args)
    assert task.retry_backoff and 0 <= retry.value.when <= 600  # later, with backoff and jitter
    task.apply(args)  # the retry, once the database answers again
    assert CALLS == [{"n": 1}]


def test_the_reminder_sweep_retries_after_a_database_hiccup(cast):
    from celery.exceptions import Retry

    hiccup = OperationalError("server closed the connection unexpectedly")
    with mock.patch("reminders.tasks.reminder_sweep_create", side_effect=hiccup), pytest.raises(Retry):
        sweep.apply()
