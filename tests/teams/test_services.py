"""The rules DOMAIN.md gives for course teams, enforced by the database or the services."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from teams import services
from teams.models import Course, Membership, Partnership
from tests.factories.accounts import UserFactory
from tests.factories.teams import (
    CourseFactory,
    InstitutionFactory,
    StakeholderOrganisationFactory,
    add_member,
    add_partner,
    course_starter,
    leader_of,
)

pytestmark = pytest.mark.django_db
Role = Membership.Role


def test_creator_becomes_leader_and_their_institution_the_lead():
    institution = InstitutionFactory()
    creator = course_starter(institution)
    course = services.course_create(
        actor=creator, title="Circular Economy", ects_credits=Decimal("3"), eqf_level=6, languages=["en"]
    )
    assert course.lead_institution == institution
    assert Membership.objects.get(course=course, role=Role.LEADER).user == creator
    assert Partnership.objects.get(course=course, role=Partnership.Role.LEAD).institution == institution
    assert course.slug == "circular-economy"


def test_creating_a_course_without_the_right_to_start_one_is_refused_with_a_reason():
    with pytest.raises(ValidationError) as error:
        services.course_create(actor=UserFactory(), title="X", ects_credits=Decimal(3), eqf_level=6, languages=["en"])
    assert services.NO_START_RIGHT in error.value.messages


@pytest.mark.parametrize("ects,eqf", [(Decimal("0.4"), 6), (Decimal("60.5"), 6), (Decimal("5"), 0), (Decimal("5"), 9)])
def test_ects_and_eqf_outside_the_guideline_ranges_are_refused(ects, eqf):
    creator = course_starter()
    with pytest.raises(ValidationError):
        services.course_create(actor=creator, title="X", ects_credits=ects, eqf_level=eqf, languages=["en"])
    assert not Course.objects.exists()


def test_the_database_refuses_ects_outside_range_even_without_the_service():
    course = CourseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=course.pk).update(ects_credits=Decimal("61"))


def test_the_database_refuses_a_second_leader():
    course = CourseFactory()
    other = UserFactory(home_institution=course.lead_institution)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(course=course, user=other, role=Role.LEADER, institution=course.lead_institution)


def test_the_database_refuses_the_same_person_twice():
    course = CourseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            course=course, user=leader_of(course), role=Role.QA_OFFICER, institution=course.lead_institution
        )


def test_adding_a_second_leader_is_refused():
    course = CourseFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=leader_of(course), course=course, email="x@example.org", role=Role.LEADER,
            institution=course.lead_institution,
        )  # fmt: skip
    assert services.ONE_LEADER in error.value.messages


def test_partner_representative_must_represent_a_partner_institution():
    course = CourseFactory()
    with pytest.raises(ValidationError) as error:
        add_member(course, Role.PARTNER, institution=course.lead_institution)
    assert services.PARTNER_FROM_PARTNER in error.value.messages


def test_a_member_cannot_represent_an_institution_outside_the_course():
    course = CourseFactory()
    with pytest.raises(ValidationError) as error:
        add_member(course, Role.LEARNER, institution=InstitutionFactory())
    assert services.INSTITUTION_NOT_IN_COURSE in error.value.messages


def test_qa_officer_belongs_to_the_lead_institution():
    course = CourseFactory()
    partner = add_partner(course)
    with pytest.raises(ValidationError) as error:
        add_member(course, Role.QA_OFFICER, institution=partner)
    assert services.QA_FROM_LEAD % {"lead": course.lead_institution} in error.value.messages


def test_stakeholder_needs_an_organisation_and_an_aspect():
    course = CourseFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=leader_of(course), course=course, email="s@example.org", role=Role.STAKEHOLDER,
            organisation=StakeholderOrganisationFactory(), co_creation_aspects=[],
        )  # fmt: skip
    assert services.STAKEHOLDER_NEEDS_ASPECT in error.value.messages


def test_duplicate_membership_is_refused_whatever_the_case_of_the_email():
    course = CourseFactory()
    member = add_member(course, Role.LEARNER)
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=leader_of(course), course=course, email=member.user.email.upper(), role=Role.LEARNER,
            institution=course.lead_institution,
        )  # fmt: skip
    assert "already a member" in error.value.messages[0]


def test_the_leader_cannot_be_removed_or_demoted():
    course = CourseFactory()
    leader = Membership.objects.get(course=course, role=Role.LEADER)
    with pytest.raises(ValidationError):
        services.membership_remove(actor=leader.user, membership=leader)
    with pytest.raises(ValidationError):
        services.membership_update(
            actor=leader.user, membership=leader, role=Role.QA_OFFICER, institution=course.lead_institution
        )
    assert Membership.objects.filter(pk=leader.pk, role=Role.LEADER).exists()


def test_lead_institution_and_staffed_partners_cannot_be_removed():
    course = CourseFactory()
    lead = Partnership.objects.get(course=course, role=Partnership.Role.LEAD)
    with pytest.raises(ValidationError):
        services.partnership_remove(actor=leader_of(course), partnership=lead)
    member = add_member(course, Role.PARTNER)
    staffed = Partnership.objects.get(course=course, institution=member.institution)
    with pytest.raises(ValidationError) as error:
        services.partnership_remove(actor=leader_of(course), partnership=staffed)
    assert "still has 1 member" in error.value.messages[0]
    empty = Partnership.objects.get(course=course, institution=add_partner(course))
    services.partnership_remove(actor=leader_of(course), partnership=empty)
    assert not Partnership.objects.filter(pk=empty.pk).exists()


def test_faculty_must_belong_to_the_partner_institution():
    from tests.factories.teams import FacultyFactory

    course = CourseFactory()
    with pytest.raises(ValidationError):
        services.partnership_add(
            actor=leader_of(course), course=course, institution=InstitutionFactory(), faculty=FacultyFactory()
        )


def test_a_new_person_is_invited_by_email_with_a_link_to_set_a_password(django_capture_on_commit_callbacks):
    course = CourseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        member = services.membership_add(
            actor=leader_of(course), course=course, email="New.Person@Example.org", role=Role.LEARNER,
            institution=course.lead_institution, first_name="New",
        )  # fmt: skip
    assert member.user.email == "new.person@example.org"
    assert not member.user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert course.title in message.subject
    assert "/accounts/password/reset/" in message.body


def test_an_existing_person_is_not_invited_again(django_capture_on_commit_callbacks):
    course = CourseFactory()
    existing = UserFactory(home_institution=course.lead_institution)
    with django_capture_on_commit_callbacks(execute=True):
        add_member(course, Role.LEARNER, user=existing)
    assert mail.outbox == []


def test_every_team_change_records_who_made_it():
    course = CourseFactory()
    leader = leader_of(course)
    member = add_member(course, Role.LEARNER)
    member_id = member.pk
    services.membership_remove(actor=leader, membership=member)
    records = list(Membership.history.filter(id=member_id).order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "-"]
    assert all(r.history_user == leader for r in records)
    assert Course.history.get(id=course.pk).history_user == leader
