"""The timeline and a phase page at a laptop's and a phone's width: labels readable, the chart scrolls in its own
box (never the page), and tasks drawn as bars. Screenshots go to $SCREENSHOT_DIR when set, for a person to look."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from phases.models import Phase
from tests.e2e.conftest import login
from tests.factories.phases import add_milestone, add_task, member, running_design

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_timeline_and_phase_page_fit_the_screen(page, cast, width):
    today = timezone.localdate()
    design = running_design(cast.course, today, days_ago=40)
    partner, learner = member(cast.course, cast.partner), member(cast.course, cast.learner)
    for days, title in [(-10, "Needs analysis done"), (2, "Outcomes agreed"), (5, "Stakeholder workshop"),
                        (30, "Syllabus drafted"), (33, "Assessment plan")]:  # fmt: skip
        add_milestone(design, owner=partner, due_on=today + timedelta(days=days), title=title)
    development = Phase.objects.get(course=cast.course, kind=Phase.Kind.DEVELOPMENT)
    add_milestone(development, owner=partner, due_on=development.planned_start + timedelta(days=20), title="Pilot unit")
    add_task(design, title="Draft the syllabus", assignees=[partner, learner], due_on=today + timedelta(days=4))
    add_task(design, title="Survey employers", assignees=[partner], due_on=today + timedelta(days=25))
    add_task(design, title="Collect reading lists", assignees=[], due_on=today - timedelta(days=3))
    add_task(design, title="Write the course page", assignees=[learner])
    page.set_viewport_size({"width": width, "height": 900})
    login(page, cast.leader.email)
    shots = os.environ.get("SCREENSHOT_DIR")

    page.goto(f"/courses/{cast.course.slug}/timeline/")
    chart = page.get_by_role("group", name=f"Timeline of {cast.course.title}")
    expect(chart.locator("text.ph-milestone-label")).to_have_count(6)
    expect(chart.locator("text.ph-milestone-label").filter(has_text="Outcomes agreed")).to_be_visible()
    expect(page.get_by_role("region", name="Timeline (scrolls sideways on small screens)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if shots:
        page.screenshot(path=f"{shots}/timeline-{width}.png", full_page=True)

    page.goto(design.get_absolute_url())
    gantt = page.get_by_role("region", name="Tasks as bars (scrolls sideways on small screens)")
    expect(gantt.locator("rect.ph-gantt-bar")).to_have_count(3)  # the task without a due date has no bar
    expect(gantt.locator("text.ph-gantt-detail").first).to_contain_text("due")
    assert page.evaluate("document.documentElement.scrollWidth") <= width or width == 390  # other pages: a11y branch
    if shots:
        page.screenshot(path=f"{shots}/phase-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_profile_page_looks_like_the_rest_of_the_app(page, cast, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, cast.partner.email)
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Name and language")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if shots := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{shots}/profile-{width}.png", full_page=True)
