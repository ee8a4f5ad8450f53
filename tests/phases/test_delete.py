"""Deleting tasks and milestones: those who plan, after a confirmation step; logged hours are never lost."""

from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from phases.models import Milestone, Task, WorkLog
from phases.services.work import milestone_delete, task_delete
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from tests.factories.phases import add_milestone, add_task, log_work, member, running_design
from tests.utils import expect, invalidate_fragments, matrix, status_for

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PLANNERS_ONLY = expect(302, 404, 403, 403, 403, 403, 200, 200)


def course_url(cast, name, **kwargs):
    return reverse(f"phases:{name}", kwargs={"slug": cast.course.slug, **kwargs})


def text(response) -> str:
    return unescape(response.content.decode())


# --- Who may ------------------------------------------------------------------------------------------------


def test_the_task_delete_confirmation_is_for_those_who_plan(cast, work):
    assert matrix(cast, "get", course_url(cast, "task_delete", pk=work.shared.pk)) == PLANNERS_ONLY


def test_the_milestone_delete_confirmation_is_for_those_who_plan(cast, work):
    assert matrix(cast, "get", course_url(cast, "milestone_delete", pk=work.milestone.pk)) == PLANNERS_ONLY


@pytest.mark.parametrize("who", ["anonymous", "outsider", "learner", "stakeholder", "partner", "qa"])
def test_those_who_do_not_plan_cannot_delete_a_task_or_a_milestone(cast, work, who):
    refused = {"anonymous": 302, "outsider": 404}.get(who, 403)
    task_url = course_url(cast, "task_delete", pk=work.shared.pk)
    milestone_url = course_url(cast, "milestone_delete", pk=work.milestone.pk)
    assert status_for(cast, who, "post", task_url) == refused
    assert status_for(cast, who, "post", milestone_url) == refused
    assert Task.objects.filter(pk=work.shared.pk).exists() and Milestone.objects.filter(pk=work.milestone.pk).exists()


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_the_leader_and_an_admin_delete_a_task_and_a_milestone(client, cast, work, who):
    client.force_login(cast.user(who))
    response = client.post(course_url(cast, "task_delete", pk=work.shared.pk))
    assert response.status_code == 302 and response.url == work.design.get_absolute_url()
    assert not Task.objects.filter(pk=work.shared.pk).exists()
    response = client.post(course_url(cast, "milestone_delete", pk=work.milestone.pk))
    assert response.status_code == 302 and response.url == work.design.get_absolute_url()
    assert not Milestone.objects.filter(pk=work.milestone.pk).exists()
    page = text(client.get(response.url))
    assert "Task “Draft the syllabus” deleted." in page and "Milestone “Outcomes agreed” deleted." in page


def test_another_courses_task_and_milestone_are_not_found_through_my_course(client, cast, work):
    other_design = running_design(cast.other_course, timezone.localdate())
    other_task = add_task(other_design, title="Theirs")
    other_milestone = add_milestone(other_design, owner=member(cast.other_course, cast.outsider),
                                    due_on=timezone.localdate() + timedelta(days=5))  # fmt: skip
    client.force_login(cast.leader)
    for url in (course_url(cast, "task_delete", pk=other_task.pk),
                course_url(cast, "milestone_delete", pk=other_milestone.pk)):  # fmt: skip
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Task.objects.filter(pk=other_task.pk).exists() and Milestone.objects.filter(pk=other_milestone.pk).exists()


def test_unknown_ids_are_a_404(client, cast, work):
    client.force_login(cast.leader)
    assert client.post(course_url(cast, "task_delete", pk=999_999)).status_code == 404
    assert client.post(course_url(cast, "milestone_delete", pk=999_999)).status_code == 404
    assert client.get(f"/courses/{cast.course.slug}/tasks/abc/delete/").status_code == 404


# --- The confirmation step, and what it says -----------------------------------------------------------------


def test_deleting_asks_first_on_a_page_and_a_get_deletes_nothing(client, cast, work):
    client.force_login(cast.leader)
    page = text(client.get(course_url(cast, "task_delete", pk=work.shared.pk)))
    assert "Delete the task “Draft the syllabus”" in page and "Delete task" in page and 'method="post"' in page
    page = text(client.get(course_url(cast, "milestone_delete", pk=work.milestone.pk)))
    assert "Delete the milestone “Outcomes agreed”" in page and "Delete milestone" in page
    assert Task.objects.filter(pk=work.shared.pk).exists() and Milestone.objects.filter(pk=work.milestone.pk).exists()


def test_the_phase_page_offers_delete_to_the_leader_only(client, cast, work):
    url = course_url(cast, "phase_detail", kind="design")
    client.force_login(cast.leader)
    page = text(client.get(url))
    assert "Delete task Draft the syllabus" in page and "Delete milestone Outcomes agreed" in page
    client.force_login(cast.partner)
    page = text(client.get(url))
    assert "Delete task" not in page and "Delete milestone" not in page


def test_inline_the_row_asks_then_deleting_leaves_a_confirmation_in_its_place(client, cast, work):
    client.force_login(cast.leader)
    url = course_url(cast, "task_delete", pk=work.shared.pk)
    ask = text(client.get(url, **HTMX))
    assert "<html" not in ask and f'<tbody id="task-{work.shared.pk}">' in ask
    assert "Delete “Draft the syllabus”? Its assignees will no longer see it." in ask and "Cancel" in ask
    done = client.post(url, {"layout": "phase"}, **HTMX)
    assert done.status_code == 200 and "<html" not in text(done)
    assert f'<tbody id="task-{work.shared.pk}">' in text(done) and "Task “Draft the syllabus” deleted." in text(done)
    assert not Task.objects.filter(pk=work.shared.pk).exists()


def test_from_my_tasks_deleting_goes_back_to_my_tasks(client, cast, work):
    client.force_login(cast.leader)
    page = text(client.get(course_url(cast, "task_delete", pk=work.shared.pk), {"layout": "mine"}))
    assert 'name="layout" value="mine"' in page and f'href="{reverse("phases:my_tasks")}"' in page
    response = client.post(course_url(cast, "task_delete", pk=work.shared.pk), {"layout": "mine"})
    assert response.url == reverse("phases:my_tasks")


# --- Logged work is never lost -------------------------------------------------------------------------------


def test_a_task_with_logged_work_is_not_deleted_and_the_hours_are_named(client, cast, work):
    today = timezone.localdate()
    log_work(work.shared, cast.partner, on=today, hours="2.5")
    log_work(work.shared, cast.learner, on=today - timedelta(days=1), hours="1.75")
    message = (
        "“Draft the syllabus” cannot be deleted: 4.25 h of work are logged on it, and they count in the course's "
        "effort. Set its status to done instead."
    )
    client.force_login(cast.leader)
    url = course_url(cast, "task_delete", pk=work.shared.pk)

    page = client.get(url)  # the confirmation already says why, and offers no button
    assert page.status_code == 200 and message in text(page) and "Delete task" not in text(page)
    inline = client.get(url, **HTMX)
    assert message in text(inline) and "Delete task" not in text(inline)

    for response in (client.post(url), client.post(url, **HTMX)):  # a POST anyway
        assert response.status_code == 400 and message in text(response)
    assert Task.objects.filter(pk=work.shared.pk).exists()
    assert WorkLog.objects.filter(task=work.shared).count() == 2


def test_the_service_refuses_too(cast, work):
    log_work(work.shared, cast.partner, on=timezone.localdate(), hours="1")
    with pytest.raises(ValidationError, match="1 h of work are logged on it"):
        task_delete(actor=cast.leader, task=work.shared)


def test_work_cannot_be_logged_on_a_task_deleted_meanwhile(cast, work):
    task = Task.objects.get(pk=work.shared.pk)
    task_delete(actor=cast.leader, task=work.shared)
    task.pk = work.shared.pk  # the page the partner still has open
    with pytest.raises(ValidationError):
        log_work(task, cast.partner, on=timezone.localdate())
    assert not WorkLog.objects.exists()


def test_deleting_twice_is_harmless(cast, work):
    task_delete(actor=cast.leader, task=work.shared)
    task_delete(actor=cast.leader, task=work.shared)
    assert not Task.objects.filter(pk=work.shared.pk).exists()


# --- History and reminders -----------------------------------------------------------------------------------


def test_history_records_who_deleted_them(cast, work):
    task_pk, milestone_pk = work.shared.pk, work.milestone.pk
    task_delete(actor=cast.leader, task=work.shared)
    milestone_delete(actor=cast.leader, milestone=work.milestone)
    task_record = Task.history.filter(id=task_pk).latest("history_date")
    milestone_record = Milestone.history.filter(id=milestone_pk).latest("history_date")
    assert (task_record.history_type, task_record.history_user) == ("-", cast.leader)
    assert (milestone_record.history_type, milestone_record.history_user) == ("-", cast.leader)


def test_history_records_the_person_through_the_page(client, cast, work):
    client.force_login(cast.admin)
    client.post(course_url(cast, "task_delete", pk=work.shared.pk))
    assert Task.history.filter(id=work.shared.pk, history_type="-").get().history_user == cast.admin


def test_unsent_reminders_of_a_deleted_task_or_milestone_are_withdrawn(cast, work):
    soon = add_milestone(work.design, owner=member(cast.course, cast.partner),
                         due_on=timezone.localdate() + timedelta(days=2), title="Soon")  # fmt: skip
    reminder_sweep_create()
    about_task = Reminder.objects.filter(subject_id=work.shared.pk, kind__startswith="task")
    about_milestone = Reminder.objects.filter(subject_id=soon.pk, kind__startswith="milestone")
    assert about_task.exists() and about_milestone.exists()
    sent = about_task.filter(recipient=cast.partner)
    sent.update(sent_at=timezone.now())  # already e-mailed: stays in the partner's list
    task_delete(actor=cast.leader, task=work.shared)
    milestone_delete(actor=cast.leader, milestone=soon)
    assert list(about_task.values_list("recipient", flat=True)) == [cast.partner.pk]
    assert not about_milestone.exists()


# --- Queries -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 30])
def test_the_confirmation_pages_read_in_fixed_queries(client, cast, work, django_assert_num_queries, n):
    people = [member(cast.course, cast.partner), member(cast.course, cast.learner)]
    task = add_task(work.design, title="Busy", assignees=people)
    for i in range(n):
        log_work(task, cast.partner, on=timezone.localdate() - timedelta(days=i), hours="0.5")
        add_milestone(work.design, owner=people[0], due_on=timezone.localdate() + timedelta(days=i), title=f"M{i}")
    client.force_login(cast.leader)
    client.get(course_url(cast, "timeline"))  # the bell's count is cached from then on (the session is read each time)
    invalidate_fragments()  # as after a change to the course: its access is read again
    with django_assert_num_queries(4):
        assert client.get(course_url(cast, "task_delete", pk=task.pk)).status_code == 200
    invalidate_fragments()
    with django_assert_num_queries(3):  # the session, the course with permissions, the milestone (user: cached)
        assert client.get(course_url(cast, "milestone_delete", pk=work.milestone.pk)).status_code == 200
