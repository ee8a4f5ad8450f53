"""Writes through the API go through the pages' services: the same rules, the same messages at the same
fields, the change in the course history under the caller's name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from phases import services as phase_services
from phases.forms import WorkLogForm
from phases.models import Task, WorkLog
from phases.services import task_row
from quality.models import Decision, EvaluationReport
from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from tests.api.conftest import client_for
from tests.factories.teams import CourseFactory, add_member

pytestmark = pytest.mark.django_db


def url(cast, tail: str) -> str:
    return f"/api/v1/courses/{cast.course.slug}/{tail}"


def test_a_partner_lists_only_its_own_courses_with_their_profile(cast):
    second = CourseFactory(title="Zero-waste Ports")
    add_member(second, "partner", user=cast.partner)
    courses = client_for(cast.partner).get("/api/v1/courses/").json()["results"]
    assert {c["slug"] for c in courses} == {cast.course.slug, second.slug}
    mine = next(c for c in courses if c["slug"] == cast.course.slug)
    assert mine["my_role"] == "partner"
    assert mine["lead_institution"]["id"] == cast.course.lead_institution_id
    assert mine["eqf_level"] == cast.course.eqf_level
    filtered = client_for(cast.partner).get("/api/v1/courses/", {"role": "leader"}).json()["results"]
    assert filtered == []


def test_the_course_shows_when_it_was_archived_and_the_list_filters_by_state(cast):
    from teams.archive import course_archive

    second = CourseFactory(title="Zero-waste Ports")
    add_member(second, "partner", user=cast.partner)
    client = client_for(cast.partner)
    detail = client.get(url(cast, "")).json()
    assert detail["archived_at"] is None
    archived = course_archive(actor=cast.leader, course=cast.course)
    detail = client.get(url(cast, "")).json()
    assert detail["archived_at"] is not None
    assert detail["archived_at"].startswith(archived.archived_at.date().isoformat())

    def listed(**params) -> set[str]:
        return {c["slug"] for c in client.get("/api/v1/courses/", params).json()["results"]}

    assert listed() == {cast.course.slug, second.slug}  # no state: every course, as before
    assert listed(state="archived") == {cast.course.slug}
    assert listed(state="current") == {second.slug}
    refused = client.get("/api/v1/courses/", {"state": "deleted"})
    assert refused.status_code == 400 and "state" in refused.json()


def test_a_course_of_others_answers_404_whatever_the_id(cast, work):
    other = client_for(cast.outsider)
    assert other.get(url(cast, f"tasks/{work['shared'].pk}/")).status_code == 404
    # and a member asking for another course's task through their own course gets 404 too
    foreign = add_member(cast.other_course, "partner").user
    assert (
        client_for(foreign).get(f"/api/v1/courses/{cast.other_course.slug}/tasks/{work['shared'].pk}/").status_code
        == 404
    )


def test_a_learner_sees_only_the_tasks_they_are_assigned_to(cast, work):
    tasks = client_for(cast.learner).get(url(cast, "tasks/")).json()["results"]
    assert [t["title"] for t in tasks] == ["Draft the syllabus"]
    everything = client_for(cast.qa).get(url(cast, "tasks/")).json()["results"]
    assert len(everything) == 2
    mine = client_for(cast.partner).get(url(cast, "tasks/"), {"mine": "true"}).json()["results"]
    assert [t["title"] for t in mine] == ["Draft the syllabus"]


def test_an_assignee_sets_a_task_done_and_the_history_names_them(cast, work):
    response = client_for(cast.partner).patch(
        url(cast, f"tasks/{work['shared'].pk}/"), {"status": "done"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "done"
    record = Task.history.filter(id=work["shared"].pk).latest("history_date")
    assert record.status == "done" and record.history_user == cast.partner


def test_an_unknown_status_is_a_field_error(cast, work):
    response = client_for(cast.partner).patch(
        url(cast, f"tasks/{work['shared'].pk}/"), {"status": "finished"}, format="json"
    )
    assert response.status_code == 400 and "status" in response.json()


def test_a_refused_status_change_says_why(cast, work):
    response = client_for(cast.qa).patch(url(cast, f"tasks/{work['shared'].pk}/"), {"status": "done"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the task's assignees and the course leader change its status."


def test_work_logged_through_the_api_gets_the_services_messages_at_the_fields(cast, work):
    client = client_for(cast.partner)
    logs = url(cast, f"tasks/{work['shared'].pk}/work-logs/")
    today = timezone.localdate()
    future = client.post(logs, {"date": str(today + timedelta(days=1)), "hours": "2"}, format="json")
    assert future.status_code == 400
    assert future.json() == {"date": [task_row.DATE_IN_FUTURE]}
    too_many = client.post(logs, {"date": str(today), "hours": "25"}, format="json")
    assert too_many.json() == {"hours": [WorkLogForm.base_fields["hours"].error_messages["max_value"]]}
    assert client.post(logs, {"date": str(today), "hours": "20", "note": "Syllabus"}, format="json").status_code == 201
    full = client.post(logs, {"date": str(today), "hours": "5"}, format="json")
    assert full.status_code == 400 and "a day has 24 hours" in full.json()["hours"][0]
    for bad in ({}, {"date": "31-12-2026", "hours": "x"}, {"date": "2026-02-30", "hours": "1"}):
        assert client.post(logs, bad, format="json").status_code == 400
    log = WorkLog.objects.get()
    assert log.history.latest().history_user == cast.partner
    listed = client.get(logs).json()["results"]
    assert [entry["hours"] for entry in listed] == ["20.00"]


def test_a_partner_records_consent_and_the_decision_is_agreed_when_every_institution_consents(cast, work):
    decision = work["decision"]
    positions = url(cast, f"decisions/{decision.pk}/positions/")
    objection = client_for(cast.partner).post(positions, {"position": "objection"}, format="json")
    assert objection.status_code == 400
    assert objection.json() == {"reason": [decision_services.OBJECTION_NEEDS_REASON]}
    assert client_for(cast.partner).post(positions, {"position": "consent"}, format="json").status_code == 201
    assert client_for(cast.leader).post(positions, {"position": "consent"}, format="json").status_code == 201
    decision.refresh_from_db()
    assert decision.status == Decision.Status.AGREED
    detail = client_for(cast.partner).get(url(cast, f"decisions/{decision.pk}/")).json()
    assert detail["status"] == "agreed" and detail["consent_count"] == 2
    closed = client_for(cast.partner).post(positions, {"position": "objection", "reason": "Late"}, format="json")
    assert closed.json() == {"non_field_errors": [decision_services.DECISION_CLOSED]}


def test_evaluation_data_is_submitted_with_the_pages_rules(cast, work):
    reports = url(cast, f"editions/{work['edition'].pk}/reports/")
    client = client_for(cast.partner)
    wrong = client.post(reports, {"enrolled": 5, "completed": 8, "passed": 1, "mean_satisfaction": "4"}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["completed"] == [evaluation_services.COMPLETED_OVER_ENROLLED.format(completed=8, enrolled=5)]
    assert client.post(reports, {"enrolled": -1, "completed": 0, "passed": 0}, format="json").status_code == 400
    ok = client.post(reports, {"enrolled": 10, "completed": 10, "passed": 9, "mean_satisfaction": "4.5"}, format="json")
    assert ok.status_code == 201 and ok.json()["status"] == "submitted"
    report = EvaluationReport.objects.get()
    assert report.history.latest().history_user == cast.partner


def test_lists_are_paginated_by_cursor(cast, work):
    for i in range(5):
        phase_services.task_create(actor=cast.leader, phase=work["design"], title=f"Unit {i}")
    client = client_for(cast.leader)
    first = client.get(url(cast, "tasks/"), {"page_size": 3}).json()
    assert len(first["results"]) == 3 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 3 and second["previous"]
    assert not {t["id"] for t in first["results"]} & {t["id"] for t in second["results"]}


@pytest.mark.parametrize(
    "query",
    [{"cursor": "garbage"}, {"page_size": "-1"}, {"status": "nope"}, {"phase": "x" * 300}, {"mine": "maybe"}],
)
def test_odd_query_parameters_never_give_a_server_error(cast, work, query):
    assert client_for(cast.partner).get(url(cast, "tasks/"), query).status_code < 500


def test_the_caller_sees_only_their_own_reminders(cast, work):
    from reminders.services import reminder_sweep_create

    reminder_sweep_create()
    mine = client_for(cast.partner).get("/api/v1/reminders/").json()["results"]
    assert mine and all(r["course"] == cast.course.slug for r in mine)
    from reminders.models import Reminder

    assert len(mine) == Reminder.objects.filter(recipient=cast.partner).count()
