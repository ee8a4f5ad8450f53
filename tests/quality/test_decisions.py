"""Decisions by consent: agreed only when every institution consents; an objection blocks; a revision resets."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quality.models import Consent, Decision
from quality.selectors.decisions import decision_view
from quality.services import decisions as services
from tests.factories.quality import consent_all, make_decision
from tests.factories.teams import add_member, add_partner

pytestmark = pytest.mark.django_db
Position = Consent.Position


def record(cast, decision, who, institution, position, reason=""):
    return services.consent_record(
        actor=cast.user(who), decision=decision, institution=institution, position=position, reason=reason
    )


@pytest.fixture
def two_partners(cast, partner_institution):
    """A second partner institution with its own representative, so the course has three institutions."""
    second = add_partner(cast.course)
    rep = add_member(cast.course, "partner", institution=second).user
    return partner_institution, second, rep


def test_agreed_when_every_institution_consents(cast, two_partners):
    first, second, rep = two_partners
    decision = make_decision(cast.course)
    record(cast, decision, "leader", cast.course.lead_institution, Position.CONSENT)
    record(cast, decision, "partner", first, Position.CONSENT)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN
    services.consent_record(actor=rep, decision=decision, institution=second, position=Position.CONSENT)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.AGREED
    assert decision.agreed_at is not None


def test_one_objection_keeps_it_open_until_withdrawn(cast, two_partners):
    first, second, rep = two_partners
    decision = make_decision(cast.course)
    record(cast, decision, "leader", cast.course.lead_institution, Position.CONSENT)
    services.consent_record(actor=rep, decision=decision, institution=second, position=Position.CONSENT)
    record(cast, decision, "partner", first, Position.OBJECTION, "Our senate must approve first.")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN
    record(cast, decision, "partner", first, Position.CONSENT)  # the objection is withdrawn
    decision.refresh_from_db()
    assert decision.status == Decision.Status.AGREED
    assert Consent.objects.filter(decision=decision).count() == 3  # changed in place, not duplicated
    assert Consent.history.filter(decision_id=decision.pk, position=Position.OBJECTION).exists()


def test_abstention_is_not_consent(cast, partner_institution):
    decision = make_decision(cast.course)
    record(cast, decision, "leader", cast.course.lead_institution, Position.CONSENT)
    record(cast, decision, "partner", partner_institution, Position.ABSTENTION)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


def test_a_revision_is_a_new_version_that_resets_every_position(cast, partner_institution):
    decision = make_decision(cast.course, title="Teach in English", text="All units in English.")
    record(cast, decision, "leader", cast.course.lead_institution, Position.CONSENT)
    record(cast, decision, "partner", partner_institution, Position.OBJECTION, "Some units in French.")
    services.decision_revise(
        actor=cast.leader, decision=decision, title="Teach in English and French", text="Units 3 and 4 in French."
    )
    decision.refresh_from_db()
    assert decision.version == 2
    view = decision_view(decision=decision)
    assert [c for _, c in view.positions] == [None, None]
    assert view.earlier_versions[0].version == 1
    assert view.earlier_versions[0].text == "All units in English."
    assert {c.position for c in view.earlier_versions[0].positions} == {Position.CONSENT, Position.OBJECTION}
    # The lead's consent to version 1 does not carry over: one consent to version 2 is not enough.
    record(cast, decision, "partner", partner_institution, Position.CONSENT)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN
    record(cast, decision, "leader", cast.course.lead_institution, Position.CONSENT)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.AGREED


def test_an_agreed_decision_is_final(cast):
    decision = make_decision(cast.course)
    consent_all(decision)
    with pytest.raises(ValidationError, match="agreed and final"):
        services.decision_revise(actor=cast.leader, decision=decision, title="Other", text="Other")
    with pytest.raises(ValidationError, match="agreed and final"):
        record(cast, decision, "leader", cast.course.lead_institution, Position.OBJECTION, "Late.")


def test_objection_without_reason_is_refused_at_the_field(client, cast):
    decision = make_decision(cast.course)
    client.force_login(cast.partner)
    url = reverse("quality:consent_record", args=[cast.course.slug, decision.pk])
    response = client.post(url, {"consent-position": "objection", "consent-reason": "   "})
    assert response.status_code == 400
    assert str(services.OBJECTION_NEEDS_REASON) in response.content.decode()
    assert not Consent.objects.exists()


def test_partner_speaks_only_for_own_institution_whatever_the_form_says(client, cast, partner_institution):
    decision = make_decision(cast.course)
    client.force_login(cast.partner)
    url = reverse("quality:consent_record", args=[cast.course.slug, decision.pk])
    response = client.post(
        url, {"consent-position": "consent", "institution": cast.course.lead_institution_id}, follow=True
    )
    assert response.status_code == 200
    assert list(Consent.objects.values_list("institution_id", flat=True)) == [partner_institution.pk]


def test_an_institution_outside_the_course_cannot_take_a_position(cast):
    decision = make_decision(cast.course)
    foreign = cast.other_course.lead_institution
    with pytest.raises(ValidationError, match="not part of the course"):
        record(cast, decision, "leader", foreign, Position.CONSENT)


@pytest.mark.parametrize(
    ("title", "text", "field_error"),
    [
        ("", "Some proposal", "This field is required."),
        ("x" * 201, "Some proposal", "Ensure this value has at most 200 characters (it has 201)."),
        ("A title", "", "This field is required."),
        ("A title", "y" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
    ],
)
def test_proposal_edge_cases_answer_400_at_the_field(client, cast, title, text, field_error):
    client.force_login(cast.partner)
    response = client.post(
        reverse("quality:decisions", args=[cast.course.slug]), {"decision-title": title, "decision-text": text}
    )
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Decision.objects.exists()


def test_whitespace_only_title_is_refused_by_the_service(cast):
    with pytest.raises(ValidationError) as error:
        services.decision_propose(actor=cast.leader, course=cast.course, title="   ", text="x")
    assert error.value.message_dict == {"title": [services.TITLE_REQUIRED]}


def test_partner_who_did_not_propose_cannot_revise(client, cast):
    decision = make_decision(cast.course)  # proposed by the leader
    client.force_login(cast.partner)
    url = reverse("quality:decision_revise", args=[cast.course.slug, decision.pk])
    response = client.post(url, {"revise-title": "Mine", "revise-text": "Mine"})
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.version == 1


def test_proposer_revises_and_page_shows_versions(client, cast, partner_institution):
    client.force_login(cast.partner)
    client.post(
        reverse("quality:decisions", args=[cast.course.slug]),
        {"decision-title": "Shared syllabus", "decision-text": "First wording."},
    )
    decision = Decision.objects.get()
    assert decision.proposer == cast.partner
    url = reverse("quality:decision_revise", args=[cast.course.slug, decision.pk])
    response = client.post(url, {"revise-title": "Shared syllabus", "revise-text": "Second wording."}, follow=True)
    page = response.content.decode()
    assert "Version 2" in page and "Earlier versions" in page and "First wording." in page
    same = client.post(url, {"revise-title": "Shared syllabus", "revise-text": "Second wording."})
    assert same.status_code == 400
    assert str(services.NOTHING_CHANGED) in same.content.decode()
    assert Decision.history.filter(id=decision.pk).first().history_user == cast.partner
