"""Who a person is at an institution, established by someone or something other than the person themselves.

An ``Affiliation`` is always verified: by an admin, by a link sent to an address on one of the institution's
e-mail domains, or by institutional sign-in (federation). It records how and by whom. A course membership for an
institution says only that the person represents it on that course; it never makes them staff elsewhere.

An ``InstitutionRole`` is what the institution lets a verified staff member do for it across courses: start
courses, keep its support-service contacts, or coordinate (both, and grant those two roles to colleagues).
Imported into ``teams.models``; use that module's names.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams import identifiers


class AffiliationKind(models.TextChoices):
    """eduPerson's affiliation values that matter here (``eduPersonAffiliation``)."""

    STAFF = "staff", _("Staff")
    FACULTY = "faculty", _("Faculty (academic staff)")
    STUDENT = "student", _("Student")
    AFFILIATE = "affiliate", _("Affiliate")


# Staff of a university in the guideline's sense: the people who may act for it.
STAFF_KINDS = frozenset({AffiliationKind.STAFF, AffiliationKind.FACULTY})


class InstitutionDomain(TimeStampedModel):
    """An e-mail domain the institution uses, and what a confirmed address on it proves."""

    institution = models.ForeignKey(
        "teams.Institution", on_delete=models.CASCADE, related_name="domains", verbose_name=_("institution")
    )
    domain = identifiers.identifier_field(
        identifiers.DOMAIN,
        _("e-mail domain"),
        _("Exactly the part after “@”: an address on a subdomain needs a row of its own."),
        blank=False,
        unique=True,
    )
    affiliation = models.CharField(
        _("proves affiliation as"),
        max_length=16,
        choices=AffiliationKind.choices,
        default=AffiliationKind.STAFF,
        help_text=_("Use “Student” for a domain that students' addresses are on, e.g. “student.uni-example.eu”."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def clean_fields(self, exclude=None) -> None:
        self.domain = identifiers.normalise_domain(self.domain)
        super().clean_fields(exclude=exclude)


class Affiliation(TimeStampedModel):
    """A verified link between a person and an institution: what they are there, and how that is known."""

    Kind = AffiliationKind

    class Method(models.TextChoices):
        ADMIN = "admin", _("Set by an administrator")
        EMAIL = "email", _("Confirmed by a link to an institutional e-mail address")
        FEDERATION = "federation", _("Asserted by institutional sign-in")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("user")
    )
    institution = models.ForeignKey(
        "teams.Institution", on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("institution")
    )
    kind = models.CharField(max_length=16, choices=AffiliationKind.choices, verbose_name=_("kind"))
    method = models.CharField(_("verified by"), max_length=16, choices=Method.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The administrator who set it (empty when the person confirmed it themselves)."),
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(default=timezone.now, verbose_name=_("verified at"))
    note = models.CharField(max_length=500, blank=True, verbose_name=_("note"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="affiliation_unique_per_institution")
        ]

    def __str__(self) -> str:
        # Translators: an affiliation, e.g. "Jane Doe – Staff at University of Turku".
        return gettext("%(person)s – %(kind)s at %(institution)s") % {
            "person": self.user,
            "kind": self.get_kind_display(),
            "institution": self.institution,
        }

    @property
    def is_staff(self) -> bool:
        return self.kind in STAFF_KINDS


class InstitutionRole(TimeStampedModel):
    """What an institution lets one of its verified staff do for it in every course."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Institution coordinator")
        COURSE_STARTER = "course_starter", _("May start courses")
        CONTACT_KEEPER = "contact_keeper", _("Keeps the support-service contacts")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="institution_roles", verbose_name=_("user")
    )
    institution = models.ForeignKey(
        "teams.Institution", on_delete=models.CASCADE, related_name="roles", verbose_name=_("institution")
    )
    role = models.CharField(max_length=16, choices=Role.choices, verbose_name=_("role"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["institution__name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "institution", "role"], name="institution_role_unique")]

    def __str__(self) -> str:
        return gettext("%(person)s: %(role)s (%(institution)s)") % {
            "person": self.user,
            "role": self.get_role_display(),
            "institution": self.institution,
        }


class AffiliationRequest(TimeStampedModel):
    """A person's request to be recorded at an institution, confirmed by a single-use link to ``email``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliation_requests", verbose_name=_("user")
    )
    institution = models.ForeignKey(
        "teams.Institution", on_delete=models.CASCADE, related_name="+", verbose_name=_("institution")
    )
    email = models.EmailField(_("institutional e-mail address"))
    kind = models.CharField(max_length=16, choices=AffiliationKind.choices, verbose_name=_("kind"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"], name="affiliation_request_recent")]

    def __str__(self) -> str:
        return gettext("%(person)s at %(institution)s (%(email)s)") % {
            "person": self.user,
            "institution": self.institution,
            "email": self.email,
        }


__all__ = [
    "STAFF_KINDS",
    "Affiliation",
    "AffiliationKind",
    "AffiliationRequest",
    "InstitutionDomain",
    "InstitutionRole",
]
