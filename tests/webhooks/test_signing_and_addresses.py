"""Signatures that the published Standard Webhooks library verifies; URLs that cannot reach the internal network."""

from __future__ import annotations

import json
import socket

import pytest
from django.core.exceptions import ValidationError
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from webhooks import signing
from webhooks.addresses import DOES_NOT_RESOLVE, ONLY_HTTP, check_url


def test_the_standard_webhooks_library_verifies_our_signature():
    secret = signing.new_secret()
    body = json.dumps({"type": "decision.agreed", "data": {"id": 1}}).encode()
    import time

    headers = signing.headers(secret=secret, message_id="msg_1", timestamp=int(time.time()), body=body)
    assert Webhook(secret).verify(body, headers) == {"type": "decision.agreed", "data": {"id": 1}}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body + b" ", headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify(body, headers)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hooks",
        "http://localhost:8000/hooks",
        "http://10.1.2.3/hooks",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hooks",
        "http://[::ffff:127.0.0.1]/hooks",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://[fe80::1]/",
    ],
)
def test_loopback_link_local_and_private_addresses_are_refused(url):
    with pytest.raises(ValidationError) as refused:
        check_url(url, allow_private=False)
    assert "only an administrator can allow that" in refused.value.message_dict["url"][0]


@pytest.mark.parametrize(
    "url", ["ftp://93.184.215.14/", "file:///etc/passwd", "gopher://93.184.215.14/", "javascript:alert(1)"]
)
def test_only_http_and_https_are_accepted(url):
    with pytest.raises(ValidationError) as refused:
        check_url(url, allow_private=False)
    assert refused.value.message_dict["url"] == [str(ONLY_HTTP)]


def test_a_public_address_is_accepted_and_an_admin_may_allow_a_private_one():
    check_url("https://93.184.215.14/hooks", allow_private=False)
    check_url("http://127.0.0.1:9/hooks", allow_private=True)


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    def fake(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(ValidationError):
        check_url("https://hooks.example.org/in", allow_private=False)


def test_a_name_that_does_not_resolve_is_refused(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror("no such name")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(ValidationError) as refused:
        check_url("https://nowhere.invalid/", allow_private=False)
    assert refused.value.message_dict["url"] == [str(DOES_NOT_RESOLVE)]
