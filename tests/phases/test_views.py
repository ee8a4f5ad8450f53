"""What people see and do on the phases pages, the messages for bad input, and pinned query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phases.models import Phase, Task, WorkLog
from teams.models import Membership
from tests.factories.phases import add_milestone, add_task, log_work, member, plan_phases, running_design
from tests.factories.teams import CourseFactory, add_member

Role = Membership.Role
pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def course_url(cast, name, **kwargs):
    return reverse(f"phases:{name}", kwargs={"slug": cast.course.slug, **kwargs})


def login(client, user):
    client.force_login(user)
    return client


def test_learner_sees_only_the_tasks_they_are_assigned_to(client, cast, work):
    body = login(client, cast.learner).get(course_url(cast, "phase_detail", kind="design")).content.decode()
    assert "Draft the syllabus" in body and "Survey employers" not in body


def test_stakeholder_sees_their_co_creation_task_only(client, cast, work):
    body = login(client, cast.stakeholder).get(course_url(cast, "phase_detail", kind="design")).content.decode()
    assert "Survey employers" in body and "Analysis of needs" in body and "Draft the syllabus" not in body


def test_partner_sees_every_task_of_the_phase(client, cast, work):
    body = login(client, cast.partner).get(course_url(cast, "phase_detail", kind="design")).content.decode()
    assert "Draft the syllabus" in body and "Survey employers" in body


def test_leader_saves_an_adjusted_plan(client, cast):
    login(client, cast.leader)
    page = client.get(course_url(cast, "plan") + "?propose-start=2027-03-01")
    assert page.status_code == 200 and 'value="2027-05-31"' in page.content.decode()  # design's last day
    data = {"plan-design_start": "2027-03-01", "plan-design_end": "2027-06-30",
            "plan-development_start": "2027-07-01", "plan-development_end": "2027-12-31",
            "plan-implementation_start": "2028-01-01", "plan-implementation_end": "2030-12-31"}  # fmt: skip
    response = client.post(course_url(cast, "plan"), data)
    assert response.status_code == 302
    assert Phase.objects.get(course=cast.course, kind="design").planned_end.isoformat() == "2027-06-30"


def test_a_squeezed_plan_is_answered_at_the_field_and_saves_nothing(client, cast):
    login(client, cast.leader)
    data = {"plan-design_start": "2027-03-01", "plan-design_end": "2027-05-12",
            "plan-development_start": "2027-05-10", "plan-development_end": "2027-12-31",
            "plan-implementation_start": "2028-01-01", "plan-implementation_end": "2030-12-31"}  # fmt: skip
    response = client.post(course_url(cast, "plan"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Design must last at least 3 months; this plan gives 2 months and 12 days." in body
    assert "Development must start after design ends on 12 May 2027; this plan overlaps it by 3 days." in body
    assert not Phase.objects.filter(course=cast.course).exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"plan-design_start": ""}, "This field is required."),
        ({"plan-design_start": "2027-02-30"}, "Enter a valid date."),
        ({"propose-start": "yesterday"}, "Enter a valid date."),
    ],
)
def test_bad_dates_are_a_400_with_the_message(client, cast, data, message):
    login(client, cast.leader)
    response = (
        client.get(course_url(cast, "plan"), data)
        if "propose-start" in data
        else client.post(course_url(cast, "plan"), data)
    )
    assert response.status_code == 400 and message in response.content.decode()


def test_design_start_refused_while_a_partner_is_unrepresented_shows_at_the_field(client, cast):
    from tests.factories.teams import add_partner

    add_partner(cast.course)
    plan_phases(cast.course, timezone.localdate() - timedelta(days=3))
    data = {"actual-actual_start": (timezone.localdate() - timedelta(days=1)).isoformat()}
    response = login(client, cast.leader).post(course_url(cast, "phase_dates", kind="design"), data, **HTMX)
    assert response.status_code == 400
    assert (
        "Design cannot start until every partner institution has a partner representative" in response.content.decode()
    )


def test_leader_adds_a_task_inline(client, cast, work):
    data = {"task-title": "Write the assessment rubric", "task-status": "todo",
            "task-assignees": [member(cast.course, cast.learner).pk]}  # fmt: skip
    response = login(client, cast.leader).post(course_url(cast, "task_add", kind="design"), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="section-tasks"' in body and "<html" not in body
    assert "Task “Write the assessment rubric” added." in body


@pytest.mark.parametrize(
    "data,message",
    [
        ({"task-title": ""}, "This field is required."),
        ({"task-title": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"task-due_on": "31/31/2026"}, "Enter a valid date."),
        ({"task-status": "finished"}, "Select a valid choice."),
        ({"task-assignees": ["999999"]}, "Select a valid choice."),
        (
            {"task-co_creation_aspect": "", "stakeholder": True},
            "is engaged only for these co-creation aspects: Analysis of needs.",
        ),
    ],
)
def test_bad_task_input_is_answered_at_the_field_with_400(client, cast, work, data, message):
    form = {"task-title": "Rubric", "task-status": "todo"}
    if data.pop("stakeholder", False):
        form["task-assignees"] = [member(cast.course, cast.stakeholder).pk]
    form.update(data)
    before = Task.objects.count()
    response = login(client, cast.leader).post(course_url(cast, "task_add", kind="design"), form, **HTMX)
    assert response.status_code == 400 and message in response.content.decode()
    assert Task.objects.count() == before


def test_assigning_someone_from_another_course_is_refused(client, cast, work):
    outsider = member(cast.other_course, cast.outsider)
    form = {"task-title": "Rubric", "task-status": "todo", "task-assignees": [outsider.pk]}
    response = login(client, cast.leader).post(course_url(cast, "task_add", kind="design"), form, **HTMX)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_partner_logs_work_inline_and_sees_the_new_total(client, cast, work):
    login(client, cast.partner)
    form = client.get(course_url(cast, "work_log_add", pk=work.shared.pk), **HTMX).content.decode()
    assert f'id="task-{work.shared.pk}"' in form and "Hours" in form
    data = {f"log-{work.shared.pk}-date": timezone.localdate().isoformat(), f"log-{work.shared.pk}-hours": "2.5",
            f"log-{work.shared.pk}-note": "Outline", "layout": "mine"}  # fmt: skip
    response = client.post(course_url(cast, "work_log_add", pk=work.shared.pk), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Logged 2.5 h on" in body and "2.5 h" in body
    assert WorkLog.objects.get(task=work.shared).member.user == cast.partner


@pytest.mark.parametrize(
    "hours,date_offset,message",
    [
        ("0", 0, "Log at least a quarter of an hour (0.25)."),
        ("25", 0, "A day has 24 hours: log 24 or fewer."),
        ("abc", 0, "Enter a number."),
        ("2", 1, "Work cannot be logged for a day in the future."),
        ("", 0, "This field is required."),
    ],
)
def test_bad_work_log_is_answered_in_the_row_with_400(client, cast, work, hours, date_offset, message):
    day = (timezone.localdate() + timedelta(days=date_offset)).isoformat()
    data = {f"log-{work.shared.pk}-date": day, f"log-{work.shared.pk}-hours": hours}
    response = login(client, cast.partner).post(course_url(cast, "work_log_add", pk=work.shared.pk), data, **HTMX)
    assert response.status_code == 400 and message in response.content.decode()
    assert not WorkLog.objects.exists()


def test_assignee_sets_the_status_inline(client, cast, work):
    data = {f"status-{work.shared.pk}-status": "done"}
    response = login(client, cast.learner).post(course_url(cast, "task_status", pk=work.shared.pk), data, **HTMX)
    assert response.status_code == 200 and "Status set to “Done”." in response.content.decode()
    assert Task.objects.get(pk=work.shared.pk).status == "done"


def test_effort_sums_hours_per_institution_and_phase(client, cast, work):
    today = timezone.localdate()
    log_work(work.shared, cast.partner, on=today, hours="3")
    log_work(work.shared, cast.learner, on=today, hours="1.5")  # learner represents the same partner institution
    log_work(work.stakeholder_task, cast.stakeholder, on=today, hours="2")
    effort = login(client, cast.leader).get(course_url(cast, "effort")).context["effort"]
    partner_row = next(r for r in effort.rows if r.kind == "institution" and r.total)
    assert partner_row.cells()[0] == 4.5 and effort.total == 6.5
    assert [r.label for r in effort.rows if r.kind == "organisation"] == [
        member(cast.course, cast.stakeholder).organisation.name
    ]


def test_my_tasks_lists_my_tasks_across_courses_and_filters_them(client, cast, work):
    second = CourseFactory()
    add_member(second, "partner", user=cast.partner)
    design = running_design(second, timezone.localdate())
    add_task(design, title="Translate the glossary", assignees=[member(second, cast.partner)])
    login(client, cast.partner)
    titles = [t.title for t in client.get(reverse("phases:my_tasks")).context["tasks"]]
    assert titles == ["Draft the syllabus", "Translate the glossary"]  # dated first
    only_second = client.get(reverse("phases:my_tasks"), {"course": second.pk}).context["tasks"]
    assert [t.title for t in only_second] == ["Translate the glossary"]
    everything = client.get(reverse("phases:my_tasks"), {"scope": "all"}).context["tasks"]
    assert "Survey employers" in [t.title for t in everything]  # partners see every task of their courses


def test_my_tasks_course_dropdown_holds_only_my_courses(client, cast, work):
    response = login(client, cast.learner).get(reverse("phases:my_tasks"))
    assert list(response.context["filter"].form.fields["course"].queryset) == [cast.course]
    refused = client.get(reverse("phases:my_tasks"), {"course": cast.other_course.pk})
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()


def test_my_tasks_filter_validity_follows_the_users_courses_on_repeat_visits(client, cast, work):
    """The validity is kept between visits (the page may come from the cache), but joining a course counts at once."""
    login(client, cast.learner)
    url = reverse("phases:my_tasks")
    for _ in range(2):
        assert client.get(url, {"course": cast.other_course.pk}).status_code == 400
        assert client.get(url, {"due_before": "not a date"}).status_code == 400
    add_member(cast.other_course, Role.LEARNER, user=cast.learner)
    response = client.get(url, {"course": cast.other_course.pk})
    assert response.status_code == 200 and "Select a valid choice" not in response.content.decode()


def test_my_tasks_overdue_only_and_sorting(client, cast, work):
    today = timezone.localdate()
    late = add_task(work.design, title="Late one", assignees=[member(cast.course, cast.learner)],
                    due_on=today - timedelta(days=2))  # fmt: skip
    login(client, cast.learner)
    overdue = client.get(reverse("phases:my_tasks"), {"overdue": "on"}).context["tasks"]
    assert [t.pk for t in overdue] == [late.pk]
    latest_first = client.get(reverse("phases:my_tasks"), {"sort": "-due"}).context["tasks"]
    assert [t.title for t in latest_first] == ["Draft the syllabus", "Late one"]
    partial = client.get(reverse("phases:my_tasks"), {"sort": "-due"}, HTTP_HX_TARGET="task-results", **HTMX)
    assert "<html" not in partial.content.decode() and 'id="task-results"' in partial.content.decode()


def test_overview_panel_shows_the_current_phase_and_what_is_late(client, cast, work):
    add_task(work.design, title="Overdue rubric", due_on=timezone.localdate() - timedelta(days=1))
    body = (
        login(client, cast.leader)
        .get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug}))
        .content.decode()
    )
    assert "Where we are" in body and "Running" in body and "Overdue rubric" in body


# --- Query counts: the same with few and many rows ----------------------------------------------------------


def many_tasks(cast, work, n: int) -> None:
    """``n`` tasks and milestones, some of them late, so the overview's "what is late" lists fill up too."""
    today = timezone.localdate()
    people = [member(cast.course, cast.partner), member(cast.course, cast.learner)]
    for i in range(n):
        task = add_task(work.design, title=f"Task {i}", assignees=people, due_on=today + timedelta(days=i % 5 - 2))
        log_work(task, cast.partner, on=today - timedelta(days=i % 20), hours="0.5")
        add_milestone(work.design, owner=people[0], due_on=today + timedelta(days=i % 10 - 5), title=f"Milestone {i}")


@pytest.mark.parametrize("n", [2, 40])
@pytest.mark.parametrize(
    "who,url,expected",
    [
        ("partner", lambda c: course_url(c, "phase_detail", kind="design"), 8),
        ("learner", lambda c: course_url(c, "phase_detail", kind="design"), 8),
        # + the planner's forms: the members to assign and to own milestones, read once each (core.forms)
        ("leader", lambda c: course_url(c, "phase_detail", kind="design"), 10),
        ("leader", lambda c: course_url(c, "timeline"), 6),
        ("leader", lambda c: course_url(c, "effort"), 6),
        ("partner", lambda c: reverse("phases:my_tasks"), 9),  # + the courses' ids, for the fragment's versions
        # + "Where we are": consultations, the lead's first two, editions, reviews, decisions (attention.sources); + the micro-credential card
        ("leader", lambda c: reverse("teams:course_detail", kwargs={"slug": c.course.slug}), 26),  # + 5: the next gate
    ],
)
def test_query_counts_do_not_grow_with_rows(client, cast, work, django_assert_num_queries, n, who, url, expected):
    many_tasks(cast, work, n)
    login(client, getattr(cast, who))
    target = url(cast)
    with django_assert_num_queries(expected):
        assert client.get(target).status_code == 200
