"""API permissions: a token's scope, and the course's role table (teams.permissions) for every endpoint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import Token

if TYPE_CHECKING:  # not at run time: DRF's settings import this module while rest_framework.views loads
    from rest_framework.request import Request
    from rest_framework.views import APIView

READ_ONLY_TOKEN = _("This token is read-only; create a read-and-write token to change anything.")


class TokenScope(BasePermission):  # type: ignore[misc]  # rest_framework ships no types: its classes are Any
    """A read-only token may only read; sessions and read-write tokens go on to the course's role table."""

    message = READ_ONLY_TOKEN

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return not (isinstance(request.auth, Token) and not request.auth.write_enabled)
