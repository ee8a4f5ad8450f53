"""The leader completes the micro-credential profile in the browser and downloads an export."""

import pytest
from playwright.sync_api import expect

from credentials.models import LearningOutcome
from tests.e2e.conftest import login
from tests.factories.credentials import complete_profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_adds_the_last_missing_outcome_and_the_overview_says_complete(page, cast):
    complete_profile(cast.course)
    LearningOutcome.objects.all().delete()
    login(page, cast.leader.email)
    page.goto(cast.course.get_absolute_url())
    expect(page.get_by_text("10 of 11 mandatory elements complete")).to_be_visible()
    page.get_by_role("link", name="Learning outcomes").click()
    page.get_by_role("textbox", name="Learning outcome").fill("Size a heat pump for a school building")
    page.get_by_label("In German").fill("Eine Wärmepumpe für ein Schulgebäude auslegen")
    page.get_by_role("button", name="Add learning outcome").click()
    expect(page.get_by_role("alert").filter(has_text="Learning outcome added.")).to_be_visible()
    page.goto(cast.course.get_absolute_url())
    expect(page.get_by_text("11 of 11 mandatory elements complete")).to_be_visible()
    page.goto(f"/courses/{cast.course.slug}/credential/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Open Badges 3.0 achievement").click()
    assert download.value.suggested_filename == f"{cast.course.slug}-achievement.json"
