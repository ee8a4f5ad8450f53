"""A partner submits evaluation data, the QA officer asks for a change, the partner fixes it, QA accepts."""

import pytest
from playwright.sync_api import expect

from quality.models import EvaluationReport
from tests.e2e.conftest import login
from tests.factories.quality import make_edition

pytestmark = pytest.mark.django_db(transaction=True)


def switch_to(page, email: str) -> None:
    page.context.clear_cookies()
    login(page, email)


def test_partner_submits_qa_requests_change_partner_fixes_qa_accepts(page, cast):
    edition = make_edition(cast.course, name="Spring 2026")
    institution = cast.partner.memberships.get(course=cast.course).institution

    login(page, cast.partner.email)
    page.get_by_role("link", name=cast.course.title).click()
    page.get_by_role("link", name="Evaluation", exact=True).click()
    page.get_by_role("link", name="Submit data").click()
    page.get_by_label("Learners enrolled").fill("40")
    page.get_by_label("Learners who completed").fill("30")
    page.get_by_label("Learners who passed").fill("31")
    page.get_by_label("Mean satisfaction (1–5)").fill("4.8")
    page.get_by_label("Drop-out reasons").fill("Workload alongside a job.")
    page.get_by_role("button", name="Submit for review").click()
    # A count that does not add up is refused at its field, and nothing typed is lost.
    expect(
        page.get_by_text("Learners who passed (31) cannot be more than learners who completed (30).")
    ).to_be_visible()
    expect(page.get_by_label("Learners enrolled")).to_have_value("40")
    page.get_by_label("Learners who passed").fill("25")
    page.get_by_role("button", name="Submit for review").click()
    expect(
        page.get_by_text(f"Evaluation data of {institution.name} for Spring 2026 submitted for review.")
    ).to_be_visible()

    switch_to(page, cast.qa.email)
    page.get_by_role("link", name="QA submissions").click()
    page.get_by_label("Status").select_option(label="Waiting for review")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=institution.name).click()
    page.get_by_label("Changes requested").fill("Satisfaction 4.8 is far above the survey results; please recheck.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text(f"Changes requested from {institution.name}")).to_be_visible()

    switch_to(page, cast.partner.email)
    page.goto(f"/courses/{cast.course.slug}/evaluation/")
    page.get_by_role("link", name="Answer and resubmit").click()
    expect(page.get_by_text("Satisfaction 4.8 is far above the survey results; please recheck.")).to_be_visible()
    page.get_by_label("Mean satisfaction (1–5)").fill("4.1")
    page.get_by_label("Your reply to the QA officer").fill("Recomputed from the survey export: 4.1.")
    page.get_by_role("button", name="Resubmit for review").click()
    expect(page.get_by_text("submitted for review.")).to_be_visible()

    switch_to(page, cast.qa.email)
    report = EvaluationReport.objects.get(edition=edition, institution=institution)
    page.goto(report.get_absolute_url())
    expect(page.get_by_text("Recomputed from the survey export: 4.1.")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text(f"Evaluation data of {institution.name} for Spring 2026 accepted.")).to_be_visible()

    report.refresh_from_db()
    assert report.status == EvaluationReport.Status.ACCEPTED
    assert str(report.mean_satisfaction) == "4.10"
