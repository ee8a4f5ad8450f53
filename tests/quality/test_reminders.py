"""Reminders of the quality app: created once per person, subject and occasion, to the right people, in a
fixed number of queries whatever the number of courses."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quality import occasions
from quality.occasions import DECISION_WAITING, EVALUATION_MISSING, REVIEW_WAITING
from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from teams.models import Membership
from tests.factories.quality import consent_all, make_decision, make_edition, submit_report
from tests.factories.teams import CourseFactory, add_member

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # the site's day, as the sweep and the factories count it


def recipients(kind: str) -> set:
    return set(Reminder.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_missing_evaluation_data_reminds_that_institutions_representatives_once(cast, partner_institution):
    make_edition(cast.course, ended_days_ago=14)  # due today with the default of 14 days
    make_edition(cast.course, name="Recent", ended_days_ago=13)  # not due yet
    reminder_sweep_create(today=TODAY)
    reminder_sweep_create(today=TODAY)
    reminders = Reminder.objects.filter(kind=EVALUATION_MISSING)
    # The partner for its institution, the leader for the lead; not the QA officer, learner or stakeholder.
    assert recipients(EVALUATION_MISSING) == {cast.partner.email, cast.leader.email}
    assert reminders.count() == 2
    assert all("/submit/" in r.url for r in reminders)


def test_submitted_data_is_no_longer_missing(cast, partner_institution):
    edition = make_edition(cast.course, ended_days_ago=20)
    submit_report(edition, partner_institution)
    reminder_sweep_create(today=TODAY)
    assert recipients(EVALUATION_MISSING) == {cast.leader.email}


@override_settings(QUALITY_EVALUATION_DUE_DAYS=30)
def test_due_days_come_from_the_setting(cast):
    make_edition(cast.course, ended_days_ago=20)
    reminder_sweep_create(today=TODAY)
    assert not Reminder.objects.filter(kind=EVALUATION_MISSING).exists()
    reminder_sweep_create(today=TODAY + timedelta(days=10))
    assert Reminder.objects.filter(kind=EVALUATION_MISSING).count() == 2


def test_waiting_submission_reminds_qa_officers_and_a_resubmission_again(cast, partner_institution):
    second_qa = add_member(cast.course, Membership.Role.QA_OFFICER).user
    report = submit_report(make_edition(cast.course), partner_institution)
    reminder_sweep_create(today=TODAY)
    reminder_sweep_create(today=TODAY)
    assert recipients(REVIEW_WAITING) == {cast.qa.email, second_qa.email}
    assert Reminder.objects.filter(kind=REVIEW_WAITING).count() == 2
    Reminder.objects.update(sent_at=timezone.now())  # delivered
    evaluation_services.report_request_changes(actor=cast.qa, report=report, comment="Check totals.")
    reminder_sweep_create(today=TODAY)
    assert Reminder.objects.filter(kind=REVIEW_WAITING).count() == 2  # nothing waits now
    assert not Reminder.objects.filter(kind=REVIEW_WAITING, settled_at__isnull=True).exists()  # settled
    evaluation_services.report_submit(
        actor=cast.partner, edition=report.edition, institution=partner_institution, enrolled=40, completed=30,
        passed=25, mean_satisfaction=4, dropout_reasons="Jobs.", reply="Checked.",
    )  # fmt: skip
    reminder_sweep_create(today=TODAY)
    assert Reminder.objects.filter(kind=REVIEW_WAITING).count() == 4


def test_open_decision_reminds_institutions_without_a_position_once_per_version(cast, partner_institution):
    decision = make_decision(cast.course)
    decision_services.consent_record(
        actor=cast.leader, decision=decision, institution=cast.course.lead_institution, position="consent"
    )
    reminder_sweep_create(today=TODAY)
    reminder_sweep_create(today=TODAY)
    assert recipients(DECISION_WAITING) == {cast.partner.email}
    assert Reminder.objects.get(kind=DECISION_WAITING).occasion == "v1"
    Reminder.objects.update(sent_at=timezone.now())  # delivered
    decision_services.decision_revise(actor=cast.leader, decision=decision, title="New", text="New wording")
    reminder_sweep_create(today=TODAY)
    assert sorted(Reminder.objects.filter(kind=DECISION_WAITING).values_list("occasion", flat=True)) == [
        "v1",
        "v2",
        "v2",
    ]


def test_agreed_decision_reminds_no_one(cast, partner_institution):
    decision = make_decision(cast.course)
    for user, institution in [(cast.leader, cast.course.lead_institution), (cast.partner, partner_institution)]:
        decision_services.consent_record(actor=user, decision=decision, institution=institution, position="consent")
    reminder_sweep_create(today=TODAY)
    assert not Reminder.objects.filter(kind=DECISION_WAITING).exists()


def _course_with_everything():
    course = CourseFactory()
    add_member(course, Membership.Role.PARTNER)
    add_member(course, Membership.Role.QA_OFFICER)
    edition = make_edition(course, ended_days_ago=30)
    make_decision(course)
    lead = course.lead_institution
    submit_report(edition, lead)
    return course


def test_providers_use_a_fixed_number_of_queries(db):
    """Two courses or twelve: the same queries (each provider reads a few tables once, joins in memory)."""

    def count_for(n_courses: int) -> tuple[int, int]:
        while len(_courses) < n_courses:
            _courses.append(_course_with_everything())
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as ctx:
            due = [
                *occasions.evaluation_data_missing(TODAY),
                *occasions.review_waiting(TODAY),
                *occasions.decision_waiting(TODAY),
            ]
        return len(ctx.captured_queries), len(due)

    _courses: list = []
    few_queries, few_due = count_for(2)
    many_queries, many_due = count_for(12)
    assert many_due > few_due * 5
    assert few_queries == many_queries


def test_a_reminder_not_sent_yet_is_withdrawn_when_the_decision_is_agreed(cast, partner_institution):
    decision = make_decision(cast.course)
    reminder_sweep_create(today=TODAY)
    assert Reminder.objects.filter(kind=DECISION_WAITING).count() == 2
    Reminder.objects.filter(recipient=cast.leader).update(sent_at=timezone.now())
    consent_all(decision)
    assert not Reminder.objects.filter(kind=DECISION_WAITING, recipient=cast.partner).exists()  # withdrawn at once
    assert Reminder.objects.get(kind=DECISION_WAITING, recipient=cast.leader).settled_at is not None


def test_submitting_the_data_settles_the_missing_data_reminder_of_that_institution_only(cast, partner_institution):
    edition = make_edition(cast.course, ended_days_ago=30)
    reminder_sweep_create(today=TODAY)
    Reminder.objects.update(sent_at=timezone.now())
    submit_report(edition, partner_institution)
    assert Reminder.objects.get(kind=EVALUATION_MISSING, recipient=cast.partner).settled_at is not None
    assert Reminder.objects.get(kind=EVALUATION_MISSING, recipient=cast.leader).settled_at is None
