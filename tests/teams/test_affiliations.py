"""Verified affiliations: how they are established, and what they (with an institution role) allow."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from teams import affiliations, services
from teams.models import Affiliation, Course, Institution, InstitutionRole
from tests.factories.accounts import AdminFactory, UserFactory
from tests.factories.teams import InstitutionDomainFactory, InstitutionFactory, course_starter, verified

pytestmark = pytest.mark.django_db
Kind, Method = Affiliation.Kind, Affiliation.Method
STARTER, KEEPER, COORDINATOR = (
    InstitutionRole.Role.COURSE_STARTER,
    InstitutionRole.Role.CONTACT_KEEPER,
    InstitutionRole.Role.COORDINATOR,
)


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


# --- Who may start a course ---------------------------------------------------------------------------------------


def _create(actor, **kwargs) -> Course:
    return services.course_create(
        actor=actor, title="Blue Economy", ects_credits=Decimal(5), eqf_level=6, languages=["en"], **kwargs
    )


def test_a_student_with_the_role_may_not_start_a_course():
    institution = InstitutionFactory()
    student = verified(UserFactory(), institution, Kind.STUDENT, STARTER)
    with pytest.raises(ValidationError) as error:
        _create(student)
    assert services.NO_START_RIGHT in error.value.messages


def test_staff_without_the_role_may_not_start_a_course():
    staff = verified(UserFactory(), InstitutionFactory(), Kind.STAFF, KEEPER)
    with pytest.raises(ValidationError):
        _create(staff)


def test_a_coordinator_starts_courses_and_chooses_among_their_institutions():
    first, second = InstitutionFactory(), InstitutionFactory()
    person = verified(UserFactory(), first, Kind.FACULTY, COORDINATOR)
    verified(person, second, Kind.STAFF, STARTER)
    with pytest.raises(ValidationError) as error:
        _create(person)
    assert services.CHOOSE_LEAD in error.value.messages
    assert _create(person, lead_institution=second).lead_institution == second


def test_one_may_not_start_a_course_for_an_institution_one_has_no_role_at():
    person = course_starter()
    with pytest.raises(ValidationError) as error:
        _create(person, lead_institution=InstitutionFactory())
    assert "may not start courses for" in error.value.messages[0]


def test_learners_and_stakeholders_never_see_new_course_and_starters_do(client, cast):
    for who in (cast.learner, cast.stakeholder, cast.partner, cast.qa):
        client.force_login(who)
        page = client.get(reverse("teams:dashboard")).content.decode()
        assert reverse("teams:course_create") not in page
        response = client.get(reverse("teams:course_create"))
        assert response.status_code == 403 and "verified staff affiliation" in response.content.decode()
    client.force_login(cast.leader)
    assert reverse("teams:course_create") in client.get(reverse("teams:dashboard")).content.decode()


def test_new_course_appears_on_the_dashboard_as_soon_as_the_role_is_given(client, cast):
    client.force_login(cast.partner)
    assert reverse("teams:course_create") not in client.get(reverse("teams:dashboard")).content.decode()
    course_starter(InstitutionFactory(), user=cast.partner)
    assert reverse("teams:course_create") in client.get(reverse("teams:dashboard")).content.decode()


# --- Institution roles: admins and coordinators -------------------------------------------------------------------


@pytest.fixture
def coordinator():
    return verified(UserFactory(), InstitutionFactory(), Kind.STAFF, COORDINATOR)


def _institution(user) -> Institution:
    return Institution.objects.get(affiliations__user=user)


def test_a_coordinator_gives_a_verified_colleague_the_right_to_start_courses(client, coordinator):
    institution = _institution(coordinator)
    colleague = verified(UserFactory(), institution, Kind.STAFF)
    client.force_login(coordinator)
    url = reverse("teams:institution_staff", args=[institution.pk])
    page = client.get(url)
    assert page.status_code == 200 and colleague.email in page.content.decode()
    assert client.post(url, {"user": colleague.pk, "role": STARTER}).status_code == 302
    grant = InstitutionRole.objects.get(user=colleague)
    assert grant.granted_by == coordinator and grant.history.first().history_user == coordinator
    assert _create(colleague).lead_institution == institution
    revoke = reverse("teams:institution_role_revoke", args=[institution.pk, grant.pk])
    assert client.post(revoke).status_code == 302
    with pytest.raises(ValidationError):
        _create(colleague)


def test_a_coordinator_cannot_grant_to_students_or_outsiders_nor_make_coordinators(client, coordinator):
    institution = _institution(coordinator)
    student = verified(UserFactory(), institution, Kind.STUDENT)
    client.force_login(coordinator)
    url = reverse("teams:institution_staff", args=[institution.pk])
    assert client.post(url, {"user": student.pk, "role": STARTER}).status_code == 400
    assert client.post(url, {"user": UserFactory().pk, "role": STARTER}).status_code == 400
    colleague = verified(UserFactory(), institution, Kind.STAFF)
    assert client.post(url, {"user": colleague.pk, "role": COORDINATOR}).status_code == 400
    with pytest.raises(Exception, match="administrator"):
        affiliations.institution_role_grant(
            actor=coordinator, user=colleague, institution=institution, role=COORDINATOR
        )
    assert not InstitutionRole.objects.exclude(user=coordinator).exists()


def test_only_coordinators_and_admins_open_an_institutions_staff_page(client, coordinator):
    institution = _institution(coordinator)
    url = reverse("teams:institution_staff", args=[institution.pk])
    assert client.get(url).status_code == 302
    staff = verified(UserFactory(), institution, Kind.STAFF, STARTER)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    other_coordinator = verified(UserFactory(), InstitutionFactory(), Kind.STAFF, COORDINATOR)
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 403
    grant = InstitutionRole.objects.get(user=staff)
    assert client.post(reverse("teams:institution_role_revoke", args=[institution.pk, grant.pk])).status_code == 403
    client.force_login(AdminFactory())
    assert client.get(url).status_code == 200


def test_the_staff_page_query_count_does_not_grow_with_staff(client, coordinator, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    institution = _institution(coordinator)
    client.force_login(coordinator)
    url = reverse("teams:institution_staff", args=[institution.pk])
    counts = []
    for n in (2, 12):
        while Affiliation.objects.filter(institution=institution).count() < n:
            verified(UserFactory(), institution, Kind.STAFF, STARTER, KEEPER)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_ending_an_affiliation_ends_the_roles_it_carried(coordinator):
    institution = _institution(coordinator)
    affiliation = Affiliation.objects.get(user=coordinator)
    affiliations.affiliation_end(actor=AdminFactory(), affiliation=affiliation)
    assert not InstitutionRole.objects.filter(user=coordinator).exists()
    assert not affiliations.course_start_institutions(coordinator).exists()
    coordinator.refresh_from_db()
    assert coordinator.home_institution != institution


# --- Django admin -------------------------------------------------------------------------------------------------


def test_an_admin_records_an_affiliation_in_django_admin_as_verified_by_them(client):
    admin, person, institution = AdminFactory(), UserFactory(), InstitutionFactory()
    client.force_login(admin)
    response = client.post(
        reverse("admin:teams_affiliation_add"),
        {"user": person.pk, "institution": institution.pk, "kind": Kind.STAFF, "note": "HR letter"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    affiliation = Affiliation.objects.get(user=person)
    assert (affiliation.method, affiliation.verified_by) == (Method.ADMIN, admin)


def test_django_admin_refuses_a_role_for_someone_without_a_staff_affiliation(client):
    admin, person, institution = AdminFactory(), UserFactory(), InstitutionFactory()
    client.force_login(admin)
    url = reverse("admin:teams_institutionrole_add")
    response = client.post(url, {"user": person.pk, "institution": institution.pk, "role": STARTER})
    assert response.status_code == 200 and "no verified staff affiliation" in response.content.decode()
    verified(person, institution, Kind.STAFF)
    assert client.post(url, {"user": person.pk, "institution": institution.pk, "role": STARTER}).status_code == 302
    assert InstitutionRole.objects.get(user=person).granted_by == admin


def test_django_admin_shows_and_validates_institution_identifiers(client):
    client.force_login(AdminFactory())
    data = {
        "name": "Universitas Nova", "short_name": "UN", "country": "BE", "erasmus_code": "B  NOVA1",
        "pic": "12", "ror_id": "", "schac_home_organisation": "",
        "domains-TOTAL_FORMS": "0", "domains-INITIAL_FORMS": "0",
        "faculties-TOTAL_FORMS": "0", "faculties-INITIAL_FORMS": "0",
        "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(reverse("admin:teams_institution_add"), data)
    body = response.content.decode()
    assert response.status_code == 200 and "nine digits" in body and "Erasmus code as it is written" in body
    assert not Institution.objects.filter(name="Universitas Nova").exists()
