"""/healthz says the process answers; /readyz names what is down, within a short time, and only the database
makes the instance unready (pages work without the cache, and the outbox keeps work for the broker)."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ready(client):
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    return response, time.monotonic() - started


def test_liveness_answers_ok(client):
    assert client.get(reverse("healthz")).content == b"ok"


def test_ready_when_database_cache_and_broker_answer(client):
    response, _ = ready(client)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "broker": True,
    }


def test_cache_down_is_named_and_the_instance_stays_ready(client, cache_down):
    response, took = ready(client)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False and "Connection" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["ok"] is True and took < 3


def test_broker_down_is_named_quickly(client, broker_down):
    response, took = ready(client)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["broker"]["ok"] is False and took < 3


def test_database_down_makes_the_instance_unready(client):
    with mock.patch("core.health.check_database", side_effect=OperationalError("could not connect to server")):
        response, _ = ready(client)
    body = response.json()
    assert response.status_code == 503 and body["status"] == "unavailable"
    assert "could not connect" in body["checks"]["database"]["error"]


def test_readiness_is_never_cached(client):
    assert "no-cache" in ready(client)[0]["Cache-Control"]


def test_docker_compose_checks_readiness_and_the_worker():
    from django.conf import settings

    compose = (settings.BASE_DIR / "docker-compose.yml").read_text()
    assert "http://127.0.0.1:8000/readyz" in compose
    assert "inspect ping --destination worker@" in compose
    assert compose.count("healthcheck:") == 6  # web, worker, beat, db, redis, minio
