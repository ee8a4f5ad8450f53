"""A partner university's script, end to end over HTTP against the live app: with a token made on the profile
page it lists its courses, logs work and records consent; its receiver gets a signed webhook when the
decision is agreed."""

from __future__ import annotations

import pytest
import requests
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from quality.models import Decision
from tests.api.conftest import token_for

pytestmark = pytest.mark.django_db(transaction=True)


def make_token_on_the_profile_page(user) -> str:
    browser = Client()
    browser.force_login(user)
    response = browser.post(reverse("api_tokens:create"), {"token-name": "Gdynia sync", "token-scope": "write"})
    assert response.status_code == 200
    return response.context["plaintext"]


def test_a_partner_script_logs_work_records_consent_and_receives_the_signed_webhook(cast, work, live_server, receiver):
    api = f"{live_server.url}/api/v1"
    admin = {"Authorization": f"Bearer {token_for(cast.admin)}"}
    # The university's receiver listens on a private address, which only an admin may allow.
    subscription = requests.post(
        f"{api}/courses/{cast.course.slug}/webhooks/",
        json={"url": receiver.url, "events": ["decision.agreed"], "allow_private_network": True},
        headers=admin, timeout=10,
    ).json()  # fmt: skip

    script = requests.Session()
    script.headers["Authorization"] = f"Bearer {make_token_on_the_profile_page(cast.partner)}"

    courses = script.get(f"{api}/courses/", timeout=10).json()["results"]
    assert [c["slug"] for c in courses] == [cast.course.slug]
    course = f"{api}/courses/{courses[0]['slug']}"

    mine = script.get(f"{course}/tasks/", params={"mine": "true"}, timeout=10).json()["results"]
    logged = script.post(
        f"{course}/tasks/{mine[0]['id']}/work-logs/",
        json={"date": timezone.localdate().isoformat(), "hours": "2.5", "note": "Learning outcomes draft"},
        timeout=10,
    )
    assert logged.status_code == 201, logged.text
    assert script.get(f"{course}/tasks/{mine[0]['id']}/", timeout=10).json()["hours_logged"] == "2.50"

    open_decisions = script.get(f"{course}/decisions/", params={"status": "open"}, timeout=10).json()["results"]
    decision = open_decisions[0]["id"]
    consent = script.post(f"{course}/decisions/{decision}/positions/", json={"position": "consent"}, timeout=10)
    assert consent.status_code == 201, consent.text
    assert receiver.requests == []  # the lead institution has not consented yet

    leader = {"Authorization": f"Bearer {token_for(cast.leader)}"}
    requests.post(f"{course}/decisions/{decision}/positions/", json={"position": "consent"}, headers=leader, timeout=10)
    assert Decision.objects.get(pk=decision).status == Decision.Status.AGREED

    receiver.wait_for(1)
    received = receiver.requests[0]
    payload = Webhook(subscription["secret"]).verify(received.body, received.headers)
    assert payload["type"] == "decision.agreed"
    assert payload["data"]["decision"]["id"] == decision
    assert payload["data"]["course"]["slug"] == cast.course.slug
    log = requests.get(f"{course}/webhooks/{subscription['id']}/deliveries/", headers=leader, timeout=10).json()
    assert log["results"][0]["status"] == "succeeded"
