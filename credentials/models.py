"""The course as a micro-credential: the elements of Annex I of the Council Recommendation of 16 June 2022 on a
European approach to micro-credentials (2022/C 243/02) that the team records here.

Several elements are not stored but derived from what the team records elsewhere (countries from the awarding
institutions, type of assessment and grading from the binding examination rules, the form of participation from
the delivery platform, the quality assurance from the evaluation procedure): ``credentials.selectors`` reads them.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import COURSE_LANGUAGES, Course

HOURS_MAX = 3000
TEXT_MAX = 2000
OUTCOME_MAX = 500
TITLE_MAX = 200
SUMMARY_MAX = 4000

# ISCED-F 2013 narrow fields of education and training (UNESCO Institute for Statistics).
ISCED_F_FIELDS = [
    ("011", _("Education")), ("021", _("Arts")), ("022", _("Humanities (except languages)")),
    ("023", _("Languages")), ("031", _("Social and behavioural sciences")), ("032", _("Journalism and information")),
    ("041", _("Business and administration")), ("042", _("Law")), ("051", _("Biological and related sciences")),
    ("052", _("Environment")), ("053", _("Physical sciences")), ("054", _("Mathematics and statistics")),
    ("061", _("Information and Communication Technologies")), ("071", _("Engineering and engineering trades")),
    ("072", _("Manufacturing and processing")), ("073", _("Architecture and construction")),
    ("081", _("Agriculture")), ("082", _("Forestry")), ("083", _("Fisheries")), ("084", _("Veterinary")),
    ("091", _("Health")), ("092", _("Welfare")), ("101", _("Personal services")),
    ("102", _("Hygiene and occupational health services")), ("103", _("Security services")),
    ("104", _("Transport services")),
]  # fmt: skip


class AwardingMode(models.TextChoices):
    LEAD = "lead", _("The lead institution alone")
    JOINT = "joint", _("All partner institutions jointly (joint award)")


class QfEheaCycle(models.TextChoices):
    """The cycles of the Framework for Qualifications of the European Higher Education Area, with the EQF level
    each corresponds to."""

    NOT_APPLICABLE = "none", _("Not applicable")
    SHORT = "short", _("Short cycle (EQF 5)")
    FIRST = "first", _("First cycle (EQF 6)")
    SECOND = "second", _("Second cycle (EQF 7)")
    THIRD = "third", _("Third cycle (EQF 8)")


CYCLE_EQF_LEVEL: dict[str, int] = {
    QfEheaCycle.SHORT: 5,
    QfEheaCycle.FIRST: 6,
    QfEheaCycle.SECOND: 7,
    QfEheaCycle.THIRD: 8,
}


class Timing(models.TextChoices):
    SYNCHRONOUS = "synchronous", _("Synchronous")
    ASYNCHRONOUS = "asynchronous", _("Asynchronous")
    BOTH = "both", _("Synchronous and asynchronous")


class Supervision(models.TextChoices):
    UNSUPERVISED = "unsupervised", _("Unsupervised, with no identity verification")
    SUPERVISED = "supervised", _("Supervised, with no identity verification")
    SUPERVISED_ONLINE = "supervised_online", _("Supervised online, with identity verification")
    SUPERVISED_ON_SITE = "supervised_on_site", _("Supervised on site, with identity verification")


class Integration(models.TextChoices):
    STAND_ALONE = "stand_alone", _("Stand-alone micro-credential")
    STACKABLE = "stackable", _("Stackable towards a larger credential")


class CredentialProfile(TimeStampedModel):
    """What the team records of the micro-credential, beside what the course already holds (title, summary, ECTS
    credits, EQF level, languages, delivery mode)."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, related_name="credential_profile", verbose_name=_("course")
    )
    primary_language = models.CharField(
        _("language of the course's title and summary"),
        max_length=2,
        choices=COURSE_LANGUAGES,
        default="en",
        help_text=_("The language the course title and summary are written in; give the others below."),
    )
    title_translations = models.JSONField(_("title in other languages"), default=dict, blank=True)
    summary_translations = models.JSONField(_("summary in other languages"), default=dict, blank=True)
    notional_hours = models.PositiveSmallIntegerField(
        _("notional workload (hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(HOURS_MAX)],
        help_text=_(
            "The hours a typical learner needs to achieve the learning outcomes, all activities included: "
            "25 to 30 hours for each ECTS credit."
        ),
    )
    qf_ehea_cycle = models.CharField(
        _("QF-EHEA cycle"),
        max_length=8,
        choices=QfEheaCycle.choices,
        blank=True,
        help_text=_(
            "Where applicable, the cycle of the Qualifications Framework of the European Higher Education Area; "
            "it must match the EQF level."
        ),
    )
    awarding_mode = models.CharField(
        _("awarding bodies"),
        max_length=8,
        choices=AwardingMode.choices,
        blank=True,
        help_text=_("Who awards the micro-credential: the team decides it by the consent of every institution."),
    )
    awarding_decision = models.ForeignKey(
        "quality.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision on the awarding bodies"),
    )
    participation_timing = models.CharField(
        _("synchronous or asynchronous"),
        max_length=16,
        choices=Timing.choices,
        blank=True,
        help_text=_("Used when the delivery platform records no synchronous or asynchronous format."),
    )
    external_accreditation = models.TextField(
        _("external quality assurance or accreditation"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Any accreditation or external review of the course, beside the lead university's internal QA."),
    )
    prerequisites = models.TextField(_("prerequisites needed to enrol"), max_length=TEXT_MAX, blank=True)
    supervision = models.CharField(
        _("supervision and identity verification during assessment"),
        max_length=24,
        choices=Supervision.choices,
        blank=True,
    )
    integration = models.CharField(
        _("integration and stackability"), max_length=16, choices=Integration.choices, blank=True
    )
    stackable_towards = models.CharField(
        _("stackable towards"),
        max_length=TITLE_MAX,
        blank=True,
        help_text=_("The credential it counts towards, e.g. a named master's programme."),
    )
    further_information = models.TextField(_("further information"), max_length=TEXT_MAX, blank=True)
    isced_f_field = models.CharField(
        _("field of education (ISCED-F 2013)"), max_length=3, choices=ISCED_F_FIELDS, blank=True
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("micro-credential profile")
        verbose_name_plural = _("micro-credential profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(notional_hours__isnull=True) | Q(notional_hours__gte=1, notional_hours__lte=HOURS_MAX),
                name="credential_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(integration="stackable") | Q(stackable_towards=""), name="credential_stackable_target"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Micro-credential profile of %(course)s") % {"course": self.course})


class LearningOutcome(TimeStampedModel):
    """One learning outcome, in the order the team lists them, optionally aligned to an ESCO skill or competence."""

    profile = models.ForeignKey(
        CredentialProfile, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("micro-credential profile")
    )
    # Translators: the place of a learning outcome in the team's list (1st, 2nd…).
    position = models.PositiveSmallIntegerField(pgettext_lazy("place of a learning outcome in the list", "position"))
    text = models.CharField(_("learning outcome"), max_length=OUTCOME_MAX)
    translations = models.JSONField(_("in other languages"), default=dict, blank=True)
    esco_uri = models.URLField(
        _("ESCO skill or competence"),
        max_length=200,
        blank=True,
        help_text=_("Its address in ESCO, e.g. http://data.europa.eu/esco/skill/…"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["profile", "position"]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        constraints = [models.UniqueConstraint(fields=["profile", "position"], name="outcome_unique_position")]

    def __str__(self) -> str:
        return self.text
