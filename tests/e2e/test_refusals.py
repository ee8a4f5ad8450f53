"""A refused htmx action shows its reason on the page instead of doing nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from phases.models import Task
from phases.services.work import task_update
from tests.e2e.conftest import login
from tests.factories.phases import add_task, member, running_design

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_status_change_shows_the_reason_in_a_notice(page, cast):
    design = running_design(cast.course, timezone.localdate())
    task = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)],
                    due_on=timezone.localdate() + timedelta(days=4))  # fmt: skip
    login(page, cast.partner.email)
    page.goto(design.get_absolute_url())
    select = page.get_by_label("Status of Draft the syllabus")
    expect(select).to_be_visible()
    # Meanwhile the leader takes the partner off the task: the page in front of them is now out of date.
    task_update(actor=cast.leader, task=task, title=task.title, description="", assignees=[],
                due_on=task.due_on, status=task.status, co_creation_aspect="")  # fmt: skip
    select.select_option("done")
    notice = page.locator("#mc-notices").get_by_role("alert")
    expect(notice).to_contain_text("Only the task's assignees and the course leader change its status.")
    notice.get_by_role("button", name="Close").click()
    expect(notice).to_be_hidden()
    assert Task.objects.get(pk=task.pk).status == "todo"
