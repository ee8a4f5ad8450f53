"""One-off permissions an admin gives a person on a course, kept as records of their own (e.g. an auditor).

The permission rows guardian reads (CourseUserObjectPermission) are derived from these and from memberships and
task-force seats (teams.derivation); they are never edited by hand. Imported into ``teams.models``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel


class CourseGrant(TimeStampedModel):
    course = models.ForeignKey(
        "teams.Course", on_delete=models.CASCADE, related_name="grants", verbose_name=_("course")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_grants", verbose_name=_("user")
    )
    permission = models.CharField(
        max_length=32, help_text=_("One of the course permissions, e.g. “view_course”."), verbose_name=_("permission")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("Why, e.g. “external auditor until June”."), verbose_name=_("note")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "user"]
        constraints = [models.UniqueConstraint(fields=["course", "user", "permission"], name="course_grant_unique")]

    def __str__(self) -> str:
        return gettext("%(person)s: %(permission)s on %(course)s") % {
            "person": self.user,
            "permission": self.permission,
            "course": self.course,
        }
