"""An institution's part in a course: lead or partner, the faculty that helps deliver it, and the support its
university has confirmed. Imported into ``teams.models``; use that module's names.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel


class Partnership(TimeStampedModel):
    """An institution's part in a course, with its university's confirmed support."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead institution")
        PARTNER = "partner", _("Partner institution")

    course = models.ForeignKey(
        "teams.Course", on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("course")
    )
    institution = models.ForeignKey(
        "teams.Institution", on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("institution")
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.PARTNER, verbose_name=_("role"))
    faculty = models.ForeignKey(
        "teams.Faculty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        help_text=_("The faculty that helps deliver the course."),
        verbose_name=_("faculty"),
    )
    educational_support = models.BooleanField(_("educational support confirmed"), default=False)
    technological_support = models.BooleanField(_("technological support confirmed"), default=False)
    organisational_support = models.BooleanField(_("organisational support confirmed"), default=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["role", "institution__name"]  # "lead" sorts before "partner"
        constraints = [
            models.UniqueConstraint(fields=["course", "institution"], name="partnership_unique_institution"),
            models.UniqueConstraint(fields=["course"], condition=Q(role="lead"), name="partnership_one_lead"),
        ]

    def __str__(self) -> str:
        # Translators: a partnership, e.g. "University of Turku in Data Literacy (Partner)".
        return gettext("%(institution)s in %(course)s (%(role)s)") % {
            "institution": self.institution,
            "course": self.course,
            "role": self.get_role_display(),
        }

    @property
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD

    @property
    def support_confirmed(self) -> bool:
        return self.educational_support and self.technological_support and self.organisational_support
