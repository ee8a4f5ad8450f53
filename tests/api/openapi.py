"""The OpenAPI document as the app serves it, and a check that a response matches it.

Every response the API tests receive goes through ``validate_response`` (see ``CheckedClient``): a documented
status must have the documented body; an error must at least be a JSON object.
"""

from __future__ import annotations

import functools
import json
import re

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_schema_validator import OAS31Validator
from rest_framework.test import APIClient


@functools.cache
def spec() -> dict:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


@functools.cache
def _templates() -> list[tuple[re.Pattern, str]]:
    return [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path) for path in spec()["paths"]]


def operation_for(method: str, path: str) -> dict:
    for pattern, template in _templates():
        if pattern.match(path):
            operation = spec()["paths"][template].get(method.lower())
            assert operation is not None, f"{method} {template} is not in the OpenAPI document"
            return operation
    raise AssertionError(f"{path} is not in the OpenAPI document")


def validate_response(response) -> None:
    request = response.wsgi_request
    if not request.path.startswith("/api/v1/") or request.path.startswith(("/api/v1/schema", "/api/v1/docs")):
        return
    operation = operation_for(request.method, request.path)
    documented = operation["responses"].get(str(response.status_code))
    if documented is None:
        assert response.status_code >= 400, f"{request.method} {request.path}: undocumented {response.status_code}"
        assert isinstance(response.json(), dict)
        return
    content = documented.get("content")
    if not content:
        assert not response.content, f"{request.method} {request.path}: body where none is documented"
        return
    schema = content["application/json"]["schema"]
    OAS31Validator({**schema, "components": spec()["components"]}).validate(response.json())


class CheckedClient(APIClient):
    """An API test client that validates every response against the OpenAPI document."""

    def request(self, **kwargs):
        response = super().request(**kwargs)
        validate_response(response)
        return response
