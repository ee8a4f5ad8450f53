"""What the leader does on the profile pages, and what bad input gets: a message at the field, never a 500."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from credentials import services
from credentials.models import CredentialProfile, LearningOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(cast):
    client = Client()
    client.force_login(cast.leader)
    return client


def test_leader_fills_in_the_profile_and_it_is_in_the_history(cast, leader_client):
    from credentials.models import CredentialProfile as Profile

    url = reverse("credentials:profile_edit", args=[cast.course.slug])
    data = {"primary_language": "en", "notional_hours": "140", "qf_ehea_cycle": "first", "integration": "stand_alone"}
    response = leader_client.post(url, data)
    assert response.status_code == 302
    profile = Profile.objects.get(course=cast.course)
    assert profile.notional_hours == 140
    assert profile.history.first().history_user == cast.leader


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"notional_hours": "100"}, "notional_hours", "125 to 150 hours"),
        ({"notional_hours": "151"}, "notional_hours", "125 to 150 hours"),
        ({"notional_hours": "-3"}, "notional_hours", ""),
        ({"notional_hours": "99999999999"}, "notional_hours", ""),
        ({"notional_hours": "many"}, "notional_hours", ""),
        ({"qf_ehea_cycle": "second"}, "qf_ehea_cycle", "EQF level 7"),
        ({"qf_ehea_cycle": "fourth"}, "qf_ehea_cycle", ""),
        ({"integration": "stackable", "stackable_towards": " "}, "stackable_towards", "Name the credential"),
        ({"primary_language": "xx"}, "primary_language", ""),
        ({"isced_f_field": "999"}, "isced_f_field", ""),
        ({"prerequisites": "x" * 2001}, "prerequisites", ""),
    ],
)
def test_bad_profile_input_is_refused_at_the_field(cast, leader_client, data, field, message):
    url = reverse("credentials:profile_edit", args=[cast.course.slug])
    response = leader_client.post(url, {"primary_language": "en", **data})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not CredentialProfile.objects.filter(course=cast.course, notional_hours__isnull=False).exists()


def test_translation_too_long_is_refused_at_its_field(cast, leader_client):
    type(cast.course).objects.filter(pk=cast.course.pk).update(languages=["en", "pl"])
    url = reverse("credentials:profile_edit", args=[cast.course.slug])
    response = leader_client.post(url, {"primary_language": "en", "title_pl": "x" * 201})
    assert response.status_code == 400 and "title_pl" in response.context["form"].errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 501}, "text"),
        ({"text": "Explain", "esco_uri": "https://example.org/skill"}, "esco_uri"),
        ({"text": "Explain", "esco_uri": "javascript:alert(1)"}, "esco_uri"),
    ],
)
def test_bad_outcomes_are_refused_at_the_field(cast, leader_client, data, field):
    response = leader_client.post(reverse("credentials:outcome_add", args=[cast.course.slug]), data)
    assert response.status_code == 400
    assert field in response.context["outcome_form"].errors
    assert not LearningOutcome.objects.exists()


def test_outcomes_keep_their_order_and_move(cast, leader_client):
    first = services.outcome_add(actor=cast.leader, course=cast.course, text="First")
    second = services.outcome_add(actor=cast.leader, course=cast.course, text="Second")
    url = reverse("credentials:outcome_move", args=[cast.course.slug, second.pk])
    assert leader_client.post(url, {"direction": "up"}).status_code == 302
    assert list(LearningOutcome.objects.order_by("position").values_list("text", flat=True)) == ["Second", "First"]
    assert leader_client.post(url, {"direction": "sideways"}).status_code == 400
    top = reverse("credentials:outcome_move", args=[cast.course.slug, second.pk])
    assert leader_client.post(top, {"direction": "up"}).status_code == 302  # already first: nothing changes
    first.refresh_from_db()
    assert first.position == 2


def test_delete_asks_first_then_deletes(cast, leader_client):
    outcome = services.outcome_add(actor=cast.leader, course=cast.course, text="Gone soon")
    url = reverse("credentials:outcome_delete", args=[cast.course.slug, outcome.pk])
    assert b"Delete learning outcome" in leader_client.get(url).content
    assert LearningOutcome.objects.filter(pk=outcome.pk).exists()
    assert leader_client.post(url).status_code == 302
    assert not LearningOutcome.objects.filter(pk=outcome.pk).exists()


def test_awarding_proposal_opens_a_decision_and_refuses_a_second_while_open(cast, leader_client):
    url = reverse("credentials:awarding_propose", args=[cast.course.slug])
    response = leader_client.post(url, {"mode": "joint"})
    assert response.status_code == 302
    profile = CredentialProfile.objects.get(course=cast.course)
    assert response["Location"] == profile.awarding_decision.get_absolute_url()
    again = leader_client.post(url, {"mode": "lead"})
    assert again.status_code == 400
    assert "waits for the team" in again.content.decode()
    assert leader_client.post(url, {"mode": "everyone"}).status_code == 400


def test_overview_shows_the_count_and_links_each_missing_element(cast):
    client = Client()
    client.force_login(cast.partner)
    body = client.get(cast.course.get_absolute_url()).content.decode()
    assert "3 of 11 mandatory elements complete" in body
    assert reverse("quality:procedure_edit", args=[cast.course.slug]) in body
    assert reverse("credentials:profile_edit", args=[cast.course.slug]) + "#workload" in body


def test_overview_shows_a_complete_profile(cast, complete):
    client = Client()
    client.force_login(cast.leader)
    assert "11 of 11 mandatory elements complete" in client.get(complete.get_absolute_url()).content.decode()


def _plan(course, implementation_start):
    from tests.factories.support import phase

    phase(course, "implementation", implementation_start, implementation_start + timedelta(days=700))


def test_phase_plan_warns_when_implementation_is_near_and_elements_are_missing(cast, leader_client):
    _plan(cast.course, timezone.localdate() + timedelta(days=30))
    body = leader_client.get(reverse("phases:plan", args=[cast.course.slug])).content.decode()
    assert "8 mandatory elements of the micro-credential are missing" in body


def test_phase_plan_is_quiet_when_implementation_is_far_or_the_profile_complete(cast, leader_client, complete):
    _plan(cast.course, timezone.localdate() + timedelta(days=30))
    assert (
        "mandatory element" not in leader_client.get(reverse("phases:plan", args=[cast.course.slug])).content.decode()
    )


def test_phase_plan_is_quiet_when_implementation_is_far(cast, leader_client):
    _plan(cast.course, timezone.localdate() + timedelta(days=365))
    assert (
        "mandatory element" not in leader_client.get(reverse("phases:plan", args=[cast.course.slug])).content.decode()
    )


def test_the_cached_overview_counts_a_new_outcome_at_once(cast, settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    client = Client()
    client.force_login(cast.partner)
    assert "3 of 11 mandatory elements complete" in client.get(cast.course.get_absolute_url()).content.decode()
    services.outcome_add(actor=cast.leader, course=cast.course, text="Read a load curve")
    assert "4 of 11 mandatory elements complete" in client.get(cast.course.get_absolute_url()).content.decode()
