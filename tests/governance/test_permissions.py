"""Who reaches which governance page: one row per URL, the expected status for every kind of person.

302 is a success (post/redirect/get); "login" is the redirect of an anonymous visitor to the login page.
"""

from datetime import date

import pytest
from django.urls import reverse

from governance.services import agreement as agreement_services
from tests.factories.governance import adopt_vision, design_running, make_vision
from tests.utils import WHO, expect, status_or_login

pytestmark = pytest.mark.django_db

ALL_MEMBERS = expect("login", 404, 200, 200, 200, 200, 200, 200)
STAFF_ONLY = expect("login", 404, 403, 403, 200, 200, 200, 200)


@pytest.fixture
def governed(cast):
    adopt_vision(cast.course)
    make_vision(cast.course)  # version 2, a draft
    agreement_services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    design_running(cast.course, date.today())
    return cast


def url(name, cast, *args):
    return reverse(f"governance:{name}", args=[cast.course.slug, *args])


GET_MATRIX = {
    "gates": (lambda c: url("gates", c), ALL_MEMBERS),
    "vision": (lambda c: url("vision", c), ALL_MEMBERS),
    "vision_version": (lambda c: url("vision_version", c, 1), ALL_MEMBERS),
    "vision_compare": (lambda c: url("vision_compare", c) + "?old=1&new=2", ALL_MEMBERS),
    "section_edit": (
        lambda c: url("section_edit", c, 2, "profile"),
        expect("login", 404, 403, 403, 403, 403, 200, 200),
    ),
    "agreement": (lambda c: url("agreement", c), STAFF_ONLY),
    "clause_edit": (lambda c: url("clause_edit", c, "finance"), expect("login", 404, 403, 403, 403, 403, 200, 200)),
    "history": (lambda c: url("history", c), expect("login", 404, 403, 403, 200, 200, 200, 200)),
}


@pytest.mark.parametrize("page", GET_MATRIX)
def test_get_permission_matrix(governed, page):
    url_of, expected = GET_MATRIX[page]
    address = url_of(governed)
    assert {who: status_or_login(governed, who, "get", address) for who in WHO} == expected


POST_MATRIX = {
    # The section edit succeeds once (the text then equals what is stored): the leader before the admin.
    "section_edit": (
        lambda c: url("section_edit", c, 2, "profile"),
        {"section-text": "A new profile."},
        expect("login", 404, 403, 403, 403, 403, 302, 400),
    ),
    "comment": (
        lambda c: url("comment", c, 2, "profile"),
        {"comment-text": "Looks good."},
        expect("login", 404, 403, 403, 302, 403, 302, 302),
    ),
    "vision_start": (lambda c: url("vision_start", c), {}, expect("login", 404, 403, 403, 403, 403, 400, 400)),
    "clause_edit": (
        lambda c: url("clause_edit", c, "finance"),
        {"clause-text": "Costs shared by enrolments."},
        expect("login", 404, 403, 403, 403, 403, 302, 400),
    ),
    "gate_pass": (
        lambda c: url("gate_pass", c, "development"),
        {"gate-starts_on": "not a date"},
        expect("login", 404, 403, 403, 403, 403, 400, 400),
    ),
}


@pytest.mark.parametrize("action", POST_MATRIX)
def test_post_permission_matrix(governed, action):
    url_of, data, expected = POST_MATRIX[action]
    address = url_of(governed)
    assert {who: status_or_login(governed, who, "post", address, data) for who in WHO} == expected


def test_another_courses_version_is_not_found_by_changing_the_url(client, governed):
    client.force_login(governed.outsider)
    assert client.get(reverse("governance:vision_version", args=[governed.other_course.slug, 1])).status_code == 404
    client.force_login(governed.leader)
    assert client.get(reverse("governance:vision_version", args=[governed.course.slug, 99])).status_code == 404
