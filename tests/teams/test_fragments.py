"""Cached page fragments: a change to a course shows at once, no one sees another's copy, forms keep working."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from core.versions import NOT_SHOWN, REGISTRY
from phases.models import Task
from support.models import ServiceKind
from teams import services as team_services
from teams.models import Membership
from tests.factories.phases import add_milestone, add_task, log_work, member, running_design
from tests.factories.quality import make_edition, submit_report
from tests.factories.support import ConsultationFactory
from tests.factories.teams import CourseFactory, add_member, add_partner, leader_of

pytestmark = pytest.mark.django_db
Role = Membership.Role
OUR_APPS = ("accounts", "teams", "phases", "support", "quality", "reminders")


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def course_url(course, name: str) -> str:
    if name == "phases:phase_detail":
        return reverse(name, kwargs={"slug": course.slug, "kind": "design"})
    return reverse(name, kwargs={"slug": course.slug})


def test_every_model_says_what_it_changes_on_course_pages():
    """A model left out would leave cached pages stale after its rows change."""
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not model._meta.label.split(".")[1].startswith("Historical")
        and model not in REGISTRY
        and model._meta.label not in NOT_SHOWN
    ]
    assert missing == []


def test_course_overview_shows_a_new_member_and_a_renamed_person_at_once(client, cast):
    url = course_url(cast.course, "teams:course_detail")
    assert "Ada Lovelace" not in page(client, cast.leader, url)
    person = add_member(cast.course, Role.PARTNER, institution=add_partner(cast.course)).user
    person.first_name, person.last_name = "Ada", "Lovelace"
    person.save()
    assert "Ada Lovelace" in page(client, cast.leader, url)
    person.last_name = "Byron"
    person.save()
    assert "Ada Byron" in page(client, cast.leader, url)


def test_renamed_institution_shows_on_the_overview(client, cast):
    url = course_url(cast.course, "teams:course_detail")
    page(client, cast.leader, url)
    institution = Membership.objects.get(course=cast.course, user=cast.partner).institution  # not in the header
    institution.name = "Universitas Nova Renamed"
    institution.save()
    assert "Universitas Nova Renamed" in page(client, cast.leader, url)


def test_a_login_does_not_throw_away_the_cached_overview(client, cast):
    url = course_url(cast.course, "teams:course_detail")
    page(client, cast.leader, url)
    cast.partner.last_login = timezone.now()
    cast.partner.save(update_fields=["last_login"])  # what logging in saves
    with CaptureQueriesContext(connection) as ctx:
        page(client, cast.leader, url)
    assert not any("teams_membership" in q["sql"] for q in ctx.captured_queries)  # the team came from the cache


def test_timeline_shows_a_new_milestone(client, cast):
    design = running_design(cast.course, timezone.localdate())
    url = course_url(cast.course, "phases:timeline")
    page(client, cast.leader, url)
    add_milestone(design, owner=member(cast.course, cast.partner), due_on=timezone.localdate(), title="Pilot agreed")
    assert "Pilot agreed" in page(client, cast.leader, url)


def test_phase_page_shows_a_new_task_logged_hours_and_each_persons_own_actions(client, cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    url = course_url(cast.course, "phases:phase_detail")
    page(client, cast.partner, url)
    task = add_task(design, title="Write the rubric", assignees=[member(cast.course, cast.partner)])
    assert "Write the rubric" in page(client, cast.partner, url)
    log_work(task, cast.partner, on=today, hours="1.5")
    mine = page(client, cast.partner, url)
    assert "1.5 h by you" in mine and "Log work on Write the rubric" in mine
    leaders = page(client, cast.leader, url)  # another person: their own copy, with what they may do
    assert "Edit task Write the rubric" in leaders and "1.5 h by you" not in leaders
    assert "Edit task Write the rubric" not in page(client, cast.partner, url)


def test_my_tasks_shows_a_new_assignment_and_a_status_change(client, cast):
    design = running_design(cast.course, timezone.localdate())
    url = reverse("phases:my_tasks")
    assert "Write the rubric" not in page(client, cast.partner, url)
    task = add_task(design, title="Write the rubric", assignees=[member(cast.course, cast.partner)])
    assert "Write the rubric" in page(client, cast.partner, url)
    filtered = url + "?status=todo"
    assert "Write the rubric" in page(client, cast.partner, filtered)
    Task.objects.filter(pk=task.pk).update(status=Task.Status.DONE)  # no signal: nothing bumps the course
    assert "Write the rubric" in page(client, cast.partner, filtered)  # so the cached copy is still shown
    task.refresh_from_db()
    task.save()  # a save, as every service does, tells the cache
    assert "Write the rubric" not in page(client, cast.partner, filtered)


def test_my_tasks_follows_a_new_course(client, cast):
    url = reverse("phases:my_tasks")
    page(client, cast.partner, url)
    other = CourseFactory()
    add_member(other, Role.LEARNER, user=cast.partner, institution=other.lead_institution)
    design = running_design(other, timezone.localdate())
    add_task(design, title="Interview learners", assignees=[member(other, cast.partner)])
    assert "Interview learners" in page(client, cast.partner, url)


def test_support_matrix_shows_a_recorded_consultation(client, cast):
    url = course_url(cast.course, "support:matrix")
    before = page(client, cast.leader, url)
    today = timezone.localdate()
    ConsultationFactory(
        course=cast.course,
        kind=ServiceKind.INTERNATIONALISATION,
        requested_on=today - timedelta(days=9),
        due_by=today - timedelta(days=2),
    )
    after = page(client, cast.leader, url)
    assert "1 lapsed" not in before and "1 lapsed" in after


def test_qa_submissions_show_a_new_report(client, cast):
    edition = make_edition(cast.course, name="Autumn cohort")
    url = reverse("quality:submissions")
    before = page(client, cast.qa, url).count("Autumn cohort")  # the edition filter offers it
    submit_report(edition, cast.course.lead_institution)
    assert page(client, cast.qa, url).count("Autumn cohort") == before + 1  # and now a row shows it


def test_my_courses_shows_a_renamed_course(client, cast):
    url = reverse("teams:dashboard")
    page(client, cast.partner, url)
    team_services.course_update(actor=cast.leader, course=cast.course, title="Green Skills for Engineers")
    assert "Green Skills for Engineers" in page(client, cast.partner, url)


def test_each_person_gets_their_own_copy(client, cast):
    """The leader's copy has the leader's buttons; the partner, after them, must not get it."""
    url = course_url(cast.course, "teams:course_detail")
    assert "Compose team" in page(client, cast.leader, url)
    assert "Compose team" not in page(client, cast.partner, url)


def test_a_one_off_grant_shows_at_once(client, cast):
    """An admin's grant (guardian's object-permission admin) changes what the partner may do, so what they see."""
    url = course_url(cast.course, "teams:course_detail")
    assert "Compose team" not in page(client, cast.partner, url)
    assign_perm("manage_team", cast.partner, cast.course)
    assert "Compose team" in page(client, cast.partner, url)


def test_a_new_day_renders_afresh(client, cast, monkeypatch):
    design = running_design(cast.course, timezone.localdate())
    add_task(design, title="Due tomorrow", due_on=timezone.localdate() + timedelta(days=1))
    url = course_url(cast.course, "teams:course_detail")
    assert "Due tomorrow" not in page(client, cast.leader, url)  # the overview lists what is late, not what is due
    tomorrow_but_one = timezone.localdate() + timedelta(days=2)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow_but_one)
    assert "Due tomorrow" in page(client, cast.leader, url)  # now late


def test_a_cached_form_carries_the_current_sessions_token(cast):
    """After logging in again (a new CSRF secret), a form from the cached list still posts."""
    design = running_design(cast.course, timezone.localdate())
    task = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)])
    client = Client(enforce_csrf_checks=True)
    url = reverse("phases:my_tasks")
    page(client, cast.partner, url)
    client.logout()
    html = page(client, cast.partner, url)  # the same fragment, from the cache
    assert "<!--csrf-token-->" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    log_url = reverse("phases:work_log_add", kwargs={"slug": cast.course.slug, "pk": task.pk})
    today = timezone.localdate().isoformat()
    response = client.post(
        log_url, {"csrfmiddlewaretoken": token, f"log-{task.pk}-date": today, f"log-{task.pk}-hours": "1.5"}
    )
    assert response.status_code in (200, 302), re.findall(r"invalid-feedback[^>]*>([^<]+)", response.content.decode())
    assert task.work_logs.count() == 1


def test_a_form_answer_is_never_served_from_the_cache(client, cast):
    """POST responses render from the database even where a GET copy is cached."""
    url = course_url(cast.course, "support:matrix")
    page(client, cast.leader, url)
    add_partner(cast.course)  # bumps the version; then a GET caches the new matrix
    html = page(client, cast.leader, url)
    assert html.count("<tr") >= 3


# --- Warm pages: a few queries, the same for a small and a large course ------------------------------------

WARM = {
    # one, the session (kept in the database alone); the user, the bell's count, the course with the user's
    # permissions (course pages) or the ids of their courses (lists) and the fragment all come from the cache
    "teams:course_detail": 1,
    "phases:timeline": 1,
    "phases:phase_detail": 2,  # + the phase, which names the page's title
    "support:matrix": 1,
    "teams:dashboard": 1,
    "phases:my_tasks": 1,
    "quality:submissions": 1,
}


def _grow(course, n: int) -> None:
    design = running_design(course, timezone.localdate())
    partner = add_partner(course)
    people = [add_member(course, Role.PARTNER, institution=partner) for _ in range(n // 10 + 1)]
    for i in range(n):
        add_task(design, title=f"Task {i}", assignees=[people[i % len(people)]], due_on=timezone.localdate())
    edition = make_edition(course, name=f"Edition {n}")
    submit_report(edition, course.lead_institution)


@pytest.mark.parametrize("name", sorted(WARM))
def test_warm_pages_read_a_fixed_few_queries(client, name):
    counts = []
    for n in (2, 30):
        course = CourseFactory()
        _grow(course, n)
        qa = add_member(course, Role.QA_OFFICER).user
        user = qa if name == "quality:submissions" else leader_of(course)
        url = reverse(name) if name in ("teams:dashboard", "phases:my_tasks", "quality:submissions") else None
        url = url or course_url(course, name)
        page(client, user, url)  # renders and caches
        client.get(url)  # the second visit vouches for the cached access (teams.permissions.member_access)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts == [WARM[name], WARM[name]]
