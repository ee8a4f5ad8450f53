"""Errors as JSON: the services' ValidationError as field errors, refusals with the page's reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Map what the services and teams.permissions raise to DRF's answers, keeping their messages.

    A service's ``ValidationError({"hours": "..."})`` becomes ``400 {"hours": ["..."]}``; one without a field
    goes under ``non_field_errors``. A refusal keeps its reason ("Only the task's assignees ...").
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(detail=str(exc.args[0]))
    return drf_exception_handler(exc, context)
