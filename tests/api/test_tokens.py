"""Personal access tokens: created on the profile page and shown once, stored as a salted digest, scoped,
expiring, revocable, their last use recorded; the browser's session needs CSRF for writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import Token
from api.services import token_create
from tests.api.conftest import client_for
from tests.api.openapi import CheckedClient

pytestmark = pytest.mark.django_db


def bearer(plaintext: str) -> CheckedClient:
    client = CheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def test_a_token_created_on_the_profile_page_is_shown_once_and_stored_only_as_a_digest(cast):
    browser = Client()
    browser.force_login(cast.partner)
    page = browser.get(reverse("accounts:profile"))
    assert "API tokens" in page.content.decode()
    tomorrow = timezone.localdate() + timedelta(days=30)
    response = browser.post(
        reverse("api_tokens:create"),
        {"token-name": "catalogue sync", "token-scope": "write", "token-expires_on": tomorrow},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    plaintext = response.context["plaintext"]
    assert plaintext in response.content.decode()
    token = Token.objects.get(user=cast.partner)
    assert token.name == "catalogue sync" and token.write_enabled
    assert token.expires_at.date() == tomorrow
    secret = plaintext.split(".", 1)[1]
    assert secret not in {token.digest, token.salt} and len(token.digest) == 64
    assert plaintext not in browser.get(reverse("accounts:profile")).content.decode()  # never shown again
    assert bearer(plaintext).get("/api/v1/courses/").status_code == 200


def test_a_token_without_a_name_or_with_a_past_expiry_is_refused_at_the_field(cast):
    browser = Client()
    browser.force_login(cast.partner)
    response = browser.post(
        reverse("api_tokens:create"), {"token-name": " ", "token-scope": "read", "token-expires_on": "2020-01-01"}
    )
    assert response.status_code == 400
    form = response.context["token_form"]
    assert form.errors["name"] and form.errors["expires_on"]
    assert not Token.objects.exists()


def test_an_unknown_wrong_revoked_or_expired_token_gets_401(cast):
    token, plaintext = token_create(user=cast.partner, name="sync")
    key = plaintext.split(".")[0]
    assert bearer(key + ".wrong-secret").get("/api/v1/courses/").status_code == 401
    assert bearer("mcp_000000000000.x").get("/api/v1/courses/").status_code == 401
    assert bearer("garbage").get("/api/v1/courses/").status_code == 401
    Token.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(plaintext).get("/api/v1/courses/")
    assert response.status_code == 401 and "expired" in response.json()["detail"]
    other, other_plaintext = token_create(user=cast.partner, name="other")
    browser = Client()
    browser.force_login(cast.partner)
    browser.post(reverse("api_tokens:revoke", args=[other.pk]))
    assert bearer(other_plaintext).get("/api/v1/courses/").status_code == 401
    other.refresh_from_db()
    assert other.revoked_at is not None


def test_a_token_of_an_inactive_person_gets_401(cast):
    plaintext = token_create(user=cast.partner, name="sync")[1]
    cast.partner.is_active = False
    cast.partner.save()
    assert bearer(plaintext).get("/api/v1/courses/").status_code == 401


def test_anonymous_calls_are_told_how_to_authenticate(cast):
    response = CheckedClient().get("/api/v1/courses/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_someone_elses_token(cast):
    token = token_create(user=cast.leader, name="leader's")[0]
    browser = Client()
    browser.force_login(cast.partner)
    assert browser.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_read_only_token_reads_but_changes_nothing(cast, work):
    client = client_for(cast.partner, scope=Token.Scope.READ)
    url = f"/api/v1/courses/{cast.course.slug}/tasks/{work['shared'].pk}/"
    assert client.get(url).status_code == 200
    response = client.patch(url, {"status": "done"}, format="json")
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    work["shared"].refresh_from_db()
    assert work["shared"].status == "todo"


def test_last_use_is_recorded_at_most_once_a_minute(cast):
    token, plaintext = token_create(user=cast.partner, name="sync")
    client = bearer(plaintext)
    client.get("/api/v1/courses/")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/courses/")
    token.refresh_from_db()
    assert token.last_used_at == first
    Token.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/courses/")
    token.refresh_from_db()
    assert token.last_used_at > first


def test_the_browser_session_works_and_its_writes_need_the_csrf_token(cast, work):
    browser = CheckedClient(enforce_csrf_checks=True)
    browser.force_login(cast.partner)
    url = f"/api/v1/courses/{cast.course.slug}/tasks/{work['shared'].pk}/"
    assert browser.get(url).status_code == 200
    refused = browser.patch(url, {"status": "done"}, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    browser.get(reverse("accounts:profile"))  # any page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    assert browser.patch(url, {"status": "done"}, format="json", HTTP_X_CSRFTOKEN=csrf).status_code == 200
