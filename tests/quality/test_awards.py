"""Changing and removing awards: the leader, as for adding one, while the version is not binding."""

from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quality.models import Award, Consent, ExaminationRules
from quality.services import decisions as decision_services
from quality.services import examination as services
from tests.factories.quality import make_binding_rules, make_rules
from tests.utils import WHO, queries_after_change, status_or_login

pytestmark = pytest.mark.django_db

LEADER_ONLY = dict(zip(WHO, ["login", 404, 403, 403, 403, 403, 200, 200], strict=True))
FROZEN = "Version 1 is binding: it can no longer be changed. Start a new version to propose changes."


def url(name, award: Award) -> str:
    rules = award.rules
    return reverse(f"quality:{name}", args=[rules.course.slug, rules.version, award.pk])


def text(response) -> str:
    return unescape(response.content.decode())


def form(**values) -> dict:
    data = {"kind": "badge", "minimum_grade": "7", "minimum_attendance_percent": "90"}
    data.update(values)
    return {f"award-{k}": v for k, v in data.items() if v is not None}


@pytest.fixture
def draft(cast) -> ExaminationRules:
    """A complete draft: numeric scale 1 to 10 (pass 5.5), Project 60% and Written exam 40%, badge and ECTS awards."""
    return make_rules(cast.course)


@pytest.fixture
def badge(draft) -> Award:
    return draft.awards.get(kind="badge")


# --- Who may ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["award_edit", "award_remove"])
def test_changing_and_removing_pages_are_for_the_leader(cast, badge, name):
    assert {who: status_or_login(cast, who, "get", url(name, badge)) for who in WHO} == LEADER_ONLY


@pytest.mark.parametrize("who", WHO)
def test_who_may_change_an_award(cast, badge, who):
    expected = {**LEADER_ONLY, "leader": 302, "admin": 302}[who]
    assert status_or_login(cast, who, "post", url("award_edit", badge), form()) == expected
    assert Award.objects.get(pk=badge.pk).minimum_grade == ("7" if expected == 302 else "5.5")


@pytest.mark.parametrize("who", WHO)
def test_who_may_remove_an_award(cast, badge, who):
    expected = {**LEADER_ONLY, "leader": 302, "admin": 302}[who]
    assert status_or_login(cast, who, "post", url("award_remove", badge)) == expected
    assert Award.objects.filter(pk=badge.pk).exists() == (expected != 302)


def test_another_versions_or_courses_award_is_not_found(client, cast, draft, badge):
    theirs = make_rules(cast.other_course).awards.get(kind="badge")
    client.force_login(cast.leader)
    slug = cast.course.slug
    for name in ("award_edit", "award_remove"):
        foreign = reverse(f"quality:{name}", args=[slug, draft.version, theirs.pk])
        assert client.get(foreign).status_code == 404
        assert client.post(foreign, form()).status_code == 404
        wrong_version = reverse(f"quality:{name}", args=[slug, draft.version + 1, badge.pk])
        assert client.get(wrong_version).status_code == 404
    assert Award.objects.filter(pk=theirs.pk, minimum_grade="5.5").exists()


def test_the_rules_page_offers_edit_and_remove_to_the_leader_only(client, cast, draft):
    client.force_login(cast.leader)
    page = text(client.get(draft.get_absolute_url()))
    assert "Change the Digital badge award" in page and "Remove the Digital badge award" in page
    client.force_login(cast.partner)
    page = text(client.get(draft.get_absolute_url()))
    assert "Change the Digital badge award" not in page and "Remove the" not in page


# --- Changing -----------------------------------------------------------------------------------------------


def test_the_leader_changes_an_awards_conditions(client, cast, draft, badge):
    project = draft.assessment_methods.get(name="Project")
    client.force_login(cast.leader)
    page = text(client.get(url("award_edit", badge)))
    assert "Change the Digital badge award" in page and 'value="5.5"' in page
    response = client.post(url("award_edit", badge), form(required_assessments=[project.pk]))
    assert response.status_code == 302 and response.url == draft.get_absolute_url() + "#awards"
    badge.refresh_from_db()
    assert (badge.minimum_grade, badge.minimum_attendance_percent) == ("7", 90)
    assert list(badge.required_assessments.all()) == [project]
    assert Award.history.filter(id=badge.pk).latest("history_date").history_user == cast.leader


@pytest.mark.parametrize(
    ("values", "field_message"),
    [
        ({"kind": "ects"}, "This version already has an award of ECTS credits; change that one."),
        ({"kind": "skill"}, "Select a valid choice. skill is not one of the available choices."),
        ({"kind": ""}, "This field is required."),
        ({"ects_credits": "2"}, "Only an ECTS credits award carries ECTS credits; leave this empty."),
        ({"minimum_grade": "4"}, "The minimum grade must be between the pass mark 5.5 and the highest mark 10."),
        ({"minimum_grade": "good"}, "Give the minimum grade as a number on the scale (5.5–10)."),
        ({"minimum_grade": "x" * 11}, "Ensure this value has at most 10 characters (it has 11)."),
        ({"minimum_attendance_percent": "101"}, "Ensure this value is less than or equal to 100."),
        ({"minimum_attendance_percent": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"required_assessments": ["999999"]}, "Select a valid choice. 999999 is not one of the available choices."),
    ],
)
def test_bad_award_input_is_refused_at_its_field(client, cast, badge, values, field_message):
    client.force_login(cast.leader)
    response = client.post(url("award_edit", badge), form(**values))
    assert response.status_code == 400 and field_message in text(response)
    badge.refresh_from_db()
    assert (badge.kind, badge.minimum_grade, badge.minimum_attendance_percent) == ("badge", "5.5", 80)


def test_ects_awarded_still_never_exceeds_the_course(client, cast, draft):
    ects = draft.awards.get(kind="ects")
    client.force_login(cast.leader)
    response = client.post(url("award_edit", ects), form(kind="ects", ects_credits="5.5", minimum_grade=""))
    assert response.status_code == 400 and "ECTS credits awarded (5.5) cannot exceed the course's 5 ECTS." in (
        text(response)
    )
    assert Award.objects.get(pk=ects.pk).ects_credits == Decimal("5")


def test_an_assessment_of_another_version_is_not_a_choice(client, cast, badge):
    foreign = make_rules(cast.other_course).assessment_methods.first()
    client.force_login(cast.leader)
    response = client.post(url("award_edit", badge), form(required_assessments=[foreign.pk]))
    assert response.status_code == 400 and "Select a valid choice" in text(response)
    assert not badge.required_assessments.exists()


def test_the_service_refuses_an_award_of_another_version(cast, draft):
    other = make_rules(cast.other_course).awards.get(kind="badge")
    with pytest.raises(ValidationError, match="belongs to another version"):
        services.award_save(actor=cast.leader, rules=draft, kind="badge", award=other)


def test_changing_an_award_of_proposed_rules_revises_the_proposal(client, cast, draft, badge, partner_institution):
    decision = services.rules_propose(actor=cast.leader, rules=draft)
    decision_services.consent_record(actor=cast.partner, decision=decision, institution=partner_institution,
                                     position="consent")  # fmt: skip
    client.force_login(cast.leader)
    assert "positions already recorded are reset" in text(client.get(url("award_edit", badge)))
    assert client.post(url("award_edit", badge), form()).status_code == 302
    decision.refresh_from_db()
    assert decision.version == 2 and "minimum grade 7" in decision.text
    assert not Consent.objects.filter(decision=decision, version=2).exists()


# --- Removing -----------------------------------------------------------------------------------------------


def test_removing_asks_first_and_a_get_removes_nothing(client, cast, draft, badge):
    client.force_login(cast.leader)
    page = client.get(url("award_remove", badge))
    assert page.status_code == 200
    assert "Remove the Digital badge award" in text(page) and "Remove award" in text(page)
    assert "positions already recorded" not in text(page)  # a draft: nobody has taken a position
    assert Award.objects.filter(pk=badge.pk).exists()
    pk = badge.pk
    response = client.post(url("award_remove", badge))
    assert response.status_code == 302 and not Award.objects.filter(pk=pk).exists()
    assert "Digital badge award removed." in text(client.get(response.url))
    record = Award.history.filter(id=pk).latest("history_date")
    assert (record.history_type, record.history_user) == ("-", cast.leader)


def test_removing_from_proposed_rules_warns_of_the_revision(client, cast, draft, badge):
    services.rules_propose(actor=cast.leader, rules=draft)
    client.force_login(cast.leader)
    assert "removing the award revises the proposal" in text(client.get(url("award_remove", badge)))


def test_binding_rules_refuse_both_and_say_why(client, cast):
    rules = make_binding_rules(cast.course)
    badge = rules.awards.get(kind="badge")
    client.force_login(cast.leader)
    ask = client.get(url("award_remove", badge))
    assert FROZEN in text(ask) and "Remove award" not in text(ask)
    edit = client.get(url("award_edit", badge), follow=True)
    assert edit.redirect_chain[-1][0] == rules.get_absolute_url() + "#awards" and FROZEN in text(edit)
    for name, data in (("award_edit", form()), ("award_remove", {})):
        response = client.post(url(name, badge), data)
        assert response.status_code == 400 and FROZEN in text(response)
    badge.refresh_from_db()
    assert badge.minimum_grade == "5.5"


# --- Queries ------------------------------------------------------------------------------------------------


def test_award_pages_read_in_fixed_queries(client, cast):
    rules = make_rules(cast.course, complete=False)
    badge = services.award_save(actor=cast.leader, rules=rules, kind="badge")
    client.force_login(cast.leader)
    pages = [url("award_edit", badge), url("award_remove", badge)]
    services.method_add(actor=cast.leader, rules=rules, name="Quiz 0", weight_percent=1)
    few = [queries_after_change(client, p) for p in pages]
    methods = [services.method_add(actor=cast.leader, rules=rules, name=f"Quiz {i}", weight_percent=1)
               for i in range(1, 30)]  # fmt: skip
    services.award_save(actor=cast.leader, rules=rules, kind="badge", award=badge, required_assessments=methods)
    assert [queries_after_change(client, p) for p in pages] == few == [7, 6]
