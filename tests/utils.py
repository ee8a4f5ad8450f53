"""Helpers shared by the test modules: a permission matrix that reads as one table per URL."""

from __future__ import annotations

from django.test import Client

WHO = ["anonymous", "outsider", "learner", "stakeholder", "partner", "qa", "leader", "admin"]


def status_for(cast, who: str, method: str, url: str, data: dict | None = None) -> int:
    """The HTTP status ``who`` gets for ``method url`` (a fresh client per call, so nothing leaks between)."""
    client = Client()
    user = cast.user(who)
    if user is not None:
        client.force_login(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


def matrix(cast, method: str, url: str, data: dict | None = None) -> dict[str, int]:
    """Every person's status for one URL, to compare with the expected table in a single assertion."""
    return {who: status_for(cast, who, method, url, data) for who in WHO}


def expect(anonymous, outsider, learner, stakeholder, partner, qa, leader, admin) -> dict[str, int]:
    """Build the expected row in the order of WHO, so a test reads like a table."""
    return dict(zip(WHO, [anonymous, outsider, learner, stakeholder, partner, qa, leader, admin], strict=True))
