"""Permissions derived from every granting record, on every path that changes those records."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from support.models import ServiceKind
from support.services.task_force import task_force_member_add, task_force_member_remove
from teams import grants, services
from teams.derivation import derive_all, derive_course_permissions, wanted_permissions
from teams.leadership import leadership_hand_over
from teams.models import Affiliation, CourseGrant, CourseUserObjectPermission, Membership
from teams.permissions import (
    CHANGE,
    KEEP_EVALUATION,
    LEAD_SUPPORT,
    MODERATE_DECISIONS,
    ROLE_PERMISSIONS,
    VIEW,
    course_permissions,
)
from tests.factories.accounts import AdminFactory, UserFactory
from tests.factories.teams import CourseFactory, add_member, verified

pytestmark = pytest.mark.django_db
Role = Membership.Role


def held(user, course) -> set[str]:
    return set(
        CourseUserObjectPermission.objects.filter(user=user, content_object=course).values_list(
            "permission__codename", flat=True
        )
    )


def test_rows_are_exactly_what_the_records_grant_for_every_member(cast):
    for who in ("leader", "partner", "learner", "stakeholder", "qa"):
        user = getattr(cast, who)
        assert held(user, cast.course) == wanted_permissions(cast.course.pk, {user.pk})[user.pk]
    assert derive_all([cast.course.pk]) == 0  # nothing to change: the services already derived


def test_a_hand_edited_row_is_put_right_by_the_next_derivation(cast):
    CourseUserObjectPermission.objects.filter(user=cast.learner, content_object=cast.course).delete()
    extra = CourseUserObjectPermission.objects.filter(user=cast.leader, content_object=cast.course).first()
    CourseUserObjectPermission.objects.create(
        user=cast.learner, content_object=cast.course, permission=extra.permission
    )
    assert derive_course_permissions(course_id=cast.course.pk) is True
    assert held(cast.learner, cast.course) == set(ROLE_PERMISSIONS[Role.LEARNER])


def test_an_admin_cannot_change_a_members_role_in_django_admin(client, cast):
    client.force_login(cast.admin)
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    url = reverse("admin:teams_membership_change", args=[membership.pk])
    client.post(url, {"user": cast.learner.pk, "course": cast.course.pk, "role": Role.PARTNER})
    membership.refresh_from_db()
    assert membership.role == Role.LEARNER
    assert held(cast.learner, cast.course) == set(ROLE_PERMISSIONS[Role.LEARNER])


def test_an_admin_deleting_a_membership_in_django_admin_revokes_what_it_gave(client, cast):
    client.force_login(cast.admin)
    membership = Membership.objects.get(course=cast.course, user=cast.partner)
    response = client.post(reverse("admin:teams_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert held(cast.partner, cast.course) == set()
    assert membership.history.first().history_user == cast.admin


def test_the_leaders_membership_cannot_be_deleted_in_django_admin(client, cast):
    client.force_login(cast.admin)
    membership = Membership.objects.get(course=cast.course, user=cast.leader)
    response = client.post(reverse("admin:teams_membership_delete", args=[membership.pk]), {"post": "yes"}, follow=True)
    assert "cannot be removed" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert held(cast.leader, cast.course) == set(ROLE_PERMISSIONS[Role.LEADER])


def test_a_raw_queryset_delete_of_a_membership_still_ends_in_the_derivation(cast):
    Membership.objects.filter(course=cast.course, user=cast.qa).delete()
    assert held(cast.qa, cast.course) == set()


def test_a_member_on_the_task_force_removed_from_the_team_keeps_what_the_seat_gives(cast):
    partner_institution = Membership.objects.get(course=cast.course, user=cast.partner).institution
    seat = task_force_member_add(
        actor=cast.leader, course=cast.course, institution=partner_institution,
        kind=ServiceKind.LEGAL, email=cast.partner.email,
    )  # fmt: skip
    services.membership_remove(
        actor=cast.leader, membership=Membership.objects.get(course=cast.course, user=cast.partner)
    )
    assert held(cast.partner, cast.course) == {VIEW}
    task_force_member_remove(actor=cast.leader, member=seat)
    assert held(cast.partner, cast.course) == set()


def test_leaving_the_task_force_keeps_a_members_own_permissions(cast):
    partner_institution = Membership.objects.get(course=cast.course, user=cast.partner).institution
    seat = task_force_member_add(
        actor=cast.leader, course=cast.course, institution=partner_institution, kind=ServiceKind.IT,
        email=cast.partner.email,
    )  # fmt: skip
    task_force_member_remove(actor=cast.leader, member=seat)
    assert held(cast.partner, cast.course) == set(ROLE_PERMISSIONS[Role.PARTNER])


def test_deleting_a_user_or_a_course_leaves_no_rows_and_no_error(cast):
    learner_id = cast.learner.pk
    cast.learner.delete()
    assert not CourseUserObjectPermission.objects.filter(user_id=learner_id).exists()
    course_id = cast.other_course.pk
    cast.other_course.delete()
    assert not CourseUserObjectPermission.objects.filter(content_object_id=course_id).exists()


def test_deleting_an_institution_in_use_is_refused_and_changes_nothing(cast):
    from django.db.models import ProtectedError

    before = CourseUserObjectPermission.objects.count()
    with pytest.raises(ProtectedError):
        cast.course.lead_institution.delete()
    assert CourseUserObjectPermission.objects.count() == before


def test_one_off_grants_are_records_and_survive_derivation(cast):
    auditor = UserFactory()
    grant = grants.course_grant_add(actor=cast.admin, course=cast.course, user=auditor, permission=CHANGE, note="Audit")
    assert held(auditor, cast.course) == {CHANGE, VIEW}
    derive_all([cast.course.pk])
    assert held(auditor, cast.course) == {CHANGE, VIEW}
    grants.course_grant_remove(actor=cast.admin, grant=grant)
    assert held(auditor, cast.course) == {VIEW}
    with pytest.raises(ValidationError):
        grants.course_grant_add(actor=cast.leader, course=cast.course, user=auditor, permission=VIEW)


def test_a_one_off_change_grant_gives_no_power_over_support_evaluation_or_decisions(client, cast):
    """Leader powers have names of their own: CHANGE is the course's details and examination rules only."""
    auditor = UserFactory()
    grants.course_grant_add(actor=cast.admin, course=cast.course, user=auditor, permission=CHANGE)
    perms = course_permissions(auditor, cast.course)
    assert {LEAD_SUPPORT, KEEP_EVALUATION, MODERATE_DECISIONS}.isdisjoint(perms)
    assert {LEAD_SUPPORT, KEEP_EVALUATION, MODERATE_DECISIONS} <= course_permissions(cast.leader, cast.course)
    client.force_login(auditor)
    lead = cast.course.lead_institution_id
    url = reverse("support:consultation_edit", kwargs={"slug": cast.course.slug, "institution_id": lead, "kind": "it"})
    assert client.get(url).status_code == 403


def test_django_admin_gives_one_off_grants_as_records(client, cast):
    auditor = UserFactory()
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:teams_coursegrant_add"),
        {"course": cast.course.pk, "user": auditor.pk, "permission": VIEW, "note": "External auditor"},
    )
    assert response.status_code == 302
    assert CourseGrant.objects.get(user=auditor).granted_by == cast.admin
    assert held(auditor, cast.course) == {VIEW}


# --- Leadership handover ------------------------------------------------------------------------------------------


@pytest.fixture
def successor(cast):
    qa = Membership.objects.get(course=cast.course, user=cast.qa)
    verified(cast.qa, cast.course.lead_institution, Affiliation.Kind.STAFF)
    return qa


def test_the_leader_hands_over_and_stays_as_qa_officer_both_notified(
    cast, successor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        leadership_hand_over(actor=cast.leader, course=cast.course, to=successor, former_role=Role.QA_OFFICER)
    assert Membership.objects.get(course=cast.course, role=Role.LEADER).user == cast.qa
    assert Membership.objects.get(course=cast.course, user=cast.leader).role == Role.QA_OFFICER
    assert held(cast.qa, cast.course) == set(ROLE_PERMISSIONS[Role.LEADER])
    assert held(cast.leader, cast.course) == set(ROLE_PERMISSIONS[Role.QA_OFFICER])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.qa.email, cast.leader.email])
    assert successor.history.first().history_user == cast.leader


def test_the_former_leader_may_leave_and_an_admin_may_hand_over(cast, successor):
    leadership_hand_over(actor=cast.admin, course=cast.course, to=successor, former_role=None)
    assert not Membership.objects.filter(course=cast.course, user=cast.leader).exists()
    assert held(cast.leader, cast.course) == set()


def test_handover_refusals(cast, successor):
    partner = Membership.objects.get(course=cast.course, user=cast.partner)
    with pytest.raises(ValidationError):  # not of the lead institution
        leadership_hand_over(actor=cast.leader, course=cast.course, to=partner, former_role=None)
    with pytest.raises(PermissionDenied):
        leadership_hand_over(actor=cast.qa, course=cast.course, to=successor, former_role=None)
    with pytest.raises(ValidationError):
        leadership_hand_over(actor=cast.leader, course=cast.course, to=successor, former_role=Role.PARTNER)
    other = add_member(cast.course, Role.QA_OFFICER)  # of the lead institution but not verified staff
    with pytest.raises(ValidationError) as error:
        leadership_hand_over(actor=cast.leader, course=cast.course, to=other, former_role=None)
    assert "verified staff" in error.value.messages[0]
    assert Membership.objects.get(course=cast.course, role=Role.LEADER).user == cast.leader


def test_handover_page_is_the_leaders_and_posts_in_one_step(client, cast, successor):
    url = reverse("teams:leadership_handover", kwargs={"slug": cast.course.slug})
    from tests.utils import expect, matrix

    assert matrix(cast, "get", url) == expect(302, 404, 403, 403, 403, 403, 200, 200)
    client.force_login(cast.leader)
    assert client.post(url, {"to": successor.pk, "former_role": "leave"}).status_code == 302
    assert Membership.objects.get(course=cast.course, role=Role.LEADER).user == cast.qa


def test_the_refusal_no_longer_says_to_ask_an_admin(cast):
    membership = Membership.objects.get(course=cast.course, user=cast.qa)
    with pytest.raises(ValidationError) as error:
        services.membership_update(actor=cast.leader, membership=membership, role=Role.LEADER,
                                   institution=membership.institution)  # fmt: skip
    assert "admin" not in error.value.messages[0] and "Hand over leadership" in error.value.messages[0]


def test_new_courses_leader_holds_the_named_powers():
    course = CourseFactory()
    leader = Membership.objects.get(course=course, role=Role.LEADER).user
    assert {LEAD_SUPPORT, KEEP_EVALUATION, MODERATE_DECISIONS} <= held(leader, course)
    assert AdminFactory().is_superuser
