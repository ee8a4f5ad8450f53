"""Verified affiliations: institution identifiers, recording an affiliation, and confirming one by e-mail link."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from teams import affiliations, services
from teams.models import Affiliation
from tests.factories.accounts import AdminFactory, UserFactory
from tests.factories.teams import InstitutionDomainFactory, InstitutionFactory

pytestmark = pytest.mark.django_db
Kind, Method = Affiliation.Kind, Affiliation.Method


# --- Identifiers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("schac_home_organisation", " KULeuven.BE ", "kuleuven.be"),
        ("erasmus_code", "B  LEUVEN01", "B  LEUVEN01"),
        ("erasmus_code", "b leuven01", "B  LEUVEN01"),
        ("erasmus_code", "PL GDYNIA02", "PL GDYNIA02"),
        ("pic", "999984059", "999984059"),
        ("ror_id", "https://ror.org/05f950310", "05f950310"),
    ],
)
def test_institution_identifiers_are_normalised_and_accepted(field, value, stored):
    institution = InstitutionFactory.build(**{field: value})
    institution.full_clean()
    assert getattr(institution, field) == stored


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("schac_home_organisation", "https://kuleuven.be", "domain name"),
        ("schac_home_organisation", "kuleuven", "domain name"),
        ("erasmus_code", "LEUVEN", "Erasmus code"),
        ("erasmus_code", "B  LEUVEN1", "Erasmus code"),
        ("pic", "12345678", "nine digits"),
        ("pic", "12345678a", "nine digits"),
        ("ror_id", "05f950311", "check digits"),
        ("ror_id", "5f950310", "ROR id"),
    ],
)
def test_invalid_institution_identifiers_are_refused_at_the_field(field, value, message):
    institution = InstitutionFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        institution.full_clean()
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.parametrize("field,value", [("pic", "999984059"), ("ror_id", "05f950310"), ("erasmus_code", "B  X01")])
def test_identifiers_are_unique_when_set_and_may_be_empty_for_many(field, value):
    InstitutionFactory(**{field: value})
    InstitutionFactory()
    InstitutionFactory()  # two without: empty is not a value
    with pytest.raises(IntegrityError), transaction.atomic():
        InstitutionFactory(**{field: value})


# --- Recording affiliations ---------------------------------------------------------------------------------------


def test_record_affiliation_keeps_how_and_by_whom_and_its_history():
    person, admin, institution = UserFactory(), AdminFactory(), InstitutionFactory()
    first = services.record_affiliation(
        user=person, institution=institution, kind=Kind.STUDENT, method=Method.ADMIN, by=admin
    )
    again = services.record_affiliation(user=person, institution=institution, kind=Kind.STAFF, method=Method.FEDERATION)
    assert again.pk == first.pk
    assert (again.kind, again.method, again.verified_by) == (Kind.STAFF, Method.FEDERATION, None)
    assert [h.kind for h in again.history.order_by("history_date")] == [Kind.STUDENT, Kind.STAFF]
    assert again.history.order_by("history_date").first().history_user == admin
    person.refresh_from_db()
    assert person.home_institution == institution  # the first staff affiliation


def test_record_affiliation_refuses_unknown_kind_or_method():
    with pytest.raises(ValidationError):
        services.record_affiliation(user=UserFactory(), institution=InstitutionFactory(), kind="boss", method="admin")
    with pytest.raises(ValidationError):
        services.record_affiliation(user=UserFactory(), institution=InstitutionFactory(), kind="staff", method="self")


def test_a_membership_for_an_institution_does_not_make_one_its_staff():
    from tests.factories.teams import CourseFactory, add_partner, leader_of

    course = CourseFactory()
    partner = add_partner(course)
    member = services.membership_add(
        actor=leader_of(course), course=course, email="new.person@example.org", role="partner", institution=partner
    )
    assert not Affiliation.objects.filter(user=member.user).exists()
    assert member.user.home_institution is None


# --- Confirming by e-mail -----------------------------------------------------------------------------------------


@pytest.fixture
def domain():
    return InstitutionDomainFactory(domain="uni-nova.eu")


def _ask(client, user, institution, email):
    client.force_login(user)
    return client.post(reverse("teams:affiliation_request"), {"institution": institution.pk, "email": email})


def test_an_address_off_the_institutions_domains_is_refused_at_the_field(client, domain):
    person = UserFactory()
    response = _ask(client, person, domain.institution, "me@gmail.com")
    assert response.status_code == 400
    assert "uni-nova.eu" in response.content.decode()
    response = _ask(client, person, domain.institution, "me@evil.uni-nova.eu.example.org")
    assert response.status_code == 400
    assert mail.outbox == []


def test_an_institution_without_domains_is_not_offered(client, domain):
    other = InstitutionFactory()
    response = _ask(client, UserFactory(), other, f"me@{domain.domain}")
    assert response.status_code == 400
    assert not Affiliation.objects.exists()


def _link(message) -> str:
    return re.search(r"https?://[^/]+(/affiliations/confirm/\S+)", message.body).group(1)


def test_a_link_to_the_institutional_address_confirms_the_affiliation_once(
    client, domain, django_capture_on_commit_callbacks
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, person, domain.institution, "Me@Uni-Nova.eu")
    assert response.status_code == 302
    assert mail.outbox[0].to == ["me@uni-nova.eu"]
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Confirm" in page.content.decode()
    assert not Affiliation.objects.exists()  # opening the link (a mail scanner) confirms nothing
    assert client.post(link).status_code == 302
    affiliation = Affiliation.objects.get(user=person)
    assert (affiliation.institution, affiliation.kind, affiliation.method) == (
        domain.institution,
        Kind.STAFF,
        Method.EMAIL,
    )
    assert "me@uni-nova.eu" in affiliation.note
    again = client.post(link)
    assert again.status_code == 400 and "already been used" in again.content.decode()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert domain.institution.name in profile and str(Method.EMAIL.label) in profile


def test_a_student_domain_proves_a_student_affiliation_whatever_is_asked(client, django_capture_on_commit_callbacks):
    domain = InstitutionDomainFactory(domain="student.uni-nova.eu", affiliation=Kind.STUDENT)
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, person, domain.institution, "me@student.uni-nova.eu")
    client.post(_link(mail.outbox[0]))
    assert Affiliation.objects.get(user=person).kind == Kind.STUDENT
    assert not affiliations.course_start_institutions(person).exists()


def test_a_link_works_only_for_the_account_that_asked_and_only_for_a_while(
    client, domain, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, UserFactory(), domain.institution, "me@uni-nova.eu")
    link = _link(mail.outbox[0])
    client.force_login(UserFactory())
    response = client.post(link)
    assert response.status_code == 400 and "another account" in response.content.decode()
    assert client.post(link[:-3] + "xyz/").status_code == 400
    assert not Affiliation.objects.exists()


def test_an_expired_link_says_so(client, domain, django_capture_on_commit_callbacks, settings):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, person, domain.institution, "me@uni-nova.eu")
    link = _link(mail.outbox[0])
    later = time.time() + (settings.AFFILIATION_LINK_HOURS + 1) * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        client.force_login(person)
        response = client.post(link)
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_links_per_day_are_limited(client, domain):
    person = UserFactory()
    for _ in range(affiliations.REQUESTS_PER_DAY):
        assert _ask(client, person, domain.institution, "me@uni-nova.eu").status_code == 302
    response = _ask(client, person, domain.institution, "me@uni-nova.eu")
    assert response.status_code == 400 and "last day" in response.content.decode()


def test_the_confirmation_link_needs_a_login(client):
    response = client.get(reverse("teams:affiliation_confirm", kwargs={"token": "abc"}))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
