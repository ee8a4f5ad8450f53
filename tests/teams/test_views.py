"""What a leader sees when composing a team, including the messages for bad input (400, never 500)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from teams import services
from teams.models import Course, Membership, Partnership, TeamFoundation
from tests.factories.teams import InstitutionFactory, StakeholderOrganisationFactory, course_starter

pytestmark = pytest.mark.django_db
Role = Membership.Role
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(cast, name, **kwargs):
    return reverse(f"teams:{name}", kwargs={"slug": cast.course.slug, **kwargs})


@pytest.fixture
def leader_client(client, cast):
    client.force_login(cast.leader)
    return client


def member_data(**overrides):
    data = {"member-email": "ana@example.org", "member-role": Role.LEARNER, "member-first_name": "Ana"}
    return {**data, **overrides}


def test_leader_adds_a_member_inline_and_sees_them_in_the_team(leader_client, cast):
    data = member_data(**{"member-institution": cast.course.lead_institution.pk})
    response = leader_client.post(url(cast, "member_add"), data, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="section-members"' in body and "<html" not in body  # just the section, swapped in place
    assert "ana@example.org was added to the team." in body
    assert Membership.objects.filter(course=cast.course, user__email="ana@example.org", role=Role.LEARNER).exists()


def test_without_htmx_a_successful_add_redirects_back_to_the_team(leader_client, cast):
    data = member_data(**{"member-institution": cast.course.lead_institution.pk})
    response = leader_client.post(url(cast, "member_add"), data)
    assert response.status_code == 302 and response.url == url(cast, "team")


@pytest.mark.parametrize(
    "overrides,field_message",
    [
        ({"member-email": "not-an-email"}, "Enter a valid email address."),
        ({"member-email": ""}, "This field is required."),
        ({"member-email": "a" * 250 + "@example.org"}, "Ensure this value has at most 254 characters"),
        ({"member-role": "leader"}, "Select a valid choice."),
        ({"member-role": "partner"}, "Choose the institution this person represents."),
    ],
)
def test_bad_member_input_is_answered_at_the_field_with_400(leader_client, cast, overrides, field_message):
    before = Membership.objects.count()
    response = leader_client.post(url(cast, "member_add"), member_data(**overrides), **HTMX)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert Membership.objects.count() == before


def test_duplicate_member_gets_a_message_at_the_email_field(leader_client, cast):
    data = member_data(
        **{"member-email": cast.partner.email.upper(), "member-institution": cast.course.lead_institution.pk}
    )
    response = leader_client.post(url(cast, "member_add"), data)
    assert response.status_code == 400
    assert "is already a member of this course team" in response.content.decode()
    assert "is-invalid" in response.content.decode()


def test_someone_elses_institution_id_is_refused(leader_client, cast):
    foreign = InstitutionFactory()
    data = member_data(**{"member-institution": foreign.pk})
    response = leader_client.post(url(cast, "member_add"), data, **HTMX)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_partner_from_the_lead_institution_is_refused_with_the_rule(leader_client, cast):
    data = member_data(**{"member-role": Role.PARTNER, "member-institution": cast.course.lead_institution.pk})
    response = leader_client.post(url(cast, "member_add"), data, **HTMX)
    assert response.status_code == 400
    assert escape(str(services.PARTNER_FROM_PARTNER)) in response.content.decode()


def test_stakeholder_without_aspect_is_refused(leader_client, cast):
    data = member_data(**{"member-role": Role.STAKEHOLDER, "member-organisation": StakeholderOrganisationFactory().pk})
    response = leader_client.post(url(cast, "member_add"), data, **HTMX)
    assert response.status_code == 400
    assert "Choose at least one aspect." in response.content.decode()


def test_removing_the_leader_is_refused_with_a_message_and_nothing_lost(leader_client, cast):
    leader = Membership.objects.get(course=cast.course, role=Role.LEADER)
    response = leader_client.post(url(cast, "member_remove", pk=leader.pk), follow=True)
    assert response.status_code == 400
    assert str(services.LEADER_NOT_REMOVABLE) in response.content.decode()
    assert Membership.objects.filter(pk=leader.pk).exists()


def test_role_change_inline(leader_client, cast):
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    form = leader_client.get(url(cast, "member_edit", pk=membership.pk), **HTMX)
    assert f'name="edit-{membership.pk}-role"' in form.content.decode()
    data = {
        f"edit-{membership.pk}-role": Role.QA_OFFICER,
        f"edit-{membership.pk}-institution": cast.course.lead_institution.pk,
    }
    response = leader_client.post(url(cast, "member_edit", pk=membership.pk), data, **HTMX)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Role.QA_OFFICER


def test_invalid_role_change_keeps_the_old_role(leader_client, cast):
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    partner_institution = membership.institution
    data = {f"edit-{membership.pk}-role": Role.QA_OFFICER, f"edit-{membership.pk}-institution": partner_institution.pk}
    response = leader_client.post(url(cast, "member_edit", pk=membership.pk), data, **HTMX)
    assert response.status_code == 400
    assert "A QA officer must belong to the lead institution" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.LEARNER


def test_leader_adds_and_removes_a_partner_institution(leader_client, cast):
    institution = InstitutionFactory(name="Universitat de Girona Nova")
    response = leader_client.post(url(cast, "partner_add"), {"partner-institution": institution.pk}, **HTMX)
    assert response.status_code == 200
    assert "Universitat de Girona Nova joined the course as a partner." in response.content.decode()
    partnership = Partnership.objects.get(course=cast.course, institution=institution)
    assert "Universitat de Girona Nova" in response.content.decode()
    leader_client.post(url(cast, "partner_remove", pk=partnership.pk), **HTMX)
    assert not Partnership.objects.filter(pk=partnership.pk).exists()


def test_an_institution_already_in_the_course_cannot_be_added_twice(leader_client, cast):
    response = leader_client.post(
        url(cast, "partner_add"), {"partner-institution": cast.course.lead_institution.pk}, **HTMX
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_support_confirmations_are_saved(leader_client, cast):
    partnership = Partnership.objects.get(course=cast.course, role=Partnership.Role.PARTNER)
    prefix = f"partnership-{partnership.pk}"
    data = {f"{prefix}-educational_support": "on", f"{prefix}-organisational_support": "on"}
    assert leader_client.post(url(cast, "partner_edit", pk=partnership.pk), data, **HTMX).status_code == 200
    partnership.refresh_from_db()
    assert (partnership.educational_support, partnership.technological_support, partnership.organisational_support) == (
        True,
        False,
        True,
    )


def test_foundation_is_recorded_and_too_long_text_refused(leader_client, cast):
    ok = leader_client.post(
        url(cast, "foundation_add"), {"foundation-kind": "mobility", "foundation-description": "Erasmus+ BIPs"}, **HTMX
    )
    assert ok.status_code == 200 and "Erasmus+ BIPs" in ok.content.decode()
    long = leader_client.post(
        url(cast, "foundation_add"), {"foundation-kind": "mobility", "foundation-description": "x" * 2001}, **HTMX
    )
    assert long.status_code == 400
    assert TeamFoundation.objects.filter(course=cast.course).count() == 1


def test_course_page_shows_shared_networks_derived_from_institutions(client, cast):
    from tests.factories.teams import NetworkFactory

    network = NetworkFactory(name="Una Europa Test")
    for p in Partnership.objects.filter(course=cast.course).select_related("institution"):
        p.institution.networks.add(network)
    client.force_login(cast.learner)
    body = client.get(url(cast, "course_detail")).content.decode()
    assert "Una Europa Test" in body


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"ects_credits": "0"}, "greater than or equal to 0.5"),
        ({"ects_credits": "61"}, "less than or equal to 60"),
        ({"eqf_level": "9"}, "less than or equal to 8"),
        ({"languages": ["xx"]}, "Select a valid choice"),
    ],
)
def test_course_creation_refuses_bad_input_with_400(client, cast, overrides, message):
    client.force_login(cast.leader)
    data = {"title": "Blue Economy", "ects_credits": "5", "eqf_level": "6", "languages": ["en"],
            "delivery_mode": "online", "implementation_horizon_years": "3", **overrides}  # fmt: skip
    before = Course.objects.count()
    response = client.post(reverse("teams:course_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Course.objects.count() == before


def test_course_creation_makes_the_creator_leader_and_opens_the_team_page(client, cast):
    partner_institution = Membership.objects.get(course=cast.course, user=cast.partner).institution
    course_starter(partner_institution, user=cast.partner)
    client.force_login(cast.partner)
    data = {"title": "Blue Economy", "ects_credits": "2.5", "eqf_level": "5", "languages": ["en", "pl"],
            "delivery_mode": "blended", "implementation_horizon_years": "4"}  # fmt: skip
    response = client.post(reverse("teams:course_create"), data)
    course = Course.objects.get(title="Blue Economy")
    assert response.url == reverse("teams:team", kwargs={"slug": course.slug})
    assert Membership.objects.get(course=course, user=cast.partner).role == Role.LEADER


def test_history_shows_who_changed_a_role_and_from_what_to_what(leader_client, cast):
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    services.membership_update(
        actor=cast.leader, membership=membership, role=Role.PARTNER, institution=membership.institution
    )
    body = leader_client.get(url(cast, "history")).content.decode()
    assert "Learner representative</del> → <ins>Partner representative" in body
    assert cast.leader.display_name in body
