"""Evaluation: the lead institution's continuous evaluation procedure, course editions, and each
institution's evaluation data per edition, reviewed by a QA officer (chapter 000: the lead university is
responsible for internal quality assurance, each partner provides the data it needs)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course, Institution

SATISFACTION_MIN, SATISFACTION_MAX = 1, 5
LEARNERS_MAX = 100_000


class EvaluationProcedure(TimeStampedModel):
    class Frequency(models.TextChoices):
        EVERY_EDITION = "every_edition", _("After every edition")
        YEARLY = "yearly", _("Once a year")
        EVERY_TWO_YEARS = "every_two_years", _("Every two years")

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, related_name="evaluation_procedure", verbose_name=_("course")
    )
    instruments = models.TextField(
        _("instruments"),
        max_length=4000,
        help_text=_("Surveys, focus groups, learning analytics, external review…"),
    )
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.EVERY_EDITION
    )
    responsibilities = models.TextField(
        _("responsibilities"), max_length=4000, help_text=_("Who collects, analyses and acts on what.")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("evaluation procedure")
        verbose_name_plural = _("evaluation procedures")

    def __str__(self) -> str:
        return gettext("Evaluation procedure of %(course)s") % {"course": self.course}


class Edition(TimeStampedModel):
    """One run of the course."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="editions", verbose_name=_("course"))
    # Translators: the name of one run (edition) of a course.
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “Spring 2025”."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "starts_on"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
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
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")

    # Evaluation data is never deleted with its edition (quality.services.edition_delete refuses; PROTECT here).
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="reports", verbose_name=_("edition"))
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="evaluation_reports", verbose_name=_("institution")
    )
    enrolled = models.PositiveIntegerField(_("learners enrolled"), validators=[MaxValueValidator(LEARNERS_MAX)])
    completed = models.PositiveIntegerField(_("learners who completed"), validators=[MaxValueValidator(LEARNERS_MAX)])
    passed = models.PositiveIntegerField(_("learners who passed"), validators=[MaxValueValidator(LEARNERS_MAX)])
    mean_satisfaction = models.DecimalField(
        _("mean satisfaction (1–5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(SATISFACTION_MIN), MaxValueValidator(SATISFACTION_MAX)],
    )
    dropout_reasons = models.TextField(_("drop-out reasons"), max_length=3000, blank=True)
    remarks = models.TextField(_("remarks"), max_length=3000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    review_comment = models.TextField(_("changes requested"), max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reply = models.TextField(_("reply to the review"), max_length=2000, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["edition__starts_on", "institution__name"]
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
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
