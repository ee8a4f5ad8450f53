"""Downloads of the micro-credential: ELM JSON-LD, the Open Badges 3.0 achievement, the dossier PDF.

Each has a stable address under the course, is read by anyone who may see the course, and is refused with the
list of missing elements (409) while the profile is incomplete: never a half-filled file.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from credentials.exports import badges, dossier, elm
from credentials.exports.common import ProfileIncomplete
from teams.permissions import CoursePermissionMixin


class ExportView(CoursePermissionMixin, View):
    filename = ""
    content_type = ""

    def make(self) -> bytes:
        raise NotImplementedError

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            content = self.make()
        except ProfileIncomplete as incomplete:
            context = {"course": self.course, "course_perms": self.course_perms, "missing": incomplete.missing}
            return render(request, "credentials/incomplete.html", context, status=409)
        response = HttpResponse(content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.course.slug}-{self.filename}"'
        return response


def _json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


class ElmExportView(ExportView):
    filename = "elm.jsonld"
    content_type = "application/ld+json; charset=utf-8"

    def make(self) -> bytes:
        return _json(elm.build(self.course))


class BadgeExportView(ExportView):
    filename = "achievement.json"
    content_type = "application/ld+json; charset=utf-8"

    def make(self) -> bytes:
        return _json(badges.build(self.course))


class DossierExportView(ExportView):
    filename = "dossier.pdf"
    content_type = "application/pdf"

    def make(self) -> bytes:
        return dossier.render(self.course)
