"""The micro-credential profile and its ELM / Open Badges exports, and "what needs me", through the API."""

from __future__ import annotations

import pytest

from credentials.exports import elm
from tests.api.conftest import client_for
from tests.api.test_permissions import course_url, statuses
from tests.factories.credentials import complete_profile
from tests.utils import expect

pytestmark = pytest.mark.django_db


def test_the_profile_and_exports_are_read_by_every_member(cast, work):
    for tail in ("profile/", "exports/elm/", "exports/open-badges/"):
        expected = 200 if tail == "profile/" else 409  # incomplete: no export yet
        assert statuses(cast, "get", course_url(cast, tail)) == expect(401, 404, *[expected] * 6)


def test_an_incomplete_profile_says_what_is_missing_instead_of_a_half_filled_export(cast, work):
    client = client_for(cast.partner)
    profile = client.get(course_url(cast, "profile/")).json()
    assert profile["complete"] is False and profile["complete_count"] < profile["total"]
    refused = client.get(course_url(cast, "exports/elm/"))
    assert refused.status_code == 409
    assert {m["key"] for m in refused.json()["missing"]} == {e["key"] for e in profile["elements"] if not e["complete"]}


def test_a_partner_script_reads_the_course_in_elm(cast, work):
    complete_profile(cast.course)
    client = client_for(cast.partner, scope="read")
    profile = client.get(course_url(cast, "profile/")).json()
    assert profile["complete"] is True
    document = client.get(profile["exports"]["elm"]).json()
    assert document == elm.build(cast.course)
    assert "LearningAchievementSpecification" in str(document) or document.get("type")
    badge = client.get(profile["exports"]["open_badges"])
    assert badge.status_code == 200 and "Achievement" in str(badge.json().get("type"))


def test_what_needs_me_lists_the_callers_late_and_waiting_items(cast, work):
    needs = client_for(cast.partner).get("/api/v1/needs/")
    assert needs.status_code == 200
    items = needs.json()
    assert any(i["title"] == work["decision"].title for i in items)  # a decision waits for their position
    assert all(i["course"]["slug"] == cast.course.slug for i in items)
    assert client_for(cast.outsider).get("/api/v1/needs/").json() == []
    assert client_for().get("/api/v1/needs/").status_code == 401
