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
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course, Institution

TITLE_MAX = 200
TEXT_MAX = 5000
REASON_MAX = 2000


class Decision(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        AGREED = "agreed", "Agreed"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(max_length=TITLE_MAX)
    text = models.TextField("proposal", max_length=TEXT_MAX)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    version_proposed_at = models.DateTimeField(help_text="When the current version was put forward.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    agreed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
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
        CONSENT = "consent", "Consent"
        OBJECTION = "objection", "Objection"
        ABSTENTION = "abstention", "Abstention"

    # An institution's recorded position outlives nothing it belongs to: a decision with positions is not deleted.
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="consents")
    version = models.PositiveSmallIntegerField()
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=12, choices=Position.choices)
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["decision", "-version", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "version", "institution"], name="consent_one_per_version"),
            models.CheckConstraint(
                condition=~models.Q(position="objection") | ~models.Q(reason=""), name="consent_objection_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution}: {self.get_position_display()} (v{self.version})"
