"""Evaluation: the lead institution's continuous evaluation procedure, course editions, and each
institution's evaluation data per edition, reviewed by a QA officer (chapter 000: the lead university is
responsible for internal quality assurance, each partner provides the data it needs)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course, Institution

SATISFACTION_MIN, SATISFACTION_MAX = 1, 5
LEARNERS_MAX = 100_000


class EvaluationProcedure(TimeStampedModel):
    class Frequency(models.TextChoices):
        EVERY_EDITION = "every_edition", "After every edition"
        YEARLY = "yearly", "Once a year"
        EVERY_TWO_YEARS = "every_two_years", "Every two years"

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="evaluation_procedure")
    instruments = models.TextField(
        max_length=4000, help_text="Surveys, focus groups, learning analytics, external review…"
    )
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.EVERY_EDITION)
    responsibilities = models.TextField(max_length=4000, help_text="Who collects, analyses and acts on what.")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self) -> str:
        return f"Evaluation procedure of {self.course}"


class Edition(TimeStampedModel):
    """One run of the course."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="editions")
    name = models.CharField(max_length=100, help_text="e.g. “Spring 2025”.")
    starts_on = models.DateField()
    ends_on = models.DateField()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="edition_unique_name"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="edition_end_after_start"),
        ]
        indexes = [models.Index(fields=["ends_on"], name="edition_ends_on")]

    def __str__(self) -> str:
        return self.name


class EvaluationReport(TimeStampedModel):
    """One institution's evaluation data for one edition."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        ACCEPTED = "accepted", "Accepted"

    # Evaluation data is never deleted with its edition (quality.services.edition_delete refuses; PROTECT here).
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="reports")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="evaluation_reports")
    enrolled = models.PositiveIntegerField("learners enrolled", validators=[MaxValueValidator(LEARNERS_MAX)])
    completed = models.PositiveIntegerField("learners who completed", validators=[MaxValueValidator(LEARNERS_MAX)])
    passed = models.PositiveIntegerField("learners who passed", validators=[MaxValueValidator(LEARNERS_MAX)])
    mean_satisfaction = models.DecimalField(
        "mean satisfaction (1–5)",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(SATISFACTION_MIN), MaxValueValidator(SATISFACTION_MAX)],
    )
    dropout_reasons = models.TextField("drop-out reasons", max_length=3000, blank=True)
    remarks = models.TextField(max_length=3000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    review_comment = models.TextField("changes requested", max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField("reply to the review", max_length=2000, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["edition__starts_on", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "institution"], name="report_one_per_institution"),
            models.CheckConstraint(
                condition=Q(passed__lte=F("completed"), completed__lte=F("enrolled")), name="report_counts_order"
            ),
            models.CheckConstraint(
                condition=Q(mean_satisfaction__isnull=True)
                | Q(mean_satisfaction__gte=SATISFACTION_MIN, mean_satisfaction__lte=SATISFACTION_MAX),
                name="report_satisfaction_range",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="report_waiting", condition=Q(status="submitted"))]

    def __str__(self) -> str:
        return f"{self.institution} – {self.edition}"

    def get_absolute_url(self) -> str:
        return reverse("quality:report_detail", kwargs={"slug": self.edition.course.slug, "pk": self.pk})

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.enrolled if self.enrolled else None

    @property
    def pass_rate(self) -> float | None:
        """Passed among those who completed, i.e. among those who sat the assessments."""
        return self.passed / self.completed if self.completed else None
