from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from support.models import Consultation, ServiceKind
from teams.models import Membership
from tests.e2e.conftest import login
from tests.factories.support import contacts_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_requests_a_consultation_and_the_matrix_cell_changes(page, cast):
    lead = cast.course.lead_institution
    contacts_for(lead, [ServiceKind.INTERNATIONALISATION])
    login(page, cast.leader.email)
    page.goto(f"/courses/{cast.course.slug}/")
    page.get_by_role("link", name="Support services", exact=True).click()
    cell = page.locator(f"#cell-{lead.pk}-{ServiceKind.INTERNATIONALISATION}")
    expect(cell).to_contain_text("Not engaged")

    cell.get_by_role("link", name=f"Request Internationalisation services of {lead.short_name}").click()
    editor = page.locator("#consultation-editor")
    expect(editor.get_by_role("heading", name=f"Internationalisation services of {lead.name}")).to_be_visible()
    due = timezone.localdate() + timedelta(days=12)
    editor.get_by_label("Status").select_option(label="Requested")
    editor.get_by_label("Due by").fill(due.isoformat())
    editor.get_by_role("button", name="Save consultation").click()

    expect(page.get_by_text("the service contact receives the course's essentials by e-mail")).to_be_visible()
    cell = page.locator(f"#cell-{lead.pk}-{ServiceKind.INTERNATIONALISATION}")
    expect(cell).to_contain_text("Requested")
    expect(cell).to_contain_text(f"Due {due.day} {due:%b %Y}")
    expect(cell).to_contain_text("Next: hold the meeting")
    expect(page.locator("#consultation-editor form")).to_have_count(0)
    consultation = Consultation.objects.get()
    assert (consultation.status, consultation.requested_by_id) == ("requested", cast.leader.pk)


def test_partner_sees_the_guideline_refusal_at_the_field(page, cast):
    institution = Membership.objects.get(course=cast.course, user=cast.partner).institution
    login(page, cast.partner.email)
    page.goto(f"/courses/{cast.course.slug}/support/")
    expect(page.locator(f"#cell-{cast.course.lead_institution_id}-it").get_by_role("link")).to_have_count(0)
    page.get_by_role("link", name=f"Request IT services of {institution.short_name}").click()
    page.locator("#consultation-editor").get_by_role("button", name="Save consultation").click()
    expect(page.locator("#consultation-editor .invalid-feedback")).to_contain_text(
        "first engages its internationalisation and teaching and learning services"
    )
    assert not Consultation.objects.exists()
