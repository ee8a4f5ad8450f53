"""Rough edges a new user met (issue 13): a favicon, navigation that shows only what the person can use, and
no "---------" placeholders in the select boxes of the main pages."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from tests.factories.phases import running_design
from tests.factories.teams import InstitutionFactory, verified

pytestmark = pytest.mark.django_db

SUBMISSIONS = reverse("quality:submissions")


def test_favicon_is_linked_and_served(client, cast):
    client.force_login(cast.leader)
    page = client.get(reverse("teams:dashboard")).content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in page
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")


@pytest.mark.parametrize(
    "who,sees_submissions",
    [("leader", True), ("partner", True), ("qa", True), ("learner", False), ("stakeholder", False), ("admin", True)],
)
def test_navigation_offers_qa_submissions_only_to_those_who_submit_or_review(client, cast, who, sees_submissions):
    client.force_login(cast.user(who))
    page = client.get(reverse("teams:dashboard")).content.decode()
    assert (f'href="{SUBMISSIONS}"' in page) is sees_submissions
    assert 'href="/tasks/' in page or reverse("phases:my_tasks") in page  # the rest stays


PAGES = [
    ("teams:course_create", False),
    ("teams:course_detail", True),
    ("teams:course_edit", True),
    ("teams:team", True),
    ("phases:timeline", True),
    ("phases:plan", True),
    ("support:matrix", True),
    ("governance:gates", True),
    ("quality:decisions", True),
    ("quality:examination", True),
    ("quality:evaluation", True),
    ("credentials:profile", True),
    ("documents:list", True),
    ("phases:my_tasks", False),
    ("quality:submissions", False),
    ("accounts:profile", False),
]


@pytest.mark.parametrize("name,of_course", PAGES)
def test_no_dashes_placeholder_in_the_select_boxes_of_main_pages(client, cast, name, of_course):
    running_design(cast.course, timezone.localdate())
    client.force_login(cast.leader)
    url = reverse(name, kwargs={"slug": cast.course.slug}) if of_course else reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    assert "---------" not in response.content.decode()


def test_no_dashes_placeholder_on_the_phase_page(client, cast):
    design = running_design(cast.course, timezone.localdate())
    client.force_login(cast.leader)
    response = client.get(design.get_absolute_url())
    assert response.status_code == 200 and "---------" not in response.content.decode()


def test_profile_names_institutions_in_full_under_a_page_header(client, cast):
    institution = InstitutionFactory(name="Universidade Nova de Lisboa", short_name="NOVA")
    verified(cast.partner, institution)
    client.force_login(cast.partner)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'class="mc-page-header"' in page
    assert "<td>Universidade Nova de Lisboa" in page and ">NOVA<" not in page
    assert "Follow my browser" in page and "---------" not in page
