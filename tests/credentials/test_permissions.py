"""Who reaches which micro-credential page: one row per URL, the expected status for every kind of person.

302 is a success (post/redirect/get); "login" is the redirect of an anonymous visitor to the login page; 409 is a
download refused because the profile is incomplete (which only someone who may see the course learns).
"""

import pytest
from django.urls import reverse

from credentials import services
from tests.utils import WHO, expect, status_or_login

pytestmark = pytest.mark.django_db

ALL_MEMBERS = expect("login", 404, 200, 200, 200, 200, 200, 200)
LEADER_ONLY = expect("login", 404, 403, 403, 403, 403, 200, 200)


@pytest.fixture
def outcome(cast):
    return services.outcome_add(actor=cast.leader, course=cast.course, text="Explain the grid")


GET_MATRIX = {
    "profile": (lambda o, s: reverse("credentials:profile", args=[s]), ALL_MEMBERS),
    "profile_edit": (lambda o, s: reverse("credentials:profile_edit", args=[s]), LEADER_ONLY),
    "outcome_edit": (lambda o, s: reverse("credentials:outcome_edit", args=[s, o.pk]), LEADER_ONLY),
    "outcome_delete_confirm": (lambda o, s: reverse("credentials:outcome_delete", args=[s, o.pk]), LEADER_ONLY),
    "elm": (lambda o, s: reverse("credentials:elm", args=[s]), expect("login", 404, 409, 409, 409, 409, 409, 409)),
    "badge": (lambda o, s: reverse("credentials:badge", args=[s]), expect("login", 404, 409, 409, 409, 409, 409, 409)),
    "dossier": (
        lambda o, s: reverse("credentials:dossier", args=[s]),
        expect("login", 404, 409, 409, 409, 409, 409, 409),
    ),
}


@pytest.mark.parametrize("page", GET_MATRIX)
def test_get_permission_matrix(cast, outcome, page):
    url_of, expected = GET_MATRIX[page]
    url = url_of(outcome, cast.course.slug)
    assert {who: status_or_login(cast, who, "get", url) for who in WHO} == expected


def test_complete_exports_reach_every_member_and_no_one_else(cast, complete):
    url = reverse("credentials:badge", args=[complete.slug])
    assert {who: status_or_login(cast, who, "get", url) for who in WHO} == ALL_MEMBERS


LEADER_WRITES = expect("login", 404, 403, 403, 403, 403, 302, 302)
POST_MATRIX = {
    "profile_edit": (
        lambda o, s: reverse("credentials:profile_edit", args=[s]),
        {"primary_language": "en", "notional_hours": "140", "qf_ehea_cycle": "first"},
    ),
    "outcome_add": (lambda o, s: reverse("credentials:outcome_add", args=[s]), {"text": "Read a load curve"}),
    "outcome_edit": (lambda o, s: reverse("credentials:outcome_edit", args=[s, o.pk]), {"text": "Explain grids"}),
    "outcome_move": (lambda o, s: reverse("credentials:outcome_move", args=[s, o.pk]), {"direction": "down"}),
    "outcome_delete": (lambda o, s: reverse("credentials:outcome_delete", args=[s, o.pk]), {}),
}


@pytest.mark.parametrize("action", POST_MATRIX)
def test_post_permission_matrix(cast, outcome, action):
    url_of, data = POST_MATRIX[action]
    url = url_of(outcome, cast.course.slug)
    actual = {}
    for who in WHO:
        if action == "outcome_delete" and who == "admin":
            continue  # the leader deleted it already
        actual[who] = status_or_login(cast, who, "post", url, data)
    expected = {k: v for k, v in LEADER_WRITES.items() if k in actual}
    assert actual == expected


def test_awarding_proposal_is_the_leaders(cast):
    url = reverse("credentials:awarding_propose", args=[cast.course.slug])
    actual = {who: status_or_login(cast, who, "post", url, {"mode": "lead"}) for who in WHO if who != "admin"}
    assert actual == {k: v for k, v in LEADER_WRITES.items() if k != "admin"}


def test_another_courses_outcome_is_not_found(cast, outcome):
    from django.test import Client

    other = services.outcome_add(actor=cast.outsider, course=cast.other_course, text="Elsewhere")
    client = Client()
    client.force_login(cast.leader)
    for name in ("outcome_edit", "outcome_delete"):
        assert client.get(reverse(f"credentials:{name}", args=[cast.course.slug, other.pk])).status_code == 404
    response = client.post(reverse("credentials:outcome_move", args=[cast.course.slug, other.pk]), {"direction": "up"})
    assert response.status_code == 404


def test_leaders_hold_edit_profile_and_lose_it_with_the_role(cast):
    from teams.permissions import EDIT_PROFILE, course_permissions

    assert EDIT_PROFILE in course_permissions(cast.leader, cast.course)
    assert EDIT_PROFILE not in course_permissions(cast.partner, cast.course)
