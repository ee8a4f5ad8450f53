"""Helpers shared by the test modules: a permission matrix that reads as one table per URL."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

WHO = ["anonymous", "outsider", "learner", "stakeholder", "partner", "qa", "leader", "admin"]


def status_for(cast, who: str, method: str, url: str, data: dict | None = None) -> int:
    """The HTTP status ``who`` gets for ``method url`` (a fresh client per call, so nothing leaks between)."""
    client = Client()
    user = cast.user(who)
    if user is not None:
        client.force_login(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


def status_or_login(cast, who: str, method: str, url: str, data: dict | None = None) -> int | str:
    """Like ``status_for``, but "login" when an anonymous visitor is sent to the login page (checked)."""
    client = Client()
    user = cast.user(who)
    if user is not None:
        client.force_login(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    if who == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
        return "login"
    return response.status_code


def matrix(cast, method: str, url: str, data: dict | None = None) -> dict[str, int]:
    """Every person's status for one URL, to compare with the expected table in a single assertion."""
    return {who: status_for(cast, who, method, url, data) for who in WHO}


def expect(anonymous, outsider, learner, stakeholder, partner, qa, leader, admin) -> dict[str, int]:
    """Build the expected row in the order of WHO, so a test reads like a table."""
    return dict(zip(WHO, [anonymous, outsider, learner, stakeholder, partner, qa, leader, admin], strict=True))


def invalidate_fragments() -> None:
    """Give every course a new version, so the next page view renders its cached fragments from the database
    (what a query-count test must measure: the cost after someone changed the course)."""
    from core.versions import bump_courses
    from teams.models import Course

    bump_courses(Course.objects.values_list("pk", flat=True))


def queries_after_change(client, url: str) -> int:
    """The queries of a page viewed once (session, bell and access cached, as for anyone using the site), then
    again after a change to the courses: what a query-count test must measure."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    invalidate_fragments()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)
