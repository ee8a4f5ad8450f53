"""Institution roles: who may start a course, and how coordinators and admins give and end roles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teams import affiliations, services
from teams.models import Affiliation, Course, Institution, InstitutionRole
from tests.factories.accounts import AdminFactory, UserFactory
from tests.factories.teams import InstitutionFactory, course_starter, verified

pytestmark = pytest.mark.django_db
Kind, Method = Affiliation.Kind, Affiliation.Method
STARTER, KEEPER, COORDINATOR = (
    InstitutionRole.Role.COURSE_STARTER,
    InstitutionRole.Role.CONTACT_KEEPER,
    InstitutionRole.Role.COORDINATOR,
)


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
