"""Examination rules: weights add up to 100%, ECTS never above the course's, binding versions are frozen."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quality.models import Consent, Decision, ExaminationRules
from quality.services import decisions as decision_services
from quality.services import examination as services
from tests.factories.quality import consent_all, make_binding_rules, make_rules

pytestmark = pytest.mark.django_db
Status = ExaminationRules.Status


def test_weights_over_100_are_refused_with_the_sum(cast):
    rules = make_rules(cast.course, complete=False)
    services.method_add(actor=cast.leader, rules=rules, name="Project", weight_percent=70)
    with pytest.raises(ValidationError) as error:
        services.method_add(actor=cast.leader, rules=rules, name="Exam", weight_percent=40)
    assert error.value.message_dict == {
        "weight_percent": ["The weights would add up to 110%; together they must make exactly 100%."]
    }


def test_exactly_100_is_accepted(cast):
    rules = make_rules(cast.course, complete=False)
    services.method_add(actor=cast.leader, rules=rules, name="Project", weight_percent=60)
    services.method_add(actor=cast.leader, rules=rules, name="Exam", weight_percent=40)
    assert services.weights_total(rules) == 100


def test_proposing_with_weights_under_100_says_the_actual_sum(client, cast):
    rules = make_rules(cast.course, complete=False)
    services.method_add(actor=cast.leader, rules=rules, name="Project", weight_percent=80)
    services.award_save(actor=cast.leader, rules=rules, kind="badge")
    client.force_login(cast.leader)
    response = client.post(reverse("quality:rules_propose", args=[cast.course.slug, rules.version]))
    assert response.status_code == 400
    assert "The assessment weights add up to 80%; they must add up to exactly 100% before adoption." in (
        response.content.decode()
    )
    rules.refresh_from_db()
    assert rules.status == Status.DRAFT and rules.adoption_decision is None


def test_ects_awarded_never_exceeds_the_course(client, cast):
    rules = make_rules(cast.course, complete=False)
    client.force_login(cast.leader)
    response = client.post(
        reverse("quality:award_add", args=[cast.course.slug, rules.version]),
        {"award-kind": "ects", "award-ects_credits": "5.5"},
    )
    assert response.status_code == 400
    assert "ECTS credits awarded (5.5) cannot exceed the course&#x27;s 5 ECTS." in response.content.decode()
    assert not rules.awards.exists()
    services.award_save(actor=cast.leader, rules=rules, kind="ects", ects_credits=Decimal("5"))  # the boundary
    assert rules.awards.get().ects_credits == Decimal("5")


@pytest.mark.parametrize(
    ("kind", "ects", "message"),
    [
        ("ects", None, services.ECTS_REQUIRED),
        ("ects", Decimal("0"), services.ECTS_NOT_POSITIVE),
        ("badge", Decimal("1"), services.ECTS_ONLY_FOR_ECTS),
    ],
)
def test_ects_credits_belong_to_ects_awards_only(cast, kind, ects, message):
    rules = make_rules(cast.course, complete=False)
    with pytest.raises(ValidationError) as error:
        services.award_save(actor=cast.leader, rules=rules, kind=kind, ects_credits=ects)
    assert error.value.message_dict == {"ects_credits": [message]}


def test_minimum_grade_must_be_a_passing_grade_of_the_system(cast):
    rules = make_rules(cast.course)  # numeric 1-10, pass mark 5.5
    with pytest.raises(ValidationError) as error:
        services.award_save(actor=cast.leader, rules=rules, kind="certificate", minimum_grade="5")
    assert error.value.message_dict["minimum_grade"] == [
        "The minimum grade must be between the pass mark 5.5 and the highest mark 10."
    ]
    with pytest.raises(ValidationError):
        services.award_save(actor=cast.leader, rules=rules, kind="certificate", minimum_grade="ten")
    award = services.award_save(actor=cast.leader, rules=rules, kind="certificate", minimum_grade="10")
    assert award.minimum_grade == "10"


def test_letter_grades_need_a_failing_grade(cast):
    rules = make_rules(cast.course, complete=False)
    with pytest.raises(ValidationError) as error:
        services.rules_update(
            actor=cast.leader, rules=rules, grading_system="letter", letter_grades="A, B, C", lowest_pass_letter="C"
        )
    assert error.value.message_dict == {"lowest_pass_letter": [services.LOWEST_PASS_IS_LAST.format(grade="C")]}
    services.rules_update(
        actor=cast.leader, rules=rules, grading_system="letter", letter_grades="a,b, c ,f", lowest_pass_letter="c"
    )
    rules.refresh_from_db()
    assert (rules.letter_grades, rules.lowest_pass_letter) == ("A, B, C, F", "C")


def test_numeric_scale_edge_cases_land_at_their_fields(client, cast):
    rules = make_rules(cast.course, complete=False)
    client.force_login(cast.leader)
    url = reverse("quality:rules_edit", args=[cast.course.slug, rules.version])
    response = client.post(
        url,
        {"rules-grading_system": "numeric", "rules-scale_min": "1", "rules-scale_max": "10", "rules-pass_mark": "11"},
    )
    assert response.status_code == 400
    assert "The pass mark must lie on the scale, between 1 and 10." in response.content.decode()
    response = client.post(url, {"rules-grading_system": "numeric", "rules-scale_min": "5", "rules-scale_max": "5"})
    assert response.status_code == 400
    assert str(services.REQUIRED) in response.content.decode()
    rules.refresh_from_db()
    assert rules.grading_system == ExaminationRules.GradingSystem.PASS_FAIL


def test_required_assessments_of_another_version_are_not_a_choice(client, cast):
    binding = make_binding_rules(cast.course)
    draft = services.rules_start(actor=cast.leader, course=cast.course)
    foreign = binding.assessment_methods.first()
    client.force_login(cast.leader)
    response = client.post(
        reverse("quality:award_add", args=[cast.course.slug, draft.version]),
        {"award-kind": "certificate", "award-required_assessments": [foreign.pk]},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not draft.awards.filter(kind="certificate").exists()


def test_version_binds_when_its_decision_is_agreed_and_the_previous_is_superseded(cast):
    first = make_binding_rules(cast.course)
    assert first.status == Status.BINDING and first.binding_since is not None
    second = services.rules_start(actor=cast.leader, course=cast.course)
    assert second.version == 2
    assert [m.name for m in second.assessment_methods.all()] == [m.name for m in first.assessment_methods.all()]
    assert second.awards.get(kind="ects").required_assessments.get().rules == second  # copied, not shared
    decision = services.rules_propose(actor=cast.leader, rules=second)
    second.refresh_from_db()
    assert second.status == Status.PROPOSED
    consent_all(decision)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.SUPERSEDED, Status.BINDING)


def test_an_objection_keeps_the_rules_from_binding(cast):
    rules = make_rules(cast.course)
    decision = services.rules_propose(actor=cast.leader, rules=rules)
    consent_all(decision, position=Consent.Position.OBJECTION)
    rules.refresh_from_db()
    assert rules.status == Status.PROPOSED


@pytest.mark.parametrize(
    "change",
    [
        lambda rules, actor: services.method_add(actor=actor, rules=rules, name="Extra", weight_percent=1),
        lambda rules, actor: services.method_remove(actor=actor, method=rules.assessment_methods.first()),
        lambda rules, actor: services.rules_update(actor=actor, rules=rules, notes="Changed"),
        lambda rules, actor: services.award_save(actor=actor, rules=rules, kind="certificate"),
        lambda rules, actor: services.award_remove(actor=actor, award=rules.awards.first()),
    ],
)
def test_a_binding_version_is_frozen(cast, change):
    rules = make_binding_rules(cast.course)
    before = (rules.notes, rules.assessment_methods.count(), rules.awards.count())
    with pytest.raises(ValidationError) as error:
        change(rules, cast.leader)
    assert error.value.messages == [services.FROZEN[ExaminationRules.Status.BINDING].format(version=1)]
    rules.refresh_from_db()
    assert (rules.notes, rules.assessment_methods.count(), rules.awards.count()) == before


def test_frozen_version_refuses_edits_through_the_page_and_offers_no_forms(client, cast):
    rules = make_binding_rules(cast.course)
    client.force_login(cast.leader)
    response = client.post(
        reverse("quality:method_add", args=[cast.course.slug, rules.version]),
        {"method-name": "Extra", "method-weight_percent": 1},
    )
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    page = client.get(rules.get_absolute_url()).content.decode()
    assert "Add an assessment method" not in page and "frozen" in page


def test_one_version_in_the_making_at_a_time(cast):
    make_rules(cast.course)
    with pytest.raises(ValidationError, match="Version 1 is still being prepared"):
        services.rules_start(actor=cast.leader, course=cast.course)


def test_changing_proposed_rules_revises_the_decision_and_resets_positions(cast, partner_institution):
    rules = make_rules(cast.course)
    decision = services.rules_propose(actor=cast.leader, rules=rules)
    decision_services.consent_record(
        actor=cast.partner, decision=decision, institution=partner_institution, position="objection",
        reason="An individual exam must weigh at least 50%.",
    )  # fmt: skip
    services.method_remove(actor=cast.leader, method=rules.assessment_methods.get(name="Written exam"))
    decision.refresh_from_db()
    assert decision.version == 2 and "Written exam" not in decision.text
    assert not Consent.objects.filter(decision=decision, version=2).exists()
    assert decision.status == Decision.Status.OPEN


def test_rules_decision_is_revised_through_the_rules_not_by_hand(client, cast):
    rules = make_rules(cast.course)
    decision = services.rules_propose(actor=cast.leader, rules=rules)
    client.force_login(cast.leader)
    response = client.post(
        reverse("quality:decision_revise", args=[cast.course.slug, decision.pk]),
        {"revise-title": "Other", "revise-text": "Other"},
    )
    assert response.status_code == 403


def test_rules_history_records_who_changed_what(cast):
    rules = make_rules(cast.course)
    assert ExaminationRules.history.filter(id=rules.pk).first().history_user == cast.leader
