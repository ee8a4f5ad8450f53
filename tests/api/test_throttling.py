"""Limits per token and per person, counted in the shared cache: a clear 429 with Retry-After."""

from __future__ import annotations

import pytest

from api.throttling import TokenRateThrottle, UserRateThrottle
from tests.api.conftest import token_for
from tests.api.openapi import CheckedClient

pytestmark = pytest.mark.django_db


def bearer(plaintext: str) -> CheckedClient:
    client = CheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def test_a_busy_token_gets_429_with_retry_after_and_another_token_goes_on(cast, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "rate", "3/min", raising=False)
    busy, other = bearer(token_for(cast.partner)), bearer(token_for(cast.partner))
    assert [busy.get("/api/v1/courses/").status_code for _ in range(3)] == [200, 200, 200]
    refused = busy.get("/api/v1/courses/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()
    assert other.get("/api/v1/courses/").status_code == 200


def test_all_of_a_persons_tokens_and_their_session_share_one_limit(cast, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "4/min", raising=False)
    first, second = bearer(token_for(cast.partner)), bearer(token_for(cast.partner))
    browser = CheckedClient()
    browser.force_login(cast.partner)
    assert [c.get("/api/v1/courses/").status_code for c in (first, second, browser, first)] == [200] * 4
    assert second.get("/api/v1/courses/").status_code == 429
    assert browser.get("/api/v1/courses/").status_code == 429
    assert bearer(token_for(cast.leader)).get("/api/v1/courses/").status_code == 200  # someone else is not slowed
