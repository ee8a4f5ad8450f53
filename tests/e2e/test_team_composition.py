import pytest
from playwright.sync_api import expect

from teams.models import Membership
from tests.e2e.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_logs_in_opens_course_and_adds_member(page, cast):
    login(page, cast.leader.email)
    page.get_by_role("link", name=cast.course.title).click()
    expect(page.get_by_role("heading", name=cast.course.title)).to_be_visible()
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_label("E-mail address", exact=True).fill("new.colleague@example.org")
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Novak")
    page.get_by_label("Role", exact=True).select_option(label="Learner representative")
    page.get_by_label("Institution", exact=True).select_option(
        label=f"{cast.course.lead_institution.name} ({cast.course.lead_institution.country.code})"
    )
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_text("new.colleague@example.org was added to the team.")).to_be_visible()
    expect(page.locator("#section-members").get_by_text("Ana Novak")).to_be_visible()
    assert Membership.objects.filter(course=cast.course, user__email="new.colleague@example.org").exists()


def test_partner_cannot_reach_team_composition(page, cast):
    login(page, cast.partner.email)
    page.get_by_role("link", name=cast.course.title).click()
    expect(page.get_by_role("link", name="Team", exact=True)).to_have_count(0)
    response = page.goto(f"/courses/{cast.course.slug}/team/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
