"""Examination rules set by the course team: grading system, assessment methods and award conditions.

Rules are versioned per course. A version is a draft until it is put forward for adoption, which opens a
decision; when that decision is agreed the version becomes binding (and the previous binding one
superseded). Binding and superseded versions are frozen: a change starts a new version and a new decision.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from quality.models.decisions import Decision
from teams.models import Course

# The ECTS grades: A-E pass, FX and F fail (ECTS Users' Guide 2015).
ECTS_PASSING_GRADES = ["A", "B", "C", "D", "E"]


class ExaminationRules(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed for adoption")
        BINDING = "binding", _("Binding")
        SUPERSEDED = "superseded", _("Superseded")

    class GradingSystem(models.TextChoices):
        PASS_FAIL = "pass_fail", _("Pass / fail")
        NUMERIC = "numeric", _("Numeric scale with a pass mark")
        LETTER = "letter", _("Letter grades")
        ECTS = "ects", _("ECTS grading table (A–E pass, FX/F fail)")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="examination_rules", verbose_name=_("course")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    grading_system = models.CharField(
        _("grading system"), max_length=12, choices=GradingSystem.choices, default=GradingSystem.PASS_FAIL
    )
    scale_min = models.DecimalField(_("lowest mark"), max_digits=6, decimal_places=2, null=True, blank=True)
    scale_max = models.DecimalField(_("highest mark"), max_digits=6, decimal_places=2, null=True, blank=True)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=6, decimal_places=2, null=True, blank=True)
    letter_grades = models.CharField(
        _("letter grades"),
        max_length=100,
        blank=True,
        help_text=_("Best first, separated by commas, e.g. “A, B, C, D, F”."),
    )
    lowest_pass_letter = models.CharField(_("lowest passing letter"), max_length=4, blank=True)
    notes = models.TextField(
        _("notes"), max_length=3000, blank=True, help_text=_("Resits, grade conversion, anything else.")
    )
    adoption_decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="examination_rules",
        verbose_name=_("adoption decision"),
    )
    binding_since = models.DateTimeField(_("binding since"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "-version"]
        verbose_name = _("examination rules")
        verbose_name_plural = _("examination rules")
        constraints = [
            models.UniqueConstraint(fields=["course", "version"], name="rules_unique_version"),
            models.UniqueConstraint(fields=["course"], condition=Q(status="binding"), name="rules_one_binding"),
            # One version in the making at a time, so the team never argues over two drafts.
            models.UniqueConstraint(
                fields=["course"], condition=Q(status__in=["draft", "proposed"]), name="rules_one_in_making"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=True)
                | Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_min__lt=F("scale_max"), pass_mark__gte=F("scale_min"), pass_mark__lte=F("scale_max")),
                name="rules_pass_mark_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Examination rules v%(version)s of %(course)s") % {
            "version": self.version,
            "course": self.course,
        }

    def get_absolute_url(self) -> str:
        return reverse("quality:rules_detail", kwargs={"slug": self.course.slug, "version": self.version})

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.BINDING, self.Status.SUPERSEDED)

    @property
    def letters(self) -> list[str]:
        return [g.strip().upper() for g in self.letter_grades.split(",") if g.strip()]

    def passing_grades(self) -> list[str] | None:
        """The grades that pass, best first, for letter systems; None for numeric and pass/fail."""
        if self.grading_system == self.GradingSystem.ECTS:
            return list(ECTS_PASSING_GRADES)
        if self.grading_system == self.GradingSystem.LETTER:
            letters = self.letters
            if self.lowest_pass_letter.upper() in letters:
                return letters[: letters.index(self.lowest_pass_letter.upper()) + 1]
            return letters
        return None


class AssessmentMethod(TimeStampedModel):
    rules = models.ForeignKey(
        ExaminationRules,
        on_delete=models.CASCADE,
        related_name="assessment_methods",
        verbose_name=_("examination rules"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=500, blank=True)
    weight_percent = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["rules", "-weight_percent", "name"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [
            models.UniqueConstraint(fields=["rules", "name"], name="assessment_unique_name"),
            models.CheckConstraint(
                condition=Q(weight_percent__gte=1, weight_percent__lte=100), name="assessment_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight_percent}%)"


class Award(TimeStampedModel):
    """A credential the course awards, and the conditions a learner must meet for it."""

    class Kind(models.TextChoices):
        BADGE = "badge", _("Digital badge")
        ECTS = "ects", _("ECTS credits")
        CERTIFICATE = "certificate", _("Certificate")

    rules = models.ForeignKey(
        ExaminationRules, on_delete=models.CASCADE, related_name="awards", verbose_name=_("examination rules")
    )
    # Translators: the kind of credential awarded (digital badge, ECTS credits, certificate).
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    ects_credits = models.DecimalField(_("ECTS credits awarded"), max_digits=4, decimal_places=1, null=True, blank=True)
    minimum_grade = models.CharField(
        _("minimum grade"), max_length=10, blank=True, help_text=_("Leave empty to require a pass.")
    )
    required_assessments = models.ManyToManyField(
        AssessmentMethod, blank=True, related_name="awards", verbose_name=_("required assessments")
    )
    minimum_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[required_assessments])

    class Meta:
        ordering = ["rules", "kind"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(fields=["rules", "kind"], name="award_one_per_kind"),
            models.CheckConstraint(
                condition=Q(kind="ects", ects_credits__gt=0) | (~Q(kind="ects") & Q(ects_credits__isnull=True)),
                name="award_ects_only_for_ects",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
