"""Who reaches which quality page: one row per URL, the expected status for every kind of person.

302 is a success (post/redirect/get); "login" is the redirect of an anonymous visitor to the login page.
"""

import pytest
from django.urls import reverse

from tests.utils import WHO, expect, status_or_login

pytestmark = pytest.mark.django_db


ALL_MEMBERS = expect("login", 404, 200, 200, 200, 200, 200, 200)
STAFF_ONLY = expect("login", 404, 403, 403, 200, 200, 200, 200)

GET_MATRIX = {
    "decisions": (lambda w, s: reverse("quality:decisions", args=[s]), ALL_MEMBERS),
    "decision_detail": (lambda w, s: w.decision.get_absolute_url(), ALL_MEMBERS),
    "examination": (lambda w, s: reverse("quality:examination", args=[s]), ALL_MEMBERS),
    "rules_detail": (lambda w, s: w.draft.get_absolute_url(), ALL_MEMBERS),
    "evaluation": (lambda w, s: reverse("quality:evaluation", args=[s]), STAFF_ONLY),
    "trends": (lambda w, s: reverse("quality:trends", args=[s]), STAFF_ONLY),
    "report_detail": (lambda w, s: w.report.get_absolute_url(), STAFF_ONLY),
    # Only those who speak for an institution submit its data: not the QA officer, not an admin.
    "report_submit": (
        lambda w, s: reverse("quality:report_submit", args=[s, w.edition.pk]),
        expect("login", 404, 403, 403, 200, 403, 200, 403),
    ),
    "procedure_edit": (
        lambda w, s: reverse("quality:procedure_edit", args=[s]),
        expect("login", 404, 403, 403, 403, 200, 200, 200),
    ),
    # Everyone logged in reaches the list; what it holds is scoped (test_submissions).
    "submissions": (lambda w, s: reverse("quality:submissions"), expect("login", 200, 200, 200, 200, 200, 200, 200)),
    "submissions_export": (
        lambda w, s: reverse("quality:submissions_export"),
        expect("login", 200, 200, 200, 200, 200, 200, 200),
    ),
}


@pytest.mark.parametrize("page", GET_MATRIX)
def test_get_permission_matrix(cast, world, page):
    url_of, expected = GET_MATRIX[page]
    url = url_of(world, cast.course.slug)
    actual = {who: status_or_login(cast, who, "get", url) for who in WHO}
    assert actual == expected


POST_MATRIX = {
    "propose_decision": (
        lambda w, s: reverse("quality:decisions", args=[s]),
        {"decision-title": "Meet monthly", "decision-text": "Online, first Monday."},
        expect("login", 404, 403, 403, 302, 403, 302, 302),
    ),
    # A position is recorded for the institution one represents: an admin represents none.
    "consent_record": (
        lambda w, s: reverse("quality:consent_record", args=[s, w.decision.pk]),
        {"consent-position": "consent"},
        expect("login", 404, 403, 403, 302, 403, 302, 403),
    ),
    "decision_revise_by_leader_or_proposer": (
        lambda w, s: reverse("quality:decision_revise", args=[s, w.decision.pk]),
        {"revise-title": "Use English and French", "revise-text": "Both."},
        expect("login", 404, 403, 403, 403, 403, 302, 302),
    ),
    "report_submit": (
        lambda w, s: reverse("quality:report_submit", args=[s, w.edition.pk]),
        {"report-enrolled": 10, "report-completed": 10, "report-passed": 9, "report-mean_satisfaction": "4"},
        expect("login", 404, 403, 403, 302, 403, 302, 403),
    ),
    "report_review": (
        lambda w, s: reverse("quality:report_review", args=[s, w.report.pk]),
        {"decision": "accept"},
        expect("login", 404, 403, 403, 403, 302, 403, 302),
    ),
    "edition_add": (
        lambda w, s: reverse("quality:edition_add", args=[s]),
        {"edition-name": "Autumn", "edition-starts_on": "2030-09-01", "edition-ends_on": "2030-12-01"},
        expect("login", 404, 403, 403, 403, 302, 302, 302),
    ),
    "procedure_edit": (
        lambda w, s: reverse("quality:procedure_edit", args=[s]),
        {"procedure-instruments": "Survey", "procedure-frequency": "yearly", "procedure-responsibilities": "QA"},
        expect("login", 404, 403, 403, 403, 302, 302, 302),
    ),
    "method_add": (
        lambda w, s: reverse("quality:method_add", args=[s, w.draft.version]),
        {"method-name": "Peer review", "method-weight_percent": 0},
        # Allowed roles get the form back: 0% is refused (the leader is the pen holder of the rules).
        expect("login", 404, 403, 403, 403, 403, 400, 400),
    ),
    "rules_start": (
        lambda w, s: reverse("quality:rules_start", args=[s]),
        {},
        # A draft is already in the making, so even the leader's attempt re-renders with the message.
        expect("login", 404, 403, 403, 403, 403, 400, 400),
    ),
}


@pytest.mark.parametrize("action", POST_MATRIX)
@pytest.mark.parametrize("who", WHO)
def test_post_permission_matrix(cast, world, action, who):
    """Each person in a fresh world, so one person's success does not change the next one's answer."""
    url_of, data, expected = POST_MATRIX[action]
    assert status_or_login(cast, who, "post", url_of(world, cast.course.slug), data) == expected[who]


def test_another_courses_objects_are_not_found_under_ones_own_course(client, cast, world):
    """The outsider is a member of other_course: cast's ids under their own course's address are a 404."""
    client.force_login(cast.outsider)
    slug = cast.other_course.slug
    urls = [
        reverse("quality:decision_detail", args=[slug, world.decision.pk]),
        reverse("quality:consent_record", args=[slug, world.decision.pk]),
        reverse("quality:rules_detail", args=[slug, world.draft.version]),
        reverse("quality:report_detail", args=[slug, world.report.pk]),
        reverse("quality:report_submit", args=[slug, world.edition.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code in (404, 403)
    assert client.get(urls[0]).status_code == 404
    assert client.get(urls[2]).status_code == 404
    response = client.post(urls[1], {"consent-position": "objection", "consent-reason": "x"})
    assert response.status_code == 404
    assert not world.decision.consents.exists()


def test_leader_cannot_reach_another_courses_report_through_own_course(client, cast, world):
    from tests.factories.quality import make_edition

    foreign = make_edition(cast.other_course, name="Foreign")
    client.force_login(cast.leader)
    url = reverse("quality:report_submit", args=[cast.course.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_tabs_follow_roles(client, cast, world):
    client.force_login(cast.learner)
    page = client.get(reverse("quality:decisions", args=[cast.course.slug])).content.decode()
    assert ">Decisions<" in page and ">Examination<" in page and ">Evaluation<" not in page
    client.force_login(cast.qa)
    page = client.get(reverse("quality:decisions", args=[cast.course.slug])).content.decode()
    assert ">Evaluation<" in page
    assert "QA submissions" in page
