"""Deleting from the phase page asks inline first; the reminders' Unread pill follows marking read."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from phases.models import Task
from reminders.services import reminder_sweep_create
from tests.e2e.conftest import login
from tests.factories.phases import add_milestone, add_task, member, running_design

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_deletes_a_task_inline_after_confirming(page, cast):
    design = running_design(cast.course, timezone.localdate())
    add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)])
    add_task(design, title="Survey employers")
    login(page, cast.leader.email)
    page.goto(design.get_absolute_url())
    page.get_by_role("link", name="Delete task Draft the syllabus").click()
    confirm = page.get_by_role("form", name="Delete Draft the syllabus")
    expect(confirm).to_contain_text("Its assignees will no longer see it.")
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    page.get_by_role("link", name="Delete task Draft the syllabus").click()
    page.get_by_role("form", name="Delete Draft the syllabus").get_by_role("button", name="Delete task").click()
    expect(page.get_by_role("status").filter(has_text="Task “Draft the syllabus” deleted.")).to_be_visible()
    assert list(Task.objects.values_list("title", flat=True)) == ["Survey employers"]


def test_marking_a_reminder_read_updates_the_unread_pill(page, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    add_task(design, title="Draft the syllabus", due_on=today + timedelta(days=3),
             assignees=[member(cast.course, cast.partner)])  # fmt: skip
    add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=5))
    reminder_sweep_create()
    login(page, cast.partner.email)
    page.goto("/reminders/")
    pills = page.get_by_role("list", name="Which reminders")
    expect(pills.get_by_role("link", name="Unread (2)")).to_be_visible()
    page.get_by_role("button", name="Mark as read: Task “Draft the syllabus” is due").first.click()
    expect(pills.get_by_role("link", name="Unread (1)")).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()
    expect(pills.get_by_role("link", name="Unread", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Mark all as read")).to_have_count(0)
