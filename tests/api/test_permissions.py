"""Every endpoint's permission table: who gets what, through a token of each person (as a script would).

Anonymous callers get 401, another course's members 404 (its existence never leaks), a role without the
right 403, as on the pages.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for
from tests.utils import WHO, expect

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks"  # a literal public address: checked, never called in these tests


def statuses(cast, method: str, url: str, data: dict | None = None) -> dict[str, int]:
    result = {}
    for who in WHO:
        client = client_for(cast.user(who))
        response = (
            getattr(client, method)(url, data, format="json") if data is not None else getattr(client, method)(url)
        )
        result[who] = response.status_code
    return result


def course_url(cast, tail: str = "") -> str:
    return f"/api/v1/courses/{cast.course.slug}/{tail}"


@pytest.mark.parametrize(
    "tail",
    ["", "partnerships/", "team/", "phases/", "milestones/", "tasks/", "consultations/", "decisions/"],
)
def test_every_member_reads_the_course_and_outsiders_get_404(cast, work, tail):
    assert statuses(cast, "get", course_url(cast, tail)) == expect(401, 404, 200, 200, 200, 200, 200, 200)


def test_lists_of_ones_own_answer_everyone_signed_in(cast, work):
    for url in ("/api/v1/courses/", "/api/v1/reminders/"):
        assert statuses(cast, "get", url) == expect(401, 200, 200, 200, 200, 200, 200, 200)


def test_a_decision_and_its_positions_are_for_members(cast, work):
    decision = work["decision"].pk
    for tail in (f"decisions/{decision}/", f"decisions/{decision}/positions/"):
        assert statuses(cast, "get", course_url(cast, tail)) == expect(401, 404, 200, 200, 200, 200, 200, 200)


def test_a_task_is_seen_by_its_assignees_and_by_those_who_see_every_task(cast, work):
    task = work["shared"].pk  # assigned to the partner and the learner, not to the stakeholder
    for tail in (f"tasks/{task}/", f"tasks/{task}/work-logs/"):
        assert statuses(cast, "get", course_url(cast, tail)) == expect(401, 404, 200, 404, 200, 200, 200, 200)


def test_evaluation_data_is_for_the_course_staff(cast, work):
    for tail in ("editions/", f"editions/{work['edition'].pk}/reports/"):
        assert statuses(cast, "get", course_url(cast, tail)) == expect(401, 404, 403, 403, 200, 200, 200, 200)


def test_webhooks_are_kept_by_the_leader_and_admins(cast, work):
    assert statuses(cast, "get", course_url(cast, "webhooks/")) == expect(401, 404, 403, 403, 403, 403, 200, 200)


def test_task_status_is_changed_by_assignees_and_the_leader(cast, work):
    url = course_url(cast, f"tasks/{work['shared'].pk}/")
    assert statuses(cast, "patch", url, {"status": "in_progress"}) == expect(401, 404, 200, 404, 200, 403, 200, 200)


def test_work_is_logged_by_assignees_only(cast, work):
    url = course_url(cast, f"tasks/{work['shared'].pk}/work-logs/")
    data = {"date": str(work["design"].actual_start), "hours": "1.5"}
    assert statuses(cast, "post", url, data) == expect(401, 404, 201, 404, 201, 403, 403, 403)


def test_positions_are_recorded_by_those_who_speak_for_an_institution(cast, work):
    url = course_url(cast, f"decisions/{work['decision'].pk}/positions/")
    data = {"position": "abstention", "reason": "Our senate meets next month."}
    assert statuses(cast, "post", url, data) == expect(401, 404, 403, 403, 201, 403, 201, 403)


def test_evaluation_data_is_submitted_by_representatives(cast, work):
    url = course_url(cast, f"editions/{work['edition'].pk}/reports/")
    data = {"enrolled": 10, "completed": 8, "passed": 7, "mean_satisfaction": "4.20", "dropout_reasons": "Work."}
    assert statuses(cast, "post", url, data) == expect(401, 404, 403, 403, 201, 403, 201, 403)


def test_webhooks_are_subscribed_by_the_leader_and_admins(cast, work):
    data = {"url": PUBLIC_URL, "events": ["decision.agreed"]}
    assert statuses(cast, "post", course_url(cast, "webhooks/"), data) == expect(401, 404, 403, 403, 403, 403, 201, 201)
