"""API fixtures: a schema-checking client, tokens, and a course with work, a decision and an edition."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import Token
from api.services import token_create
from tests.api.openapi import CheckedClient
from tests.factories.phases import add_milestone, add_task, member, running_design
from tests.factories.quality import make_decision, make_edition


def token_for(user, scope: str = Token.Scope.WRITE) -> str:
    return token_create(user=user, name="script", scope=scope)[1]


def client_for(user=None, scope: str = Token.Scope.WRITE) -> CheckedClient:
    """A client authenticated with a fresh token of ``user`` (anonymous without one)."""
    client = CheckedClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user, scope)}")
    return client


@pytest.fixture
def api():
    return client_for


@pytest.fixture
def work(cast):
    """A running design with a task for the partner and the learner, one for the stakeholder, a milestone,
    an open decision and an ended edition."""
    today = timezone.localdate()
    design = running_design(cast.course, today)
    shared = add_task(
        design, title="Draft the syllabus", due_on=today + timedelta(days=3),
        assignees=[member(cast.course, cast.partner), member(cast.course, cast.learner)],
    )  # fmt: skip
    other = add_task(
        design, title="Survey employers", co_creation_aspect="needs_analysis",
        assignees=[member(cast.course, cast.stakeholder)],
    )  # fmt: skip
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=5))
    decision = make_decision(cast.course)
    edition = make_edition(cast.course)
    return {"design": design, "shared": shared, "other": other, "milestone": milestone, "decision": decision,
            "edition": edition}  # fmt: skip


@pytest.fixture
def receiver():
    from tests.webhooks.receiver import receiver as make_receiver

    with make_receiver() as state:
        yield state
