"""With the cache refusing connections, every page is served from the database and every write still works.

The cache points at a local port where nothing listens (what an operator sees when Redis is down): each test
would answer 500 with django-redis's own backend.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from phases.models import WorkLog
from teams.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.phases import add_milestone, add_task, member, running_design
from tests.factories.quality import make_decision, make_edition

pytestmark = pytest.mark.django_db
Role = Membership.Role
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def work(cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    task = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)], due_on=today)
    add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=5))
    make_decision(cast.course)
    make_edition(cast.course)
    return task


def course_pages(cast) -> list[str]:
    slug = {"slug": cast.course.slug}
    return [
        reverse("teams:dashboard"),
        reverse("teams:course_detail", kwargs=slug),
        reverse("teams:team", kwargs=slug),
        reverse("teams:history", kwargs=slug),
        reverse("phases:timeline", kwargs=slug),
        reverse("phases:phase_detail", kwargs={**slug, "kind": "design"}),
        reverse("phases:effort", kwargs=slug),
        reverse("phases:my_tasks"),
        reverse("reminders:list"),
        reverse("support:matrix", kwargs=slug),
        reverse("quality:decisions", kwargs=slug),
        reverse("quality:evaluation", kwargs=slug),
        reverse("quality:submissions"),
    ]


def test_the_cache_really_refuses_connections(cache_down):
    cache.set("probe", 1)
    assert cache.get("probe") is None and cache.get_many(["probe"]) == {} and cache.add("probe", 1) is False


def test_every_main_page_is_served_with_the_cache_down(client, cast, work, cache_down):
    for who in ("leader", "partner", "qa"):
        client.force_login(getattr(cast, who))
        for url in course_pages(cast):
            if who != "leader" and url.endswith(("/team/", "/effort/")):
                continue  # the leader's pages
            assert client.get(url).status_code == 200, (who, url)
            assert client.get(url).status_code == 200, (who, url)  # a second visit, once "cached"


def test_signing_in_works_with_the_cache_down(client, cache_down):
    UserFactory(email="lena@example.org", password="long-enough-passphrase")
    response = client.post(
        reverse("accounts:login"), {"username": "lena@example.org", "password": "long-enough-passphrase"}
    )
    assert response.status_code == 302
    assert client.get(reverse("teams:dashboard")).status_code == 200


def test_login_lockouts_hold_with_the_cache_down(client, cache_down):
    UserFactory(email="lena@example.org", password="long-enough-passphrase")
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "lena@example.org", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "lena@example.org", "password": "long-enough-passphrase"}
    )
    assert response.status_code == 429


def test_logging_work_adding_and_removing_members_work_with_the_cache_down(
    client, cast, work, cache_down, django_capture_on_commit_callbacks
):
    client.force_login(cast.partner)
    data = {f"log-{work.pk}-date": timezone.localdate().isoformat(), f"log-{work.pk}-hours": "1.5"}
    response = client.post(
        reverse("phases:work_log_add", kwargs={"slug": cast.course.slug, "pk": work.pk}), data, **HTMX
    )
    assert response.status_code == 200 and WorkLog.objects.filter(task=work).count() == 1

    client.force_login(cast.leader)
    team = {"slug": cast.course.slug}
    data = {"member-email": "ana@example.org", "member-role": Role.LEARNER,
            "member-institution": cast.course.lead_institution.pk}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("teams:member_add", kwargs=team), data).status_code == 302
    added = Membership.objects.get(course=cast.course, user__email="ana@example.org")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]  # the invitation
    response = client.post(reverse("teams:member_remove", kwargs={**team, "pk": added.pk}))
    assert response.status_code == 302 and not Membership.objects.filter(pk=added.pk).exists()


def test_a_removed_member_loses_access_at_once_with_the_cache_down(client, cast, work, cache_down):
    client.force_login(cast.learner)
    page = reverse("teams:course_detail", kwargs={"slug": cast.course.slug})
    assert client.get(page).status_code == 200
    from teams import services

    services.membership_remove(actor=cast.leader, membership=member(cast.course, cast.learner))
    assert client.get(page).status_code == 404


def test_an_outage_is_logged_once_a_minute_not_per_request(client, cast, work, cache_down, caplog):
    client.force_login(cast.leader)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for url in course_pages(cast):
            client.get(url)
    notices = [r for r in caplog.records if r.name == "core.cache"]
    assert len(notices) == 1 and "Cache unavailable" in notices[0].getMessage()


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_a_signed_out_session_cannot_come_back_from_a_restored_cache(client, cast):
    """Sessions are in the database alone: a cache snapshot from before a sign-out signs nobody back in."""
    client.force_login(cast.leader)
    assert client.get(reverse("teams:dashboard")).status_code == 200
    snapshot = (dict(cache._cache), dict(cache._expire_info))  # locmem's store, as a Redis snapshot would hold it
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=cookie).exists()
    cache._cache.update(snapshot[0])
    cache._expire_info.update(snapshot[1])
    client.cookies["sessionid"] = cookie
    response = client.get(reverse("teams:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
