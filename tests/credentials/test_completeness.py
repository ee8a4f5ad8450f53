"""The 11 mandatory elements of Annex I: what makes each complete, derived from the team's records."""

import pytest

from credentials import services
from credentials.models import AwardingMode
from credentials.selectors import profile_state
from quality.models import Decision
from tests.factories.credentials import complete_profile
from tests.factories.quality import consent_all

pytestmark = pytest.mark.django_db


def states(course) -> dict[str, bool]:
    return {e.key: e.complete for e in profile_state(course=course).elements}


def test_a_new_course_has_its_title_and_the_per_learner_elements_only(cast):
    state = profile_state(course=cast.course)
    assert state.total == 11
    assert state.complete_count == 3
    assert {e.key for e in state.elements if e.complete} == {"learner", "issue_date", "title"}
    assert all(e.url for e in state.missing)


def test_a_complete_profile_has_all_eleven(complete):
    state = profile_state(course=complete)
    assert state.complete_count == 11 and state.is_complete


def test_countries_and_awarding_bodies_come_from_the_agreed_decision(cast):
    complete_profile(cast.course, mode=AwardingMode.LEAD)
    state = profile_state(course=cast.course)
    assert [i.pk for i in state.awarding_institutions] == [cast.course.lead_institution_id]
    assert [c.code for c in state.countries] == [cast.course.lead_institution.country.code]


def test_a_joint_award_names_every_institution_lead_first(complete):
    state = profile_state(course=complete)
    lead = complete.lead_institution
    assert state.awarding_institutions[0] == lead
    assert len(state.awarding_institutions) == 2


def test_awarding_is_missing_while_the_decision_waits_for_consent(complete, cast):
    profile = services.awarding_propose(actor=cast.leader, course=complete, mode=AwardingMode.LEAD)
    assert profile.awarding_decision.status == Decision.Status.OPEN
    result = states(complete)
    assert result["awarding"] is False and result["countries"] is False
    consent_all(profile.awarding_decision)
    assert states(complete)["awarding"] is True


def test_a_title_missing_in_a_language_of_instruction_is_named(complete, cast):
    services.profile_update(actor=cast.leader, course=complete, title_translations={})
    title = next(e for e in profile_state(course=complete).elements if e.key == "title")
    assert not title.complete and "German" in title.missing


def test_participation_timing_falls_back_to_the_profile_without_platform_formats(complete, cast):
    from support.models import DeliveryPlatform

    DeliveryPlatform.objects.filter(course=complete).update(formats=[])
    assert states(complete)["participation"] is False
    services.profile_update(actor=cast.leader, course=complete, participation_timing="asynchronous")
    state = profile_state(course=complete)
    element = next(e for e in state.elements if e.key == "participation")
    assert element.complete and not state.timing_from_platform and "asynchronous" in element.value


def test_assessment_needs_binding_rules(cast):
    from tests.factories.quality import make_rules

    make_rules(cast.course)  # a draft is not binding
    assert states(cast.course)["assessment"] is False


def test_quality_assurance_needs_the_evaluation_procedure(complete):
    from quality.models import EvaluationProcedure

    EvaluationProcedure.objects.filter(course=complete).delete()
    assert states(complete)["quality_assurance"] is False
