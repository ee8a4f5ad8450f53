"""A course leader subscribes a URL through the API; private addresses need an admin; the delivery log."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for
from tests.factories.quality import consent_all, make_decision
from webhooks.addresses import PRIVATE_ADDRESS
from webhooks.models import Subscription
from webhooks.services import ONLY_ADMIN_PRIVATE

pytestmark = pytest.mark.django_db


def hooks(cast) -> str:
    return f"/api/v1/courses/{cast.course.slug}/webhooks/"


def test_a_leader_cannot_point_a_webhook_at_the_internal_network(cast):
    client = client_for(cast.leader)
    refused = client.post(hooks(cast), {"url": "http://127.0.0.1:8000/x", "events": ["task.done"]}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"url": [PRIVATE_ADDRESS % {"address": "127.0.0.1"}]}
    asked = client.post(
        hooks(cast),
        {"url": "http://127.0.0.1:8000/x", "events": ["task.done"], "allow_private_network": True},
        format="json",
    )
    assert asked.status_code == 400 and asked.json()["allow_private_network"] == [str(ONLY_ADMIN_PRIVATE)]
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"url": "ftp://93.184.215.14/", "events": ["task.done"]}, "url"),
        ({"url": "not a url", "events": ["task.done"]}, "url"),
        ({"url": "https://93.184.215.14/" + "x" * 600, "events": ["task.done"]}, "url"),
        ({"url": "https://93.184.215.14/", "events": []}, "events"),
        ({"url": "https://93.184.215.14/", "events": ["gate.opened"]}, "events"),
        ({"url": "https://93.184.215.14/"}, "events"),
    ],
)
def test_bad_subscriptions_are_refused_at_the_field(cast, data, field):
    response = client_for(cast.leader).post(hooks(cast), data, format="json")
    assert response.status_code == 400 and field in response.json()


def test_an_admin_allows_a_private_receiver_and_the_leader_can_still_edit_it(cast):
    created = client_for(cast.admin).post(
        hooks(cast),
        {"url": "http://127.0.0.1:9/in", "events": ["decision.agreed"], "allow_private_network": True},
        format="json",
    )
    assert created.status_code == 201 and created.json()["secret"].startswith("whsec_")
    detail = f"{hooks(cast)}{created.json()['id']}/"
    edited = client_for(cast.leader).put(
        detail,
        {"url": "http://127.0.0.1:9/in2", "events": ["decision.agreed", "task.done"], "allow_private_network": True},
        format="json",
    )
    assert edited.status_code == 200 and edited.json()["events"] == ["decision.agreed", "task.done"]
    assert Subscription.history.latest().history_user == cast.leader
    assert client_for(cast.leader).delete(detail).status_code == 204
    assert not Subscription.objects.exists()


def test_the_delivery_log_shows_each_attempt(cast, receiver, django_capture_on_commit_callbacks):
    receiver.statuses = [500]
    created = client_for(cast.admin).post(
        hooks(cast), {"url": receiver.url, "events": ["decision.agreed"], "allow_private_network": True}, format="json"
    )
    with django_capture_on_commit_callbacks(execute=True):
        consent_all(make_decision(cast.course))
    log = client_for(cast.leader).get(f"{hooks(cast)}{created.json()['id']}/deliveries/").json()["results"]
    assert len(log) == 1 and log[0]["status"] == "pending" and log[0]["event_type"] == "decision.agreed"
    assert log[0]["attempt_log"][0]["response_status"] == 500
    assert log[0]["attempt_log"][0]["response_body"] == "try later"


def test_another_courses_subscription_is_404(cast):
    created = client_for(cast.admin).post(
        f"/api/v1/courses/{cast.other_course.slug}/webhooks/",
        {"url": "https://93.184.215.14/", "events": ["task.done"]},
        format="json",
    )
    assert client_for(cast.leader).get(f"{hooks(cast)}{created.json()['id']}/").status_code == 404
