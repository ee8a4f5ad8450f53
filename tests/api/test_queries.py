"""Every API list and detail answers in a fixed number of queries, whatever the number of rows or the page size."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from phases import services as phase_services
from reminders.services import reminder_sweep_create
from support.models import ServiceKind
from tests.api.conftest import client_for
from tests.factories.accounts import AdminFactory
from tests.factories.phases import add_milestone, member
from tests.factories.quality import consent_all, make_decision, submit_report
from tests.factories.support import ConsultationFactory
from tests.factories.teams import add_member
from tests.utils import invalidate_fragments
from webhooks import services as webhook_services

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    # path under the course (or absolute): queries of a token call after a change to the courses (token, course
    # access, the rows, each prefetch)
    "/api/v1/courses/": 3,
    "": 4,
    "partnerships/": 3,
    "team/": 3,
    "phases/": 3,
    "milestones/": 3,
    "tasks/": 4,
    "tasks/{task}/": 4,
    "tasks/{task}/work-logs/": 5,
    "consultations/": 3,
    "decisions/": 3,
    "decisions/{decision}/": 3,
    "decisions/{decision}/positions/": 4,
    "editions/": 3,
    "editions/{edition}/reports/": 4,
    "webhooks/": 3,
    "webhooks/{webhook}/deliveries/": 5,
    "/api/v1/reminders/": 2,
    "profile/": 5,
    "/api/v1/needs/": 17,  # attention.selectors: one query per source, whatever the rows
}


def grow(cast, work, rows: int, receiver_url: str) -> None:
    """``rows`` more of everything the lists show."""
    today = timezone.localdate()
    design = work["design"]
    for i in range(rows):
        person = add_member(cast.course, "learner", institution=cast.course.lead_institution)
        task = phase_services.task_create(
            actor=cast.leader, phase=design, title=f"Unit {i}",
            assignees=[member(cast.course, cast.partner), person], due_on=today - timedelta(days=1),
        )  # fmt: skip
        phase_services.work_log_create(actor=person.user, task=task, date=today, hours=1)
        phase_services.work_log_create(
            actor=cast.partner, task=work["shared"], date=today - timedelta(days=i + 1), hours=1
        )
        add_milestone(design, owner=member(cast.course, cast.partner), due_on=design.planned_start + timedelta(days=i))
        consent_all(make_decision(cast.course, title=f"Decision {i}"))
        ConsultationFactory(
            course=cast.course, institution=cast.course.lead_institution, kind=ServiceKind.values[i % 6]
        )
    submit_report(work["edition"], cast.course.lead_institution)
    reminder_sweep_create()


def count(client, url: str) -> int:
    """As tests.utils.queries_after_change: called once, then again after a change to the courses."""
    assert client.get(url).status_code == 200, url
    invalidate_fragments()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_every_endpoint_answers_in_a_pinned_number_of_queries_for_1_and_many_rows(cast, work, receiver):
    webhook = webhook_services.subscription_create(
        actor=AdminFactory(),
        course=cast.course,
        url=receiver.url,
        events=["decision.agreed"],
        allow_private_network=True,
    )
    ids = {"task": work["shared"].pk, "decision": work["decision"].pk, "edition": work["edition"].pk,
           "webhook": webhook.pk}  # fmt: skip

    def url(path: str) -> str:
        path = path.format(**ids)
        return path if path.startswith("/") else f"/api/v1/courses/{cast.course.slug}/{path}"

    def measure() -> dict[str, int]:
        client = client_for(cast.leader)
        return {path: count(client, url(path)) for path in ENDPOINTS}

    consent_all(make_decision(cast.course, title="First"))
    small = measure()
    grow(cast, work, 6, receiver.url)
    large = measure()
    large_page = {path: count(client_for(cast.leader), url(path) + "?page_size=3") for path in ENDPOINTS}
    assert small == large == ENDPOINTS
    assert large_page == ENDPOINTS
