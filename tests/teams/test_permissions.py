"""Who may reach each team URL. Anonymous -> login; another course's member -> 404; refused role -> 403."""

import pytest
from django.urls import reverse

from teams.models import CourseUserObjectPermission, Membership, Partnership, TeamFoundation
from teams.permissions import ROLE_PERMISSIONS, course_permissions
from tests.factories.teams import add_member
from tests.utils import expect, matrix

pytestmark = pytest.mark.django_db

Role = Membership.Role


def course_url(cast, name, **kwargs):
    return reverse(f"teams:{name}", kwargs={"slug": cast.course.slug, **kwargs})


def test_dashboard_needs_login_only(cast):
    assert matrix(cast, "get", reverse("teams:dashboard")) == expect(302, 200, 200, 200, 200, 200, 200, 200)


def test_only_verified_staff_allowed_to_start_courses_open_the_new_course_page(cast):
    # The cast's leaders (of this course and the outsider's) were made verified course starters by the factory.
    assert matrix(cast, "get", reverse("teams:course_create")) == expect(302, 403, 403, 403, 403, 403, 200, 403)


def test_course_page_is_for_members_only(cast):
    assert matrix(cast, "get", course_url(cast, "course_detail")) == expect(302, 404, 200, 200, 200, 200, 200, 200)


def test_only_the_leader_edits_course_details(cast):
    assert matrix(cast, "get", course_url(cast, "course_edit")) == expect(302, 404, 403, 403, 403, 403, 200, 200)


def test_history_is_for_staff_roles(cast):
    assert matrix(cast, "get", course_url(cast, "history")) == expect(302, 404, 403, 403, 200, 200, 200, 200)


def test_only_the_leader_composes_the_team(cast):
    assert matrix(cast, "get", course_url(cast, "team")) == expect(302, 404, 403, 403, 403, 403, 200, 200)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("partner_add", {}),
        ("member_add", {}),
        ("foundation_add", {}),
    ],
)
def test_team_actions_refuse_everyone_but_the_leader(cast, name, kwargs):
    # An empty POST is invalid input: the leader (and admin) get the form back with 400, others never get that far.
    assert matrix(cast, "post", course_url(cast, name, **kwargs)) == expect(302, 404, 403, 403, 403, 403, 400, 400)


def test_member_edit_and_removal_refused_to_non_leaders(cast):
    learner_membership = Membership.objects.get(course=cast.course, user=cast.learner)
    edit = course_url(cast, "member_edit", pk=learner_membership.pk)
    row = course_url(cast, "member_row", pk=learner_membership.pk)
    remove = course_url(cast, "member_remove", pk=learner_membership.pk)
    assert matrix(cast, "get", edit) == expect(302, 404, 403, 403, 403, 403, 200, 200)
    assert matrix(cast, "get", row) == expect(302, 404, 403, 403, 403, 403, 200, 200)
    # Posted in table order: the leader's removal succeeds (redirect), so the admin then finds nothing (404).
    assert matrix(cast, "post", remove) == expect(302, 404, 403, 403, 403, 403, 302, 404)
    assert not Membership.objects.filter(pk=learner_membership.pk).exists()


def test_partnership_and_foundation_actions_refused_to_non_leaders(cast):
    partnership = Partnership.objects.get(course=cast.course, role=Partnership.Role.PARTNER)
    foundation = TeamFoundation.objects.create(course=cast.course, kind="other", description="x")
    refused = {"anonymous": 302, "outsider": 404, "learner": 403, "stakeholder": 403, "partner": 403, "qa": 403}
    for url in [
        course_url(cast, "partner_edit", pk=partnership.pk),
        course_url(cast, "partner_remove", pk=partnership.pk),
        course_url(cast, "foundation_remove", pk=foundation.pk),
    ]:
        got = matrix(cast, "post", url)
        assert {k: got[k] for k in refused} == refused, url


def test_leader_cannot_reach_another_courses_member_through_own_course(client, cast):
    """Changing an id in the URL never reaches another course's data: 404, and nothing changes."""
    other = Membership.objects.filter(course=cast.other_course).exclude(role=Role.LEADER).first()
    client.force_login(cast.leader)
    assert client.post(course_url(cast, "member_remove", pk=other.pk)).status_code == 404
    assert client.get(course_url(cast, "member_edit", pk=other.pk)).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_role_table_grants_exactly_the_roles_permissions(cast):
    for who, role in [
        ("leader", Role.LEADER),
        ("partner", Role.PARTNER),
        ("learner", Role.LEARNER),
        ("qa", Role.QA_OFFICER),
    ]:
        assert course_permissions(getattr(cast, who), cast.course) == ROLE_PERMISSIONS[role], who
    assert course_permissions(cast.outsider, cast.course) == frozenset()


def test_removing_a_member_revokes_their_permissions(cast):
    from teams import services

    membership = Membership.objects.get(course=cast.course, user=cast.partner)
    services.membership_remove(actor=cast.leader, membership=membership)
    assert course_permissions(cast.partner, cast.course) == frozenset()


def test_changing_role_changes_permissions_in_the_same_step(cast):
    from teams import services

    membership = Membership.objects.get(course=cast.course, user=cast.partner)
    services.membership_update(
        actor=cast.leader, membership=membership, role=Role.LEARNER, institution=membership.institution
    )
    assert course_permissions(cast.partner, cast.course) == ROLE_PERMISSIONS[Role.LEARNER]


def test_one_off_grant_lets_an_auditor_view_only(client, cast, user):
    """An admin can grant a single permission on one course (guardian's object permissions)."""
    from guardian.shortcuts import assign_perm

    assign_perm("teams.view_course", user, cast.course)
    assert CourseUserObjectPermission.objects.filter(user=user, content_object=cast.course).count() == 1
    client.force_login(user)
    assert client.get(course_url(cast, "course_detail")).status_code == 200
    assert client.get(course_url(cast, "team")).status_code == 403
    assert cast.course.title in client.get(reverse("teams:dashboard")).content.decode()


def test_one_off_grant_survives_a_role_change(cast):
    from teams import grants, services

    grants.course_grant_add(actor=cast.admin, course=cast.course, user=cast.partner, permission="view_effort")
    membership = Membership.objects.get(course=cast.course, user=cast.partner)
    services.membership_update(
        actor=cast.leader, membership=membership, role=Role.LEARNER, institution=membership.institution
    )
    assert "view_effort" in course_permissions(cast.partner, cast.course)


def test_dashboard_lists_only_my_courses(client, cast):
    client.force_login(cast.outsider)
    body = client.get(reverse("teams:dashboard")).content.decode()
    assert cast.other_course.title in body
    assert cast.course.title not in body


def test_new_member_sees_the_course_immediately(client, cast, user):
    add_member(cast.course, Role.LEARNER, user=user, institution=cast.course.lead_institution)
    client.force_login(user)
    assert client.get(course_url(cast, "course_detail")).status_code == 200
