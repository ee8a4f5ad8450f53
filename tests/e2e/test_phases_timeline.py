from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from phases.models import Phase, WorkLog
from tests.e2e.conftest import login
from tests.factories.phases import add_task, member, running_design

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_sees_the_timeline_with_an_overrunning_phase_marked(page, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today, days_ago=100)  # planned for 3 months: overrunning by now
    assert design.status_on(today) == "overrunning"
    login(page, cast.leader.email)
    page.get_by_role("link", name=cast.course.title).click()
    page.get_by_role("link", name="Timeline", exact=True).click()
    chart = page.get_by_role("group", name=f"Timeline of {cast.course.title}")
    expect(chart).to_be_visible()
    expect(chart.locator(".ph-status-overrunning .ph-overrun")).to_have_count(1)
    expect(chart.locator("text.ph-overrun-text")).to_contain_text("overrunning by")
    expect(page.get_by_role("row", name="Design").get_by_text("Overrunning")).to_be_visible()
    assert Phase.objects.get(pk=design.pk).actual_end is None


def test_partner_logs_work_on_a_task(page, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)],
             due_on=today + timedelta(days=4))  # fmt: skip
    login(page, cast.partner.email)
    page.get_by_role("link", name="My tasks").click()
    page.get_by_role("link", name="Log work on Draft the syllabus").click()
    form = page.get_by_role("form", name="Log work on Draft the syllabus")
    form.get_by_label("Hours").fill("2.5")
    form.get_by_label("Note").fill("First outline")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Logged 2.5 h")).to_be_visible()
    expect(page.locator("tbody").filter(has_text="Draft the syllabus").get_by_text("2.5 h by you")).to_be_visible()
    log = WorkLog.objects.get()
    assert (log.member.user, log.hours, log.note) == (cast.partner, 2.5, "First outline")
