"""Service contacts kept by each institution, and who may keep them."""

import pytest

from support.models import (
    ServiceContact,
)
from teams.models import Membership
from tests.factories.teams import add_member
from tests.support.pages import INTL, IT, url

pytestmark = pytest.mark.django_db


# --- Contacts ----------------------------------------------------------------------------------------------------


def test_partner_keeps_own_contacts_with_history(client, cast, partner_institution):
    client.force_login(cast.partner)
    response = client.post(
        url("contacts_edit", cast.course, institution_id=partner_institution.pk),
        {f"{INTL}-unit": "International Office", f"{INTL}-name": "Ana", f"{INTL}-email": "io@uni.example.org"},
    )
    assert response.status_code == 302
    contact = ServiceContact.objects.get(institution=partner_institution, kind=INTL)
    assert contact.history.first().history_user == cast.partner
    page = client.get(url("contacts", cast.course)).content.decode()
    assert "io@uni.example.org" in page and "Edit our institution" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({f"{INTL}-unit": "International Office"}, "Give an e-mail address the request can be sent to."),
        ({f"{INTL}-email": "io@uni.example.org"}, "Give the unit (office or department) to contact."),
        ({f"{INTL}-unit": "IO", f"{INTL}-email": "not-an-address"}, "Enter a valid email address."),
        ({f"{INTL}-unit": "x" * 201, f"{INTL}-email": "io@uni.example.org"}, "at most 200 characters"),
    ],
)
def test_contact_form_errors(client, cast, partner_institution, data, message):
    ServiceContact.objects.create(institution=partner_institution, kind=IT, unit="IT desk", email="it@uni.example.org")
    client.force_login(cast.partner)
    response = client.post(url("contacts_edit", cast.course, institution_id=partner_institution.pk),
                           {**data, f"{IT}-unit": "Changed", f"{IT}-email": "it@uni.example.org"})  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ServiceContact.objects.get(kind=IT).unit == "IT desk"  # nothing half-saved


def test_emptying_a_contact_removes_it(client, cast, partner_institution):
    ServiceContact.objects.create(institution=partner_institution, kind=IT, unit="IT desk", email="it@uni.example.org")
    client.force_login(cast.partner)
    response = client.post(url("contacts_edit", cast.course, institution_id=partner_institution.pk), {})
    assert response.status_code == 302
    assert not ServiceContact.objects.exists()


def test_membership_institution_decides_contacts_not_the_role(client, cast, lead_institution):
    qa = Membership.objects.get(course=cast.course, user=cast.qa)
    assert qa.institution == lead_institution
    client.force_login(cast.qa)
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 200
    other_partner = add_member(cast.course, Membership.Role.PARTNER).user
    client.force_login(other_partner)
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403
