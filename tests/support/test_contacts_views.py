"""Service contacts kept by each institution, and who may keep them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from support.models import (
    ServiceContact,
)
from teams.models import Affiliation, InstitutionRole
from tests.factories.accounts import UserFactory
from tests.factories.teams import verified
from tests.support.pages import INTL, IT, url

pytestmark = pytest.mark.django_db


# --- Contacts ----------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("contact_keepers")
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


@pytest.mark.usefixtures("contact_keepers")
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


@pytest.mark.usefixtures("contact_keepers")
def test_emptying_a_contact_removes_it(client, cast, partner_institution):
    ServiceContact.objects.create(institution=partner_institution, kind=IT, unit="IT desk", email="it@uni.example.org")
    client.force_login(cast.partner)
    response = client.post(url("contacts_edit", cast.course, institution_id=partner_institution.pk), {})
    assert response.status_code == 302
    assert not ServiceContact.objects.exists()


def test_representing_an_institution_on_a_course_does_not_let_one_edit_its_contacts(client, cast, lead_institution):
    """The hole: anyone on a course for an institution (even a learner) could change what all its courses show."""
    client.force_login(cast.qa)
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403
    client.force_login(cast.leader)  # verified staff of the lead institution, but without the role
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403
    page = client.get(url("contacts", cast.course)).content.decode()
    assert "Edit our institution" not in page


def test_contacts_are_kept_by_verified_staff_the_institution_gave_the_role(client, cast, lead_institution):
    verified(cast.qa, lead_institution, Affiliation.Kind.STAFF, InstitutionRole.Role.CONTACT_KEEPER)
    client.force_login(cast.qa)
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 200
    InstitutionRole.objects.filter(user=cast.qa).delete()
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403


def test_a_self_chosen_home_institution_gives_no_power_over_its_contacts(client, lead_institution):
    """The reported attack: a user in no course sets another university as home and edits its contacts."""
    from tests.factories.teams import CourseFactory

    attacker = UserFactory()
    client.force_login(attacker)
    client.post(
        reverse("accounts:profile"), {"first_name": "Eve", "last_name": "X", "home_institution": lead_institution.pk}
    )
    attacker.refresh_from_db()
    assert attacker.home_institution is None
    assert client.get(reverse("teams:course_create")).status_code == 403
    with pytest.raises(ValidationError):
        CourseFactory(leader=attacker)
