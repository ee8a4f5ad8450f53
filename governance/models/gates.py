"""Phase gates: the guideline's conditions before a course moves into development and into implementation.

A passage records that the course went through a gate: when, by whom, which conditions were unmet then, and
the reason the leader gave to go on anyway (required when any was unmet). It is kept in the history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course

REASON_MAX = 2_000


class Gate(models.TextChoices):
    """Named after the phase the course moves into."""

    DEVELOPMENT = "development", _("Into development")
    IMPLEMENTATION = "implementation", _("Into implementation")


class GatePassage(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="gate_passages", verbose_name=_("course"))
    # Translators: a phase gate, the team's joint decision before the course moves into the next phase.
    gate = models.CharField(_("gate"), max_length=16, choices=Gate.choices)
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("passed by")
    )
    passed_on = models.DateField(_("phase starts on"))
    unmet = models.JSONField(
        _("unmet conditions"),
        default=list,
        blank=True,
        help_text=_("Labels of the conditions unmet at the passage."),
    )
    reason = models.TextField(_("reason to go on"), max_length=REASON_MAX, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "passed_on"]
        verbose_name = _("gate passage")
        verbose_name_plural = _("gate passages")
        constraints = [
            models.UniqueConstraint(fields=["course", "gate"], name="gate_passed_once"),
            # Going on with unmet conditions needs a recorded reason.
            models.CheckConstraint(condition=Q(unmet=[]) | ~Q(reason=""), name="gate_unmet_needs_reason"),
        ]

    def __str__(self) -> str:
        return gettext("%(gate)s: %(course)s") % {"gate": self.get_gate_display(), "course": self.course}
