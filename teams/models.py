"""Institutions, courses and the people and partners in each course team (DOMAIN.md, chapter 000)."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams import identifiers
from teams.languages import COURSE_LANGUAGE_CODES, COURSE_LANGUAGES, LANGUAGE_NAMES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ECTS_MIN, ECTS_MAX = Decimal("0.5"), Decimal("60")
EQF_MIN, EQF_MAX = 1, 8
HORIZON_MIN, HORIZON_MAX = 1, 10


class Network(TimeStampedModel):
    class Kind(models.TextChoices):
        EUI_ALLIANCE = "eui_alliance", _("European Universities alliance")
        RESEARCH_NETWORK = "research_network", _("Research network")
        OTHER = "other", _("Other network")

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.EUI_ALLIANCE, verbose_name=_("kind"))
    website = models.URLField(blank=True, verbose_name=_("website"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Institution(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    short_name = models.CharField(max_length=32, unique=True, verbose_name=_("short name"))
    country = CountryField(help_text=_("ISO 3166 country."))
    networks = models.ManyToManyField(Network, related_name="institutions", blank=True, verbose_name=_("networks"))
    # The identifiers European systems use (teams.identifiers); each unique when set.
    schac_home_organisation = identifiers.identifier_field(
        identifiers.DOMAIN,
        _("SCHAC home organisation"),
        _("The domain name institutional sign-in releases for this institution, e.g. “kuleuven.be”."),
    )
    erasmus_code = identifiers.identifier_field(
        identifiers.ERASMUS_CODE, _("Erasmus code"), _("As written, with its padding: “B  LEUVEN01”.")
    )
    pic = identifiers.identifier_field(
        identifiers.PIC, _("PIC"), _("Participant Identification Code (EU Funding & Tenders portal), nine digits.")
    )
    ror_id = identifiers.identifier_field(
        identifiers.ROR_ID, _("ROR id"), _("Research Organization Registry identifier, e.g. “05f950310”.")
    )

    history = HistoricalRecords(m2m_fields=[networks])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=[field], condition=~Q(**{field: ""}), name=f"institution_unique_{field}")
            for field in ("schac_home_organisation", "erasmus_code", "pic", "ror_id")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean_fields(self, exclude=None) -> None:
        """Normalise the identifiers (case, padding, a pasted ROR address) before they are validated."""
        self.schac_home_organisation = identifiers.normalise_domain(self.schac_home_organisation)
        self.erasmus_code = identifiers.normalise_erasmus_code(self.erasmus_code)
        self.pic = (self.pic or "").strip()
        self.ror_id = identifiers.normalise_ror_id(self.ror_id)
        super().clean_fields(exclude=exclude)


class Faculty(TimeStampedModel):
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="faculties", verbose_name=_("institution")
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["institution__name", "name"]
        verbose_name_plural = _("faculties")
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="faculty_unique_per_institution")]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution.short_name})"


class CoCreationAspect(models.TextChoices):
    """The aspects of course co-creation an associated stakeholder may be engaged for (chapter 000)."""

    NEEDS_ANALYSIS = "needs_analysis", _("Analysis of needs")
    COMPETENCES = "competences", _("Identification of competences")
    LEARNING_OUTCOMES = "learning_outcomes", _("Development of learning outcomes")
    MICRO_LEARNING_UNITS = "micro_learning_units", _("Co-development of micro-learning units")


class StakeholderOrganisation(TimeStampedModel):
    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional organisation")
        PUBLIC = "public", _("Public partner")
        PRIVATE = "private", _("Private partner")

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind"))
    country = CountryField(blank=True)
    website = models.URLField(blank=True, verbose_name=_("website"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Course(TimeStampedModel):
    class DeliveryMode(models.TextChoices):
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")
        ON_CAMPUS = "on_campus", _("On campus")

    title = models.CharField(max_length=200, verbose_name=_("title"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    lead_institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="led_courses", verbose_name=_("lead institution")
    )
    ects_credits = models.DecimalField(
        _("ECTS credits"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(ECTS_MIN), MaxValueValidator(ECTS_MAX)],
    )
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"), validators=[MinValueValidator(EQF_MIN), MaxValueValidator(EQF_MAX)]
    )
    languages = models.JSONField(
        default=list, help_text=_("ISO 639-1 codes of the teaching languages."), verbose_name=_("languages")
    )
    delivery_mode = models.CharField(
        max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.ONLINE, verbose_name=_("delivery mode")
    )
    implementation_horizon_years = models.PositiveSmallIntegerField(
        _("implementation horizon (years)"),
        default=3,
        validators=[MinValueValidator(HORIZON_MIN), MaxValueValidator(HORIZON_MAX)],
        help_text=_("How many years the team plans to run the course, to repay design and development."),
    )
    reminder_lead_days = models.PositiveSmallIntegerField(
        _("remind days ahead"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How many days before a deadline the team is reminded."),
    )
    institutions = models.ManyToManyField(
        Institution, through="Partnership", related_name="courses", verbose_name=_("institutions")
    )
    # Archived: readable by its members, closed to every change (teams.archive). Who archived it and when is also in
    # the course's history.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archived by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["title"]
        permissions = [
            ("manage_team", _("Compose the course team")),
            ("view_history", _("See the course history")),
            ("plan_phases", _("Plan phases, milestones and tasks")),
            ("log_work", _("Log work on own tasks")),
            ("view_all_tasks", _("See every task of the course")),
            ("view_effort", _("See effort per institution and phase")),
            ("manage_support", _("Engage support services")),
            ("propose_decision", _("Propose team decisions")),
            ("record_consent", _("Record an institution's position on decisions")),
            ("submit_evaluation", _("Submit evaluation data")),
            ("review_evaluation", _("Review evaluation data")),
            ("edit_profile", _("Edit the micro-credential profile")),
            ("lead_support", _("Engage every institution's support services")),
            ("keep_evaluation", _("Keep the evaluation procedure and editions")),
            ("moderate_decisions", _("Change or withdraw others' decisions")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ects_credits__gte=ECTS_MIN, ects_credits__lte=ECTS_MAX), name="course_ects_range"
            ),
            models.CheckConstraint(
                condition=Q(eqf_level__gte=EQF_MIN, eqf_level__lte=EQF_MAX), name="course_eqf_range"
            ),
            models.CheckConstraint(
                condition=Q(implementation_horizon_years__gte=HORIZON_MIN)
                & Q(implementation_horizon_years__lte=HORIZON_MAX),
                name="course_horizon_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:course_detail", kwargs={"slug": self.slug})

    @property
    def language_names(self) -> "list[StrOrPromise]":
        """The teaching languages' names in the reader's language (unknown codes as they are)."""
        return [LANGUAGE_NAMES.get(code, code) for code in self.languages]

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class CourseUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table: per-course permissions of a user (fast joins, real FKs)."""

    content_object = models.ForeignKey(Course, on_delete=models.CASCADE, verbose_name=_("content object"))

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["user", "permission"], name="course_uperm_user_perm")]


class CourseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Course, on_delete=models.CASCADE, verbose_name=_("content object"))


class Membership(TimeStampedModel):
    """A person's role in one course team and the institution or organisation they represent."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Course leader")
        PARTNER = "partner", _("Partner representative")
        LEARNER = "learner", _("Learner representative")
        STAKEHOLDER = "stakeholder", _("Associated stakeholder")
        QA_OFFICER = "qa_officer", _("QA officer")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("course"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(max_length=16, choices=Role.choices, verbose_name=_("role"))
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("The institution this person represents (staff and learner representatives)."),
        verbose_name=_("institution"),
    )
    organisation = models.ForeignKey(
        StakeholderOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("For associated stakeholders: the organisation they come from."),
        verbose_name=_("organisation"),
    )
    co_creation_aspects = models.JSONField(
        default=list,
        blank=True,
        help_text=_("For associated stakeholders: what they are engaged for."),
        verbose_name=_("co creation aspects"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="membership_unique_person"),
            models.UniqueConstraint(fields=["course"], condition=Q(role="leader"), name="membership_one_leader"),
            # Staff roles represent an institution; a stakeholder comes from an organisation instead.
            models.CheckConstraint(
                condition=Q(role="stakeholder", organisation__isnull=False)
                | (~Q(role="stakeholder") & Q(institution__isnull=False)),
                name="membership_represents_someone",
            ),
        ]
        indexes = [models.Index(fields=["user", "course"], name="membership_user_course")]

    def __str__(self) -> str:
        # Translators: a team membership, e.g. "Jane Doe – Partner representative in Data Literacy".
        return gettext("%(person)s – %(role)s in %(course)s") % {
            "person": self.user,
            "role": self.get_role_display(),
            "course": self.course,
        }

    @property
    def represented(self) -> str:
        return str(self.organisation if self.role == self.Role.STAKEHOLDER else self.institution)

    @property
    def co_creation_aspect_labels(self) -> list[str]:
        labels = dict(CoCreationAspect.choices)
        return [labels.get(a, a) for a in self.co_creation_aspects]


class TeamFoundation(TimeStampedModel):
    """What the team is built on, as recorded by the leader (shared networks are derived, not recorded)."""

    class Kind(models.TextChoices):
        RESEARCH_RELATIONSHIP = "research_relationship", _("Previous research relationship")
        RESEARCH_INTERESTS = "research_interests", _("Common research interests")
        INNOVATION = "innovation", _("Expertise in innovation")
        MOBILITY = "mobility", _("Expertise in mobility schemes")
        INTERNATIONALISATION = "internationalisation", _("Expertise in internationalisation projects")
        OTHER = "other", _("Other")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="foundations", verbose_name=_("course"))
    kind = models.CharField(max_length=32, choices=Kind.choices, verbose_name=_("kind"))
    description = models.TextField(max_length=2000, verbose_name=_("description"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kind", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


# Verified affiliations, institution roles and e-mail domains live in a module of their own (kept importable here).
from teams.affiliation_models import (  # noqa: E402
    Affiliation,
    AffiliationRequest,
    InstitutionDomain,
    InstitutionRole,
)
from teams.grant_models import CourseGrant  # noqa: E402
from teams.partnership_models import Partnership  # noqa: E402

__all__ = [
    "COURSE_LANGUAGES",
    "COURSE_LANGUAGE_CODES",
    "LANGUAGE_NAMES",
    "Affiliation",
    "AffiliationRequest",
    "CoCreationAspect",
    "Course",
    "CourseGrant",
    "CourseGroupObjectPermission",
    "CourseUserObjectPermission",
    "Faculty",
    "Institution",
    "InstitutionDomain",
    "InstitutionRole",
    "Membership",
    "Network",
    "Partnership",
    "StakeholderOrganisation",
    "TeamFoundation",
]
