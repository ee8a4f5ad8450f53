"""A gate passed with unmet conditions is reminded to the course's staff, once each, in fixed queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import occasions
from governance.occasions import GATE_UNMET
from governance.services import gates as services
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from tests.factories.governance import design_running, meet_development_conditions
from tests.factories.teams import CourseFactory, add_partner

pytestmark = pytest.mark.django_db
TODAY = date.today()


def test_the_staff_hears_once_of_a_gate_passed_with_unmet_conditions(cast):
    design_running(cast.course, TODAY)
    services.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY, reason="Deadline.")
    reminder_sweep_create(today=TODAY)
    reminder_sweep_create(today=TODAY)
    reminders = Reminder.objects.filter(kind=GATE_UNMET)
    assert {r.recipient for r in reminders} == {cast.leader, cast.partner, cast.qa}
    assert reminders.count() == 3
    assert all("Reason: Deadline." in r.title and "/governance/" in r.url for r in reminders)


def test_a_gate_passed_with_every_condition_met_reminds_nobody(cast):
    design_running(cast.course, TODAY)
    meet_development_conditions(cast.course, TODAY)
    services.gate_pass(actor=cast.leader, course=cast.course, gate="development", starts_on=TODAY)
    reminder_sweep_create(today=TODAY)
    assert not Reminder.objects.filter(kind=GATE_UNMET).exists()


def _passed_course():
    course = CourseFactory()
    add_partner(course)
    from tests.factories.teams import add_member, leader_of

    add_member(course, "partner", institution=course.partnerships.exclude(role="lead").first().institution)
    design_running(course, TODAY)
    services.gate_pass(actor=leader_of(course), course=course, gate="development", starts_on=TODAY, reason="Late.")


def test_the_provider_reads_in_fixed_queries():
    _passed_course()
    list(occasions.gate_passed_with_unmet(TODAY))  # the content type is cached after a first read
    with CaptureQueriesContext(connection) as few:
        list(occasions.gate_passed_with_unmet(TODAY))
    for _ in range(4):
        _passed_course()
    with CaptureQueriesContext(connection) as many:
        dues = list(occasions.gate_passed_with_unmet(TODAY))
    assert len(few) == len(many) <= 3
    assert len(dues) == 10
