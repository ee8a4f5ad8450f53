"""The cached course access (teams.permissions.member_access, course_ids_for_user): page reads may take a member's
course and permissions from the cache, but a revoked or changed permission must show on the very next page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.versions import KEY
from phases.models import Task
from support.models import ServiceKind
from support.services import task_force as task_force_services
from teams import services as team_services
from teams.models import Course, Membership
from teams.permissions import ACCESS_KEY, ALL_COURSE_PERMISSIONS
from tests.factories.phases import add_task, member, running_design
from tests.factories.teams import CourseFactory, add_member, add_partner, leader_of

pytestmark = pytest.mark.django_db
Role = Membership.Role


def visits(client, url: str, times: int = 2) -> int:
    """Visit ``url`` ``times`` times (the second visit vouches for the cached access); the last status."""
    for _ in range(times):
        status = client.get(url).status_code
    return status


def course_url(course: Course, name: str = "teams:course_detail") -> str:
    return reverse(name, kwargs={"slug": course.slug})


@pytest.fixture
def team():
    course = CourseFactory()
    return course, add_member(course, Role.PARTNER)


def test_a_warm_course_page_reads_its_access_from_the_cache(client, team):
    course, partner = team
    client.force_login(partner.user)
    visits(client, course_url(course))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(course_url(course)).status_code == 200
    assert len(ctx.captured_queries) == 1  # the session; user, course, permissions and page come from the cache


def test_a_removed_member_is_refused_on_the_next_page(client, team):
    course, partner = team
    client.force_login(partner.user)
    assert visits(client, course_url(course)) == 200
    team_services.membership_remove(actor=leader_of(course), membership=partner)
    assert client.get(course_url(course)).status_code == 404
    assert client.get(reverse("teams:dashboard")).content.decode().count(course.title) == 0


def test_a_changed_role_takes_effect_on_the_next_page(client, team):
    course, partner = team
    team_page = course_url(course, "teams:team")
    client.force_login(partner.user)
    assert visits(client, team_page) == 403  # composing the team is the leader's
    assert visits(client, course_url(course, "phases:effort")) == 403
    team_services.membership_update(
        actor=leader_of(course), membership=partner, role=Role.QA_OFFICER, institution=course.lead_institution
    )
    assert client.get(course_url(course, "phases:effort")).status_code == 200
    team_services.membership_update(
        actor=leader_of(course), membership=partner, role=Role.LEARNER, institution=course.lead_institution
    )
    assert client.get(course_url(course, "phases:effort")).status_code == 403


def test_a_withdrawn_task_force_seat_is_refused_on_the_next_page(client, team):
    course, _ = team
    institution = course.lead_institution
    seat = task_force_services.task_force_member_add(
        actor=leader_of(course), course=course, institution=institution, kind=ServiceKind.IT,
        email="it.desk@example.org",
    )  # fmt: skip
    client.force_login(seat.user)
    assert visits(client, course_url(course)) == 200
    task_force_services.task_force_member_remove(actor=leader_of(course), member=seat)
    assert client.get(course_url(course)).status_code == 404


def test_a_cached_access_is_one_persons_own(client, team):
    course, partner = team
    client.force_login(partner.user)
    assert visits(client, course_url(course)) == 200
    stranger = add_member(CourseFactory(), Role.PARTNER).user
    client.force_login(stranger)
    assert visits(client, course_url(course)) == 404


def test_an_old_slug_is_not_found_once_the_course_is_renamed(client, team):
    course, partner = team
    old = course_url(course)
    client.force_login(partner.user)
    assert visits(client, old) == 200
    course.slug = "renamed-course"
    course.save()  # as an admin would, in Django admin
    assert client.get(old).status_code == 404
    assert client.get(course_url(course)).status_code == 200


def test_a_lost_version_reads_the_database_again(client, team):
    """Redis may evict a course's version: the cached access is then no longer vouched for."""
    course, partner = team
    client.force_login(partner.user)
    visits(client, course_url(course))
    cache.delete(KEY.format(course.pk))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(course_url(course)).status_code == 200
    assert any("guardian" in q["sql"] or "courseuserobjectpermission" in q["sql"] for q in ctx.captured_queries)


def test_writes_ask_the_database_not_the_cache(client, team):
    """Even an entry claiming every permission at the current version does not let a partner change the course."""
    course, partner = team
    client.force_login(partner.user)
    visits(client, course_url(course))
    key = ACCESS_KEY.format(partner.user.pk, course.slug)
    entry = cache.get(key)
    assert entry is not None and entry["version"] is not None
    cache.set(key, {**entry, "perms": ALL_COURSE_PERMISSIONS})
    assert client.get(course_url(course, "teams:team")).status_code == 200  # a read trusts the vouched entry
    response = client.post(course_url(course, "teams:course_edit"), {"title": "Taken over"})
    assert response.status_code == 403
    course.refresh_from_db()
    assert course.title != "Taken over"


def test_a_new_course_shows_in_my_lists_at_once(client, team):
    course, partner = team
    design = running_design(course, timezone.localdate())
    add_task(design, title="Outline the syllabus", assignees=[member(course, partner.user)])
    client.force_login(partner.user)
    for url in (reverse("teams:dashboard"), reverse("phases:my_tasks")):
        visits(client, url)
    other = CourseFactory(title="Circular economy basics")
    joined = add_member(other, Role.PARTNER, user=partner.user, institution=add_partner(other))
    add_task(running_design(other, timezone.localdate()), title="Draft the case study", assignees=[joined])
    assert "Circular economy basics" in client.get(reverse("teams:dashboard")).content.decode()
    assert "Draft the case study" in client.get(reverse("phases:my_tasks")).content.decode()
    team_services.membership_remove(actor=leader_of(other), membership=joined)
    assert "Circular economy basics" not in client.get(reverse("teams:dashboard")).content.decode()
    tasks = client.get(reverse("phases:my_tasks")).content.decode()
    assert "Draft the case study" not in tasks and "Outline the syllabus" in tasks
    assert Task.objects.filter(title="Draft the case study").exists()
