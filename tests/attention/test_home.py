"""The home page "What needs me": who may open it, what it lists for whom, what it never shows, its query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phases import services as phase_services
from support.models import Consultation, ServiceKind
from tests.factories.phases import add_milestone, add_task, member, running_design
from tests.factories.quality import consent_all, make_decision, make_edition, submit_report
from tests.factories.support import ConsultationFactory
from tests.factories.teams import add_member, leader_of
from tests.utils import expect, matrix, status_or_login

HOME = "/"


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_everyone_signed_in_opens_the_home_page_and_anonymous_is_sent_to_log_in(cast):
    assert matrix(cast, "get", HOME) == expect(302, 200, 200, 200, 200, 200, 200, 200)
    assert status_or_login(cast, "anonymous", "get", HOME) == "login"
    assert reverse("attention:home") == HOME


def test_odd_query_parameters_change_nothing(client, cast):
    client.force_login(cast.partner)
    assert client.get(HOME + "?page=abc&course=999999&x=%00").status_code == 200


def test_empty_state_says_nothing_needs_you_and_lists_my_courses(client, cast):
    body = page(client, cast.stakeholder)
    assert "Nothing needs you right now" in body
    assert cast.course.title in body  # My courses, beside
    assert "Late" not in body


def test_a_person_without_a_course_is_told_so(client, user):
    body = page(client, user)
    assert "Nothing needs you right now" in body and "You are not in a course team yet." in body


def test_my_task_due_soon_and_my_late_task_with_course_date_and_link(client, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    soon = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)],
                    due_on=today + timedelta(days=3))  # fmt: skip
    late = add_task(design, title="Map competences", assignees=[member(cast.course, cast.partner)],
                    due_on=today - timedelta(days=2))  # fmt: skip
    add_task(design, title="Someone else's", assignees=[member(cast.course, cast.learner)], due_on=today)
    body = page(client, cast.partner)
    assert "Draft the syllabus" in body and "Map competences" in body and "Someone else&#x27;s" not in body
    assert f"#task-{soon.pk}" in body and f"#task-{late.pk}" in body
    assert f"was due on {(today - timedelta(days=2)):%-d %b %Y}" in body  # past tense for a past date
    assert f"is due on {(today + timedelta(days=3)):%-d %b %Y}" in body
    assert body.index("Map competences") < body.index("Draft the syllabus")  # late first


def test_a_done_task_and_a_completed_milestone_leave_the_list(client, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    task = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)], due_on=today)
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=today - timedelta(days=1),
                              title="Outcomes agreed")  # fmt: skip
    assert "Draft the syllabus" in page(client, cast.partner) and "Outcomes agreed" in page(client, cast.partner)
    phase_services.task_set_status(actor=cast.partner, task=task, status="done")
    phase_services.milestone_update(actor=cast.leader, milestone=milestone, title=milestone.title,
                                    due_on=milestone.due_on, owner=milestone.owner, completed_on=today)  # fmt: skip
    body = page(client, cast.partner)
    assert "Draft the syllabus" not in body and "Outcomes agreed" not in body


def test_the_leader_sees_every_late_task_and_milestone_of_the_course(client, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    add_task(design, title="Late for the learner", assignees=[member(cast.course, cast.learner)],
             due_on=today - timedelta(days=1))  # fmt: skip
    add_task(design, title="Soon for the learner", assignees=[member(cast.course, cast.learner)], due_on=today)
    body = page(client, cast.leader)
    assert "Late for the learner" in body and "Soon for the learner" not in body


def test_a_lapsed_consultation_is_on_the_leaders_home_page_and_the_overview(client, cast):
    today = timezone.localdate()
    ConsultationFactory(course=cast.course, kind=ServiceKind.LEGAL, requested_on=today - timedelta(days=30),
                        due_by=today - timedelta(days=3))  # fmt: skip
    assert "Legal services" in page(client, cast.leader)
    client.force_login(cast.leader)
    overview = client.get(cast.course.get_absolute_url()).content.decode()
    assert "Consultation lapsed" in overview and "Nothing is late" not in overview
    assert "Legal services" not in page(client, cast.stakeholder)


def test_a_task_force_member_sees_consultations_of_their_institution(client, cast):
    today = timezone.localdate()
    from support.services.task_force import task_force_member_add

    seat = task_force_member_add(actor=cast.leader, course=cast.course, institution=cast.course.lead_institution,
                                 kind=ServiceKind.IT, email="it-office@lead.example.org")  # fmt: skip
    ConsultationFactory(course=cast.course, kind=ServiceKind.IT, requested_on=today, due_by=today + timedelta(days=2))
    assert "IT services" in page(client, seat.user)


def test_a_decision_waits_for_my_institution_until_it_takes_a_position(client, cast):
    decision = make_decision(cast.course, title="Teach in English")
    assert "Teach in English" in page(client, cast.partner)
    assert "Teach in English" not in page(client, cast.learner)
    consent_all(decision)
    assert "Teach in English" not in page(client, cast.partner)


def test_evaluation_data_my_institution_owes_and_review_waiting_for_the_qa_officer(client, cast):
    edition = make_edition(cast.course, name="Spring 2026", ended_days_ago=30)
    institution = member(cast.course, cast.partner).institution
    assert "Spring 2026" in page(client, cast.partner)  # owed, and late (due 14 days after the end)
    assert "Spring 2026" in page(client, cast.leader)  # the lead institution owes its data too
    submit_report(edition, institution)
    assert "Spring 2026" not in page(client, cast.partner)
    body = page(client, cast.qa)
    assert "Evaluation data to review" in body and "Spring 2026" in body


def test_approval_steps_waiting_at_my_institution(client, cast):
    from tests.factories.support import phase

    today = timezone.localdate()
    phase(cast.course, "implementation", today + timedelta(days=20), today + timedelta(days=400))
    body = page(client, cast.partner)
    assert "Faculty approval" in body and "University approval" in body
    assert "Faculty approval" not in page(client, cast.learner)


def test_nothing_from_a_course_i_cannot_see(client, cast):
    today = timezone.localdate()
    design = running_design(cast.other_course, today)
    add_task(design, title="Other course task", assignees=[member(cast.other_course, cast.outsider)],
             due_on=today - timedelta(days=1))  # fmt: skip
    make_decision(cast.other_course, title="Other decision")
    for who in (cast.partner, cast.leader, cast.qa):
        body = page(client, who)
        assert "Other course task" not in body and "Other decision" not in body
    assert "Other course task" in page(client, cast.outsider)


def test_a_removed_member_no_longer_sees_the_course_items(client, cast):
    from teams import services as team_services

    make_decision(cast.course, title="Teach in English")
    assert "Teach in English" in page(client, cast.partner)
    extra = add_member(cast.course, "partner", institution=member(cast.course, cast.partner).institution)
    team_services.membership_remove(actor=cast.leader, membership=member(cast.course, cast.partner))
    assert "Teach in English" not in page(client, cast.partner)
    assert "Teach in English" in page(client, extra.user)


def _many(cast, n: int) -> None:
    today = timezone.localdate()
    design = running_design(cast.course, today)
    mine = member(cast.course, cast.partner)
    for i in range(n):
        add_task(design, title=f"Task {i}", assignees=[mine], due_on=today + timedelta(days=i % 5 - 2))
        add_milestone(design, owner=mine, due_on=today + timedelta(days=i % 10 - 5), title=f"Milestone {i}")
    for kind in list(ServiceKind.values)[: min(n, 6)]:
        ConsultationFactory(course=cast.course, kind=kind, institution=mine.institution,
                            requested_on=today - timedelta(days=20), due_by=today - timedelta(days=1),
                            requested_by=cast.partner, status=Consultation.Status.REQUESTED)  # fmt: skip
    for i in range(min(n, 5)):
        make_decision(cast.course, title=f"Decision {i}")
        make_edition(cast.course, name=f"Edition {i}", ended_days_ago=20 + i)


# The session (read from the database), then attention.sources: the count depends on the roles, never on rows.
@pytest.mark.parametrize("who,pinned", [("partner", 15), ("leader", 18), ("qa", 10)])
@pytest.mark.parametrize("n", [2, 30])
def test_home_query_count_does_not_grow_with_rows(client, cast, django_assert_num_queries, who, pinned, n):
    _many(cast, n)
    client.force_login(cast.user(who))
    client.get(HOME)  # session and bell count cached, as for anyone browsing
    with django_assert_num_queries(pinned):
        assert client.get(HOME).status_code == 200


def test_leader_of_nothing_is_not_told_of_other_peoples_things(client, cast):
    assert leader_of(cast.course) == cast.leader
    body = page(client, cast.learner)
    assert "Nothing needs you right now" in body
