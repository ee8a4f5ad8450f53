"""Reminders settle themselves: once their subject is settled, unsent ones are withdrawn and sent ones show as
settled (not counted in the bell, not a call to act); a date in the past is written in the past tense."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phases import services as phase_services
from reminders.models import Reminder
from reminders.services import reminder_sweep_create, reminders_settle, unread_count
from support.models import Consultation

pytestmark = pytest.mark.django_db


def test_a_task_done_withdraws_unsent_reminders_at_once_and_settles_sent_ones(cast, due_work):
    reminder_sweep_create()
    Reminder.objects.filter(recipient=cast.partner).update(sent_at=timezone.now())
    assert unread_count(cast.partner.pk) == 2
    phase_services.task_set_status(actor=cast.partner, task=due_work["soon"], status="done")
    assert not Reminder.objects.filter(recipient=cast.learner, kind="task_due").exists()  # never sent: withdrawn
    sent = Reminder.objects.get(recipient=cast.partner, kind="task_due")
    assert sent.settled_at is not None
    assert unread_count(cast.partner.pk) == 1  # the milestone still calls for action


def test_the_list_shows_a_settled_reminder_as_settled_without_a_call_to_act(client, cast, due_work):
    reminder_sweep_create()
    Reminder.objects.update(sent_at=timezone.now())
    phase_services.task_set_status(actor=cast.partner, task=due_work["soon"], status="done")
    client.force_login(cast.partner)
    body = client.get(reverse("reminders:list")).content.decode()
    settled = body.split('id="reminder-')[1:]
    task_row = next(row for row in settled if "Draft the syllabus" in row)
    assert "Settled" in task_row and "Mark as read" not in task_row and "nothing left to do" in task_row
    milestone_row = next(row for row in settled if "Outcomes agreed" in row)
    assert "Settled" not in milestone_row and "Mark as read" in milestone_row


def test_a_consultation_held_and_a_phase_started_settle_their_reminders(cast, due_work):
    today = timezone.localdate()
    consultation = Consultation.objects.filter(course=cast.course).first()
    Consultation.objects.filter(pk=consultation.pk).update(status="requested", held_on=None,
                                                           due_by=today - timedelta(days=1))  # fmt: skip
    reminder_sweep_create()
    assert Reminder.objects.filter(kind="support_consultation_lapsed").exists()
    Reminder.objects.update(sent_at=timezone.now())
    consultation.refresh_from_db()
    consultation.status, consultation.held_on = "held", today
    consultation.save()
    assert not Reminder.objects.filter(kind="support_consultation_lapsed", settled_at__isnull=True).exists()


def test_writes_that_bypass_save_are_settled_by_the_next_sweep(cast, due_work):
    reminder_sweep_create()
    type(due_work["soon"]).objects.filter(pk=due_work["soon"].pk).update(status="done")  # no signal
    assert Reminder.objects.filter(kind="task_due").count() == 2
    assert reminders_settle() == (2, 0)  # both withdrawn, none had been sent
    assert not Reminder.objects.filter(kind="task_due").exists()


def test_a_due_soon_reminder_reads_in_the_past_tense_once_its_date_has_passed(client, cast, due_work, monkeypatch):
    reminder_sweep_create()
    reminder = Reminder.objects.get(recipient=cast.partner, kind="task_due")
    due_on = due_work["soon"].due_on
    assert reminder.current_title.startswith("Task “Draft the syllabus” is due on")
    later = due_on + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    assert reminder.current_title.startswith("Task “Draft the syllabus” was due on")
    client.force_login(cast.partner)
    assert "“Draft the syllabus” was due on" in client.get(reverse("reminders:list")).content.decode()
