"""demo.story.quality.seed builds the story the demo tells, and a second run changes nothing."""

from datetime import date

import pytest

from demo.story import quality as demo
from quality.models import Consent, Decision, Edition, EvaluationReport, ExaminationRules
from quality.occasions import EVALUATION_MISSING, REVIEW_WAITING
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from teams.models import Membership
from tests.factories.teams import CourseFactory, add_member, add_partner

pytestmark = pytest.mark.django_db
Status = EvaluationReport.Status


def demo_course(partners: int):
    course = CourseFactory()
    for _ in range(partners):
        add_member(course, Membership.Role.PARTNER, institution=add_partner(course))
    add_member(course, Membership.Role.QA_OFFICER)
    return course


def snapshot() -> tuple:
    return tuple(
        model.objects.count() for model in (Decision, Consent, ExaminationRules, Edition, EvaluationReport)
    ) + tuple(model.history.count() for model in (Decision, Consent, ExaminationRules, EvaluationReport))


def test_seed_tells_the_story_and_is_idempotent():
    courses = {
        "ai-literacy": demo_course(partners=3),
        "digital-health": demo_course(partners=2),
        "green-energy": demo_course(partners=1),
    }
    today = date(2026, 11, 23)
    demo.seed(courses=courses, today=today)
    first = snapshot()
    demo.seed(courses=courses, today=today)
    assert snapshot() == first

    ai = courses["ai-literacy"]
    rules = ExaminationRules.objects.get(course=ai)
    assert rules.status == ExaminationRules.Status.BINDING
    assert rules.adoption_decision.status == Decision.Status.AGREED
    editions = list(Edition.objects.filter(course=ai).order_by("starts_on"))
    assert len(editions) == 3 and all(e.ends_on < today for e in editions)
    assert set(editions[0].reports.values_list("status", flat=True)) == {Status.ACCEPTED}
    assert editions[0].reports.count() == 4
    second = sorted(editions[1].reports.values_list("status", flat=True))
    assert second == [Status.ACCEPTED, Status.CHANGES_REQUESTED, Status.SUBMITTED]  # and one institution missing
    third = list(editions[2].reports.values_list("institution", "status"))
    assert third == [(ai.lead_institution_id, Status.SUBMITTED)]  # the partners' data is not due yet
    reminder_sweep_create(today=today)
    assert Reminder.objects.filter(kind=EVALUATION_MISSING, course=ai).count() == 1
    waiting = EvaluationReport.objects.filter(edition__course=ai, status=Status.SUBMITTED).count()
    assert Reminder.objects.filter(kind=REVIEW_WAITING, course=ai).exists() and waiting == 2

    dh = courses["digital-health"]
    rules = ExaminationRules.objects.get(course=dh)
    assert rules.status == ExaminationRules.Status.BINDING
    assert "Individual written exam" in rules.assessment_methods.values_list("name", flat=True)
    decision = rules.adoption_decision
    assert decision.status == Decision.Status.AGREED and decision.version == 2
    first_version = sorted(decision.consents.filter(version=1).values_list("position", flat=True))
    assert first_version == [Consent.Position.CONSENT, Consent.Position.OBJECTION]
    assert decision.consents.filter(version=2, position=Consent.Position.CONSENT).count() == 3

    draft = ExaminationRules.objects.get(course=courses["green-energy"])
    assert draft.status == ExaminationRules.Status.DRAFT and draft.adoption_decision is None
