"""The joint vision: a versioned document per course with the guideline's sections.

The leader drafts a version; partners comment per section; the version is adopted by a decision every
institution consents to (``quality.Decision``). Its status is derived from that decision, never stored, so
the two cannot disagree: no decision is a draft, an open one a proposal, an agreed one an adoption. Adopted
versions are frozen; a new draft starts from the last version.
"""

from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from quality.models import Decision
from teams.models import Course, Institution

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SECTION_MAX = 10_000
COMMENT_MAX = 2_000


class VisionSection(models.TextChoices):
    """The guideline's sections of a joint vision, in its order."""

    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
    PROFILE = "profile", _("Academic and professional profile")
    LEARNERS = "learners", _("Learner characteristics")
    OBJECTIVES = "objectives", _("Objectives and unique selling point")
    RELATION = "relation", _("Relation to the partners' courses and programmes")
    STACKABILITY = "stackability", _("Stackability")


SECTION_HELP: "dict[str, StrOrPromise]" = {
    VisionSection.NEEDS_ANALYSIS: _("Which needs of learners and the labour market does the course answer?"),
    VisionSection.PROFILE: _("The academic and professional profile of the course."),
    VisionSection.LEARNERS: _("Who are the learners? Continuing-education learners study alongside a job."),
    VisionSection.OBJECTIVES: _("What the course achieves, and what makes it unique."),
    VisionSection.RELATION: _(
        "Which existing courses and programmes of the partners can be reused? Reuse before building new: "
        "new material takes two to three times longer to make."
    ),
    VisionSection.STACKABILITY: _("How the credential stacks with others towards a larger qualification."),
}


class VisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed for adoption")
    ADOPTED = "adopted", _("Adopted")


class VisionVersion(TimeStampedModel):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="vision_versions", verbose_name=_("course")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    needs_analysis = models.TextField(_("needs analysis"), max_length=SECTION_MAX, blank=True)
    profile = models.TextField(_("academic and professional profile"), max_length=SECTION_MAX, blank=True)
    learners = models.TextField(_("learner characteristics"), max_length=SECTION_MAX, blank=True)
    objectives = models.TextField(_("objectives and unique selling point"), max_length=SECTION_MAX, blank=True)
    relation = models.TextField(
        _("relation to the partners' courses and programmes"), max_length=SECTION_MAX, blank=True
    )
    stackability = models.TextField(_("stackability"), max_length=SECTION_MAX, blank=True)
    adoption_decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vision_version",
        verbose_name=_("adoption decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "-version"]
        verbose_name = _("joint vision version")
        verbose_name_plural = _("joint vision versions")
        constraints = [models.UniqueConstraint(fields=["course", "version"], name="vision_unique_version")]

    def __str__(self) -> str:
        return gettext("Joint vision v%(version)s of %(course)s") % {"version": self.version, "course": self.course}

    def get_absolute_url(self) -> str:
        return reverse("governance:vision_version", kwargs={"slug": self.course.slug, "version": self.version})

    @property
    def status(self) -> str:
        """Needs ``adoption_decision`` loaded (select_related) to stay free of queries."""
        if self.adoption_decision_id is None:
            return VisionStatus.DRAFT
        return (
            VisionStatus.ADOPTED
            if cast(Decision, self.adoption_decision).status == Decision.Status.AGREED
            else VisionStatus.PROPOSED
        )

    def get_status_display(self) -> "StrOrPromise":
        return VisionStatus(self.status).label

    @property
    def is_frozen(self) -> bool:
        return self.status == VisionStatus.ADOPTED

    def sections(self) -> "list[tuple[str, StrOrPromise, str]]":
        """(key, label, text) of each section, in the guideline's order."""
        return [(key, label, getattr(self, key)) for key, label in VisionSection.choices]


class VisionComment(TimeStampedModel):
    """A team member's comment on one section of one version."""

    vision = models.ForeignKey(
        VisionVersion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("joint vision version")
    )
    section = models.CharField(_("section"), max_length=20, choices=VisionSection.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["vision", "section", "created_at", "id"]
        verbose_name = _("joint vision comment")
        verbose_name_plural = _("joint vision comments")

    def __str__(self) -> str:
        return gettext("%(author)s on %(section)s (v%(version)s)") % {
            "author": self.author,
            "section": self.get_section_display(),
            "version": self.vision.version,
        }
