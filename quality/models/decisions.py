"""Decisions by consent: the team's management is collegial and consensual (chapter 000).

A decision is agreed only when every institution of the course (the lead and each partner) has consented to
its current version. Abstention is recorded but is not consent: a decision with an abstaining institution
stays open, because the guideline asks for every partner's consent. An objection keeps the decision open
until the institution changes its position or the proposal is revised; a revision is a new version and
every position recorded on an earlier version stops counting (the rows stay, for the record).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course, Institution

TITLE_MAX = 200
TEXT_MAX = 5000
REASON_MAX = 2000


class Decision(TimeStampedModel):
    class Status(models.TextChoices):
        # Translators: a decision still waiting for every institution's consent.
        OPEN = "open", pgettext_lazy("decision status", "Open")
        AGREED = "agreed", _("Agreed")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("course"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("proposal"), max_length=TEXT_MAX)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposer")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    version_proposed_at = models.DateTimeField(
        _("version proposed at"), help_text=_("When the current version was put forward.")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["status"], name="decision_open", condition=models.Q(status="open"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quality:decision_detail", kwargs={"slug": self.course.slug, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Consent(TimeStampedModel):
    """One institution's position on one version of a decision, recorded by one of its representatives."""

    class Position(models.TextChoices):
        CONSENT = "consent", _("Consent")
        OBJECTION = "objection", _("Objection")
        ABSTENTION = "abstention", _("Abstention")

    # An institution's recorded position outlives nothing it belongs to: a decision with positions is not deleted.
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="consents", verbose_name=_("decision")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    position = models.CharField(
        # Translators: an institution's position on a decision: consent, objection or abstention.
        pgettext_lazy("an institution's stance on a decision", "position"),
        max_length=12,
        choices=Position.choices,
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["decision", "-version", "institution__name"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["decision", "version", "institution"], name="consent_one_per_version"),
            models.CheckConstraint(
                condition=~models.Q(position="objection") | ~models.Q(reason=""), name="consent_objection_reason"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(institution)s: %(position)s (v%(version)s)") % {
            "institution": self.institution,
            "position": self.get_position_display(),
            "version": self.version,
        }
