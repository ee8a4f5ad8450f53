"""Shared documents: files attached to the joint vision, agreements, decisions, tasks and evaluation reports.

A document has versions; each version is one stored file, kept under a random key (never the uploader's name)
through Django's storage API, so a local folder and an S3-compatible object store serve alike. Files are never
served from a public address: the download view checks the course permissions. Deleting a document hides it
and keeps its versions in the history; only an admin purges the files.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from governance.models import VisionVersion
from phases.models import Task
from quality.models import Decision, EvaluationReport
from support.models import Agreement
from teams.models import Course

TITLE_MAX = 200
NAME_MAX = 150


class SubjectKind(models.TextChoices):
    VISION = "vision", _("Joint vision")
    AGREEMENT = "agreement", _("Agreement")
    DECISION = "decision", _("Decision")
    TASK = "task", _("Task")
    REPORT = "report", _("Evaluation report")


SUBJECT_FIELDS = {k: k for k in SubjectKind.values}  # the foreign key of each kind has the kind's name


class Document(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="documents", verbose_name=_("course"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    kind = models.CharField(_("attached to"), max_length=12, choices=SubjectKind.choices)
    vision = models.ForeignKey(
        VisionVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("joint vision version"),
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agreement"),
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="documents", verbose_name=_("decision")
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="documents", verbose_name=_("task")
    )
    report = models.ForeignKey(
        EvaluationReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("evaluation report"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["course", "-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # Exactly the foreign key of its kind is set.
            models.CheckConstraint(
                condition=(
                    Q(kind="vision", vision__isnull=False, agreement=None, decision=None, task=None, report=None)
                    | Q(kind="agreement", agreement__isnull=False, vision=None, decision=None, task=None, report=None)
                    | Q(kind="decision", decision__isnull=False, vision=None, agreement=None, task=None, report=None)
                    | Q(kind="task", task__isnull=False, vision=None, agreement=None, decision=None, report=None)
                    | Q(kind="report", report__isnull=False, vision=None, agreement=None, decision=None, task=None)
                ),
                name="document_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["course", "kind"], name="document_course_kind")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"slug": self.course.slug, "pk": self.pk})

    @property
    def subject(self):
        return getattr(self, SUBJECT_FIELDS[self.kind])

    @property
    def subject_id(self) -> int:
        return getattr(self, SUBJECT_FIELDS[self.kind] + "_id")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class DocumentVersion(models.Model):
    """One uploaded file. Immutable: a change is a new version."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    # Translators: the number of a document's version (1, 2, 3…).
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), max_length=255)
    original_name = models.CharField(_("file name"), max_length=NAME_MAX)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return gettext("%(name)s (v%(number)s)") % {"name": self.original_name, "number": self.number}

    def get_download_url(self) -> str:
        return reverse(
            "documents:download",
            kwargs={"slug": self.document.course.slug, "pk": self.document_id, "number": self.number},
        )
