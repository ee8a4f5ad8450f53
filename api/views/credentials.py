"""The course's micro-credential profile and its exports (ELM, Open Badges 3.0); the caller's "what needs me"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.credentials import MissingSerializer, NeedSerializer, ProfileSerializer
from api.views.base import CourseAPIView
from attention.selectors import needs_for_person
from credentials.exports import badges, elm
from credentials.exports.common import ProfileIncomplete
from credentials.selectors import profile_state

if TYPE_CHECKING:
    from teams.models import Course

INCOMPLETE = _("The micro-credential profile is not complete: no export is made from half-filled records.")


class ProfileView(CourseAPIView):
    """Each mandatory element of the micro-credential (Annex I) and whether the course's records give it."""

    serializer_class = ProfileSerializer

    def get(self, request, *args, **kwargs):
        state = profile_state(course=self.course)
        base = f"/api/v1/courses/{self.course.slug}/exports/"
        state.exports = {
            "elm": request.build_absolute_uri(base + "elm/"),
            "open_badges": request.build_absolute_uri(base + "open-badges/"),
        }
        return Response(ProfileSerializer(state).data)


class ExportView(CourseAPIView):
    builder: Callable[[Course], dict[str, Any]] | None = None

    @extend_schema(responses={200: OpenApiTypes.OBJECT, 409: MissingSerializer})
    def get(self, request, *args, **kwargs):
        try:
            document = type(self).builder(self.course)
        except ProfileIncomplete as incomplete:
            missing = [
                {"key": e.key, "label": str(e.label), "complete": e.complete, "value": e.value,
                 "missing": str(e.missing), "per_learner": e.per_learner}
                for e in incomplete.missing
            ]  # fmt: skip
            return Response({"detail": INCOMPLETE, "missing": missing}, status=status.HTTP_409_CONFLICT)
        return Response(document)


class ElmExport(ExportView):
    """The course as an ELM v3 learning achievement specification (JSON-LD for Europass)."""

    builder = staticmethod(elm.build)


class OpenBadgesExport(ExportView):
    """The course as an Open Badges 3.0 achievement."""

    builder = staticmethod(badges.build)


class NeedList(APIView):
    """What needs the caller: late first, then due soon, then waiting; each with its course and where to act."""

    @extend_schema(responses=NeedSerializer(many=True))
    def get(self, request, *args, **kwargs):
        items = needs_for_person(user=request.user, today=timezone.localdate())
        return Response(NeedSerializer(items, many=True, context={"request": request}).data)
