"""Consultations requested and updated inline in the matrix, and their errors at the field."""

from datetime import timedelta

import pytest

from support.models import (
    Consultation,
)
from support.ordering import LEAD_FIRST, WARN_LEAD_FIRST_TWO
from support.services.consultations import DUE_BEFORE_REQUEST
from tests.factories.support import contacts_for
from tests.support.pages import INTL, IT, Status, consultation_post, today, url

pytestmark = pytest.mark.django_db


# --- Inline requests and updates -------------------------------------------------------------------------------


def test_leader_requests_inline_and_the_cell_changes(client, cast, django_capture_on_commit_callbacks):
    lead = cast.course.lead_institution
    contacts_for(lead, [INTL])
    client.force_login(cast.leader)
    editor = client.get(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL), HTTP_HX_REQUEST="true"
    )
    assert f'name="consultation-{lead.pk}-internationalisation-due_by"' in editor.content.decode()
    due = today() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL),
            consultation_post(lead.pk, status="requested", due_by=due.isoformat()),
            HTTP_HX_REQUEST="true",
        )
    html = response.content.decode()
    assert response.status_code == 200
    cell = html.split(f'id="cell-{lead.pk}-{INTL}"')[1].split("</td>")[0]
    assert "Requested" in cell and f'Due <time datetime="{due.isoformat()}"' in cell
    assert "the service contact receives the course's essentials by e-mail" in html.replace("&#x27;", "'")
    consultation = Consultation.objects.get()
    assert (consultation.status, consultation.requested_by, consultation.due_by) == (Status.REQUESTED, cast.leader, due)


def test_lead_other_service_first_shows_the_guideline_warning(client, cast):
    lead = cast.course.lead_institution
    client.force_login(cast.leader)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=IT),
        consultation_post(lead.pk, IT, status="requested", due_by=(today() + timedelta(days=5)).isoformat()),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert str(WARN_LEAD_FIRST_TWO) in html
    assert "No contact is recorded for this service, so no e-mail went out" in html


def test_partner_request_before_the_lead_is_refused_at_the_field(client, cast, partner_institution):
    client.force_login(cast.partner)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=partner_institution.pk, kind=IT),
        consultation_post(
            partner_institution.pk, IT, status="requested", due_by=(today() + timedelta(days=5)).isoformat()
        ),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert LEAD_FIRST % {"lead": cast.course.lead_institution} in response.content.decode().replace("&#x27;", "'")
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "requested", "due_by": "2010-01-01"}, "The due date cannot be before the request date"),
        ({"status": "requested", "due_by": "not a date"}, "Enter a valid date."),
        ({"status": "requested"}, "Give the date by which the service should meet the team."),
        ({"status": "teleported"}, "Select a valid choice."),
        ({"status": "held", "held_on": "2045-01-01", "due_by": "2045-01-01"}, "This date is in the future"),
        ({"status": "planned", "outcome": "x" * 4001}, "Ensure this value has at most 4000 characters"),
        ({}, "This field is required."),
    ],
)
def test_consultation_form_errors_answer_400_with_the_message(client, cast, fields, message):
    lead = cast.course.lead_institution
    client.force_login(cast.leader)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL),
        consultation_post(lead.pk, **fields),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'id="consultation-editor"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_due_before_request_message_names_the_request_date(client, cast):
    lead = cast.course.lead_institution
    client.force_login(cast.leader)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL),
        consultation_post(lead.pk, status="requested", due_by=(today() - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert DUE_BEFORE_REQUEST % {"requested_on": f"{today():%d %b %Y}"} in response.content.decode()
