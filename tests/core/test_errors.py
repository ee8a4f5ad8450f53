"""Refusals say why: the 403 page shows the service's reason, and an htmx request gets a notice it can show."""

from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_htmx.middleware import HtmxDetails

from core import views
from tests.factories.phases import add_task, member, running_design

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
STATUS_REFUSED = "Only the task's assignees and the course leader change its status."


@pytest.fixture
def status_url(cast):
    task = add_task(running_design(cast.course, timezone.localdate()), assignees=[member(cast.course, cast.partner)],
                    due_on=timezone.localdate() + timedelta(days=3))  # fmt: skip
    return reverse("phases:task_status", args=[cast.course.slug, task.pk]), {f"status-{task.pk}-status": "done"}


def test_a_refused_action_shows_its_reason_on_the_403_page(client, cast, status_url):
    url, data = status_url
    client.force_login(cast.qa)  # sees every task, is assigned to none, does not plan
    response = client.post(url, data)
    main = unescape(response.content.decode()).split("<main", 1)[1].split("</main>", 1)[0]  # not the notices' texts
    assert response.status_code == 403
    assert STATUS_REFUSED in main and "Your role on this course does not allow this action." not in main


def test_a_refused_htmx_request_gets_a_notice_retargeted_to_the_notice_area(client, cast, status_url):
    url, data = status_url
    client.force_login(cast.qa)
    response = client.post(url, data, **HTMX)
    body = unescape(response.content.decode())
    assert response.status_code == 403 and "<html" not in body
    assert STATUS_REFUSED in body and 'role="alert"' in body
    assert (response["HX-Retarget"], response["HX-Reswap"], response["HX-Reselect"]) == (
        "#mc-notices",
        "innerHTML",
        "unset",
    )


def test_every_page_has_the_notice_area_the_notices_go_to(client, cast):
    client.force_login(cast.learner)
    assert 'id="mc-notices"' in client.get(reverse("teams:dashboard")).content.decode()


def test_a_role_refusal_names_what_the_role_may_not_do(client, cast):
    client.force_login(cast.partner)
    response = client.get(reverse("phases:plan", args=[cast.course.slug]))
    assert response.status_code == 403
    assert "Your role on this course does not allow you to plan the phases, milestones and tasks." in (
        unescape(response.content.decode())
    )


def _request(htmx: bool = False):
    request = RequestFactory().get("/", **(HTMX if htmx else {}))
    request.user = AnonymousUser()
    request.htmx = HtmxDetails(request)
    return request


def test_without_a_reason_the_page_says_the_generic_sentence():
    page = views.permission_denied(_request(), PermissionDenied()).content.decode()
    assert "Your role on this course does not allow this action." in page


@pytest.mark.parametrize("htmx", [False, True])
def test_the_reason_is_escaped(htmx):
    response = views.permission_denied(_request(htmx), PermissionDenied('<script>alert("x")</script>'))
    body = response.content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_a_missing_item_asked_for_by_htmx_is_a_notice_too(client, cast):
    client.force_login(cast.partner)
    response = client.get(reverse("phases:task_row", args=[cast.course.slug, 999_999]), **HTMX)
    assert response.status_code == 404 and response["HX-Retarget"] == "#mc-notices"
    assert str(views.NOT_FOUND) in unescape(response.content.decode())


def test_an_expired_form_says_so(cast, status_url):
    url, data = status_url
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.partner)
    page = client.post(url, data)
    assert page.status_code == 403 and str(views.PAGE_EXPIRED) in page.content.decode()
    notice = client.post(url, data, **HTMX)
    assert notice.status_code == 403 and notice["HX-Retarget"] == "#mc-notices"
