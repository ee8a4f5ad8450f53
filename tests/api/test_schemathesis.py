"""Schemathesis against the live app, as a signed-in partner and as a leader: every operation of the schema
with generated parameters and bodies, bounded in examples and time; no 5xx, every documented answer as
documented."""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.throttling import TokenRateThrottle, UserRateThrottle
from tests.api.conftest import token_for
from tests.factories.accounts import AdminFactory
from webhooks import services as webhook_services

pytestmark = [pytest.mark.django_db(transaction=True)]

EXAMPLES = 6  # per operation and person
BUDGET_SECONDS = 150  # per person, whatever the number of operations


@pytest.fixture
def live_objects(cast, work):
    subscription = webhook_services.subscription_create(
        actor=AdminFactory(), course=cast.course, url="https://93.184.215.14/in", events=["task.done"]
    )
    return {
        "slug": cast.course.slug,
        "tasks": work["shared"].pk,
        "decisions": work["decision"].pk,
        "editions": work["edition"].pk,
        "webhooks": subscription.pk,
    }


def _path_parameters(path: str, objects: dict) -> dict:
    """Real ids for this course's objects, so that most calls reach the code behind the 404."""
    values = {"slug": objects["slug"]}
    for collection in ("tasks", "decisions", "editions", "webhooks"):
        if f"/{collection}/{{id}}" in path:
            values["id"] = objects[collection]
    return values


@pytest.mark.parametrize("who", ["partner", "leader"])
def test_schemathesis_finds_no_server_error_and_no_answer_off_the_schema(
    who, cast, live_objects, live_server, monkeypatch
):
    # Schemathesis sends a few hundred requests a minute; the limits are tested in test_throttling.py.
    monkeypatch.setattr(TokenRateThrottle, "rate", "100000/min", raising=False)
    monkeypatch.setattr(UserRateThrottle, "rate", "100000/min", raising=False)
    # Webhook deliveries would go to the internet: none is sent from this test.
    monkeypatch.setattr("webhooks.tasks.deliver.delay", lambda *args, **kwargs: None)
    headers = {"Authorization": f"Bearer {token_for(cast.user(who))}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json", headers=headers)
    deadline = time.monotonic() + BUDGET_SECONDS
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:
        if time.monotonic() > deadline:
            pytest.fail(f"schemathesis took more than {BUDGET_SECONDS}s")
        if operation.method.upper() == "DELETE":
            continue  # deleting the subscription would make the other webhook operations 404 only
        strategy = operation.as_strategy(path_parameters=_path_parameters(operation.path, live_objects))

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def check(case):
            case.call_and_validate(
                base_url=live_server.url,
                headers=headers,
                checks=[not_a_server_error, response_schema_conformance],
            )

        check()
