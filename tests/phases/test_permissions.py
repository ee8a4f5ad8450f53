"""Who may reach each phases URL: one table per URL (302 = sent to log in, or redirected after success)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.utils import expect, matrix

pytestmark = pytest.mark.django_db


def course_url(cast, name, **kwargs):
    return reverse(f"phases:{name}", kwargs={"slug": cast.course.slug, **kwargs})


def test_timeline(cast, work):
    assert matrix(cast, "get", course_url(cast, "timeline")) == expect(302, 404, 200, 200, 200, 200, 200, 200)


def test_phase_page(cast, work):
    url = course_url(cast, "phase_detail", kind="design")
    assert matrix(cast, "get", url) == expect(302, 404, 200, 200, 200, 200, 200, 200)


def test_effort_is_for_leader_and_qa(cast, work):
    assert matrix(cast, "get", course_url(cast, "effort")) == expect(302, 404, 403, 403, 403, 200, 200, 200)


def test_plan_is_for_the_leader(cast, work):
    assert matrix(cast, "get", course_url(cast, "plan")) == expect(302, 404, 403, 403, 403, 403, 200, 200)


def test_adding_a_milestone_is_for_the_leader(cast, work):
    data = {"milestone-title": "Go", "milestone-due_on": timezone.localdate().isoformat(),
            "milestone-owner": work.milestone.owner_id}  # fmt: skip
    url = course_url(cast, "milestone_add", kind="design")
    assert matrix(cast, "post", url, data) == expect(302, 404, 403, 403, 403, 403, 302, 302)


def test_editing_a_task_is_for_the_leader(cast, work):
    url = course_url(cast, "task_edit", pk=work.shared.pk)
    assert matrix(cast, "get", url) == expect(302, 404, 403, 403, 403, 403, 200, 200)


def test_a_task_row_is_hidden_from_those_not_assigned_without_view_all_tasks(cast, work):
    url = course_url(cast, "task_row", pk=work.shared.pk)
    assert matrix(cast, "get", url) == expect(302, 404, 200, 404, 200, 200, 200, 200)


def test_only_assignees_log_work(cast, work):
    data = {f"log-{work.shared.pk}-date": timezone.localdate().isoformat(), f"log-{work.shared.pk}-hours": "1"}
    url = course_url(cast, "work_log_add", pk=work.shared.pk)
    assert matrix(cast, "post", url, data) == expect(302, 404, 302, 404, 302, 403, 403, 403)


def test_assignees_and_the_leader_change_a_tasks_status(cast, work):
    data = {f"status-{work.shared.pk}-status": "in_progress"}
    url = course_url(cast, "task_status", pk=work.shared.pk)
    assert matrix(cast, "post", url, data) == expect(302, 404, 302, 404, 302, 403, 302, 302)


def test_another_courses_task_is_a_404_even_through_my_course(cast, work):
    from tests.factories.phases import add_task, member, running_design

    other = add_task(
        running_design(cast.other_course, timezone.localdate()), assignees=[member(cast.other_course, cast.outsider)]
    )
    url = course_url(cast, "task_row", pk=other.pk)
    assert matrix(cast, "get", url) == expect(302, 404, 404, 404, 404, 404, 404, 404)


def test_my_tasks_needs_a_login_only(cast, work):
    assert matrix(cast, "get", reverse("phases:my_tasks")) == expect(302, 200, 200, 200, 200, 200, 200, 200)
