"""OpenID Connect sign-in end to end against a real provider (django-oauth-toolkit in its own process)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.shortcuts import resolve_url

from accounts.models import User
from federation.models import LinkedIdentity

pytestmark = pytest.mark.django_db


def home() -> str:
    """Where a sign-in lands without a ``next``: the person's start page (LOGIN_REDIRECT_URL)."""
    return resolve_url(django_settings.LOGIN_REDIRECT_URL)


GRACE = "grace.hopper@leuvenheim.example"


def start(client) -> str:
    response = client.get("/federation/oidc/leuvenheim/login/")
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, oidc, *, username: str = "grace"):
    location = start(client)
    back = oidc.authorize(location, username=username)
    parts = urlsplit(back)
    return client.get(parts.path, parse_qs(parts.query))


def assert_refused(response, caplog, text: str, reason: str) -> None:
    assert response.status_code == 403
    body = response.content.decode()
    assert "Sign-in refused" in body and text in body
    assert not User.objects.filter(email=GRACE).exists()
    assert "_auth_user_id" not in client_session(response)
    assert any(reason in r.getMessage() for r in caplog.records if r.name == "federation"), [
        r.getMessage() for r in caplog.records
    ]


def client_session(response):
    return response.wsgi_request.session


def test_the_authorisation_request_carries_state_nonce_and_a_pkce_challenge(client, oidc):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["state"] and query["nonce"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["redirect_uri"] == ["http://testserver/federation/oidc/callback/"]


def test_first_sign_in_creates_the_account_and_links_the_sub_per_issuer(client, oidc):
    response = sign_in(client, oidc)
    assert response.status_code == 302 and response["Location"] == home()
    user = User.objects.get(email=GRACE)
    assert (user.first_name, user.last_name) == ("Grace", "Hopper")
    link = LinkedIdentity.objects.get(user=user)
    assert (link.protocol, link.issuer) == ("oidc", oidc.issuer)
    assert client.get("/courses/").status_code == 200


def test_an_unverified_email_creates_nothing(client, oidc, caplog):
    response = sign_in(client, oidc, username="unverified")
    assert response.status_code == 403
    assert "did not tell us your e-mail address" in response.content.decode()
    assert not User.objects.filter(email="mallory@leuvenheim.example").exists()


@pytest.mark.parametrize(
    ("mode", "text", "reason"),
    [
        ("signature", "not signed", "signature does not verify"),
        ("issuer", "meant for another service", "issuer is not"),
        ("audience", "meant for another service", "audience is not this client"),
        ("nonce", "already used", "nonce does not match"),
    ],
)
def test_a_bad_id_token_is_refused(client, oidc, caplog, mode, text, reason):
    oidc.control(mode=mode)
    assert_refused(sign_in(client, oidc), caplog, text, reason)


def test_a_replayed_callback_is_refused(client, oidc, caplog):
    location = start(client)
    back = urlsplit(oidc.authorize(location))
    assert client.get(back.path, parse_qs(back.query)).status_code == 302
    client.logout()
    User.objects.all().delete()
    assert_refused(client.get(back.path, parse_qs(back.query)), caplog, "already used", "unknown or already used state")


def test_an_unknown_provider_is_a_clear_404(client, oidc):
    response = client.get("/federation/oidc/nowhere/login/")
    assert response.status_code == 404
    assert "not one this service knows" in response.content.decode()
