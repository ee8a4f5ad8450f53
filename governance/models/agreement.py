"""The consortium agreement's content: the guideline's checklist, each item addressed with text or a document.

The agreement itself and each institution's signature (its legal service's sign-off of the whole) live in
``support`` (Agreement of kind "consortium", AgreementSignature). Once any institution has signed, the content
is frozen: a signature covers the text it was given.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from support.models import Agreement

CLAUSE_MAX = 10_000


class ClauseItem(models.TextChoices):
    COMPOSITION = "composition", _("Partnership composition")
    ROLES = "roles", _("Team roles")
    OBJECTIVES = "objectives", _("Objectives")
    STRUCTURE = "structure", _("Main structure of the course")
    PEDAGOGY = "pedagogy", _("Pedagogical principles")
    DELIVERY = "delivery", _("Delivery")
    MOBILITY = "mobility", _("Mobility arrangements")
    QUALIFICATION = "qualification", _("The awarded qualification")
    LANGUAGE = "language", _("Language policy")
    ADMISSION = "admission", _("Admission")
    EXAMINATIONS = "examinations", _("Examinations")
    QUALITY = "quality", _("Quality assurance")
    FINANCE = "finance", _("Financial management, including how income and costs are shared")


class AgreementClause(TimeStampedModel):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("agreement")
    )
    # Translators: an item of the guideline's checklist of what a consortium agreement covers.
    item = models.CharField(_("item"), max_length=16, choices=ClauseItem.choices)
    text = models.TextField(_("what the agreement says"), max_length=CLAUSE_MAX, blank=True)
    document_reference = models.CharField(
        _("or: where it is written"),
        max_length=300,
        blank=True,
        help_text=_("An annex or document and the article, e.g. “Annex 2, article 4”."),
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("or: a document attached to the agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clauses",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["agreement", "item"]
        verbose_name = _("agreement clause")
        verbose_name_plural = _("agreement clauses")
        constraints = [models.UniqueConstraint(fields=["agreement", "item"], name="clause_one_per_item")]

    def __str__(self) -> str:
        return gettext("%(item)s in %(agreement)s") % {"item": self.get_item_display(), "agreement": self.agreement}

    @property
    def is_addressed(self) -> bool:
        """Text, a reference, or a document that is not deleted (needs ``document`` loaded)."""
        has_document = self.document_id is not None and self.document.deleted_at is None  # type: ignore[union-attr]
        return bool(self.text.strip() or self.document_reference.strip() or has_document)
