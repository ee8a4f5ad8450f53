"""The OpenAPI document: valid (openapi-spec-validator), the same as the copy in the repository, and its
reference page served from our own static files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

CHECKED_IN = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def test_the_served_schema_is_a_valid_openapi_document(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert "personalToken" in document["components"]["securitySchemes"]


def test_the_schema_in_the_repository_is_up_to_date():
    generated = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
        env={"DJANGO_SETTINGS_MODULE": "microcred.settings.test", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert generated.stdout == CHECKED_IN.read_text(), (
        "The API changed: run `manage.py spectacular --file docs/api/openapi.yaml` and review the difference."
    )


def test_the_reference_page_uses_our_static_files_only(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js">' in html
    assert "https://" not in html and "http://" not in html
