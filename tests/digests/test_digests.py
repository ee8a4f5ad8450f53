"""Preferences decide how reminders arrive; digests go out at 08:00 where the person is, once per period; every
e-mail has a Message-ID from its row and a one-click unsubscribe (RFC 8058)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digests.mail import read_unsubscribe_token, unsubscribe_token
from digests.models import Digest, Mode, NoticePreference, NoticeSettings
from digests.services import digest_create_due, digest_deliver_pending, digest_round, notice_unsubscribe
from reminders.delivery import reminder_deliver_pending
from reminders.models import Reminder
from reminders.services import reminder_sweep_create

pytestmark = pytest.mark.django_db


def prefer(user, kind: str, mode: str) -> None:
    NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def test_immediate_by_default_with_message_id_from_the_row_and_one_click_unsubscribe(cast, due_work):
    reminder_sweep_create()
    reminder_deliver_pending()
    reminder = Reminder.objects.get(recipient=cast.partner, kind="task_due")
    message = next(m for m in mail.outbox if m.to == [cast.partner.email] and "Draft the syllabus" in m.subject)
    headers = message.message()
    assert headers["Message-ID"] == f"<reminder-{reminder.pk}@testserver>" or headers["Message-ID"].startswith(
        f"<reminder-{reminder.pk}@"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("http") and "/notices/unsubscribe/" in link
    assert link in message.body
    # The same row gives the same Message-ID on a second attempt.
    from reminders.delivery import build_email

    assert build_email(reminder).extra_headers["Message-ID"] == headers["Message-ID"]


def test_app_only_and_digest_kinds_are_not_emailed_one_by_one(cast, due_work):
    prefer(cast.partner, "task_due", Mode.APP)
    prefer(cast.partner, "milestone_due", Mode.DAILY)
    reminder_sweep_create()
    reminder_deliver_pending()
    assert not [m for m in mail.outbox if m.to == [cast.partner.email]]
    assert Reminder.objects.get(recipient=cast.partner, kind="task_due").delivery == "app"
    assert Reminder.objects.get(recipient=cast.partner, kind="milestone_due").delivery == "daily"
    assert [m for m in mail.outbox if m.to == [cast.learner.email]]  # others keep the default


def test_a_daily_digest_goes_out_at_eight_in_the_persons_time_zone_once(cast, due_work):
    prefer(cast.partner, "task_due", Mode.DAILY)
    prefer(cast.partner, "milestone_due", Mode.DAILY)
    NoticeSettings.objects.create(user=cast.partner, time_zone="Asia/Tokyo")  # UTC+9, no summer time
    reminder_sweep_create()
    day = datetime.now(UTC).date() + timedelta(days=1)
    assert digest_round(now=datetime(day.year, day.month, day.day, 22, 59, tzinfo=UTC) - timedelta(days=1)) == 0
    assert digest_round(now=datetime(day.year, day.month, day.day, 23, 0, tzinfo=UTC) - timedelta(days=1)) == 1
    digest = Digest.objects.get(recipient=cast.partner)
    assert digest.starts_on == day and digest.period == "daily"
    [message] = [m for m in mail.outbox if m.to == [cast.partner.email]]
    assert "Daily digest: 2 reminders" in message.subject
    assert "Draft the syllabus" in message.body and "Outcomes agreed" in message.body
    assert message.message()["Message-ID"].startswith(f"<digest-{digest.pk}@")
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Reminder.objects.filter(digest=digest, sent_at__isnull=False).count() == 2
    # Rounds later that day add nothing: one digest per person and period.
    assert digest_round(now=datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC) - timedelta(days=1)) == 0
    assert Digest.objects.filter(recipient=cast.partner).count() == 1


def test_a_weekly_digest_is_one_per_week(cast, due_work):
    prefer(cast.partner, "task_due", Mode.WEEKLY)
    reminder_sweep_create()
    monday = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
    NoticeSettings.objects.create(user=cast.partner, time_zone="UTC")
    assert digest_round(now=monday) == 1
    assert Digest.objects.get(recipient=cast.partner).starts_on.isoformat() == "2030-01-07"
    Reminder.objects.filter(recipient=cast.partner).update(sent_at=None, digest=None)
    assert digest_round(now=monday + timedelta(days=2)) == 0  # the week's digest exists


def test_a_digest_whose_reminders_were_all_settled_sends_nothing(cast, due_work):
    from phases import services as phase_services

    prefer(cast.partner, "task_due", Mode.DAILY)
    prefer(cast.partner, "milestone_due", Mode.APP)
    reminder_sweep_create()
    digest_create_due(now=datetime.now(UTC) + timedelta(days=1))
    phase_services.task_set_status(actor=cast.partner, task=due_work["soon"], status="done")
    assert digest_deliver_pending() == 0
    assert not [m for m in mail.outbox if m.to == [cast.partner.email]]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    zone=st.sampled_from(["Europe/Brussels", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]),
    minutes=st.integers(min_value=0, max_value=7 * 24 * 60),
)
def test_digests_are_due_only_from_eight_local(cast, zone, minutes):
    from zoneinfo import ZoneInfo

    from digests.services import due_digests

    Reminder.objects.all().delete()
    NoticeSettings.objects.update_or_create(user=cast.partner, defaults={"time_zone": zone})
    # A real content type: on PostgreSQL, ids change once transactional tests have flushed and recreated them.
    course_type = ContentType.objects.get_for_model(cast.course)
    Reminder.objects.create(recipient=cast.partner, kind="task_due", subject_type=course_type,
                            subject_id=cast.course.pk, occasion="x", title="T", delivery="daily")  # fmt: skip
    now = datetime(2030, 3, 25, tzinfo=UTC) + timedelta(minutes=minutes)  # a week across a DST change
    local = now.astimezone(ZoneInfo(zone))
    due = due_digests(now=now)
    assert bool(due) == (local.hour >= 8)
    if due:
        assert due[0].starts_on == local.date()


def test_settings_page_permissions_and_saving(client, cast):
    from tests.utils import expect, matrix

    url = reverse("digests:settings")
    assert matrix(cast, "get", url) == expect(302, 200, 200, 200, 200, 200, 200, 200)
    client.force_login(cast.partner)
    body = client.get(url).content.decode()
    assert "Task due soon" in body and "Daily digest" in body
    data = {"time_zone": "Europe/Warsaw", "mode_task_due": "weekly"}
    data |= {f"mode_{k}": "immediate" for k in __import__("reminders.registry").registry.KIND_LABELS if k != "task_due"}
    assert client.post(url, data).status_code == 302
    assert NoticeSettings.objects.get(user=cast.partner).time_zone == "Europe/Warsaw"
    assert NoticePreference.objects.get(user=cast.partner, kind="task_due").mode == "weekly"


@pytest.mark.parametrize(
    "change", [{"time_zone": "Mars/Olympus"}, {"time_zone": ""}, {"mode_task_due": "hourly"}, {"mode_task_due": ""}]
)
def test_bad_settings_are_refused_at_the_field(client, cast, change):
    from reminders.registry import KIND_LABELS

    client.force_login(cast.partner)
    data = {"time_zone": "Europe/Warsaw"} | {f"mode_{k}": "immediate" for k in KIND_LABELS} | change
    response = client.post(reverse("digests:settings"), data)
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not NoticeSettings.objects.filter(user=cast.partner).exists()


def test_one_click_unsubscribe_post_without_login_or_csrf(cast, due_work):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("digests:unsubscribe", kwargs={"token": unsubscribe_token(user_id=cast.partner.pk, kind="task_due")})
    assert "Stop e-mails for “Task due soon”" in client.get(url).content.decode()
    assert not NoticePreference.objects.filter(user=cast.partner).exists()  # a GET changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "no more e-mails" in response.content.decode()
    assert NoticePreference.objects.get(user=cast.partner, kind="task_due").mode == "app"
    reminder_sweep_create()
    assert Reminder.objects.get(recipient=cast.partner, kind="task_due").delivery == "app"
    assert client.post(url).status_code == 200  # twice: still fine


@pytest.mark.parametrize("token", ["nope", "x" * 600, "e30:1abc:def"])
def test_forged_or_odd_unsubscribe_tokens_are_404(client, db, token):
    url = reverse("digests:unsubscribe", kwargs={"token": token})
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404


def test_a_token_for_an_unknown_kind_is_404_and_a_digest_token_stops_that_digest(client, cast):
    bad = unsubscribe_token(user_id=cast.partner.pk, kind="no_such_kind")
    assert client.post(reverse("digests:unsubscribe", kwargs={"token": bad})).status_code == 404
    prefer(cast.partner, "task_due", Mode.DAILY)
    prefer(cast.partner, "milestone_due", Mode.WEEKLY)
    assert notice_unsubscribe(user_id=cast.partner.pk, kind="digest:daily") == 1
    assert dict(NoticePreference.objects.filter(user=cast.partner).values_list("kind", "mode")) == {
        "task_due": "app", "milestone_due": "weekly"
    }  # fmt: skip
    assert read_unsubscribe_token(unsubscribe_token(user_id=5, kind="x")) == (5, "x")


def test_settings_page_query_count(client, cast, django_assert_num_queries):
    client.force_login(cast.partner)
    client.get(reverse("digests:settings"))
    with django_assert_num_queries(3):  # the session, the preferences, the time zone
        client.get(reverse("digests:settings"))
