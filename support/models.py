"""Cross-institutional support (DOMAIN.md, chapter 003): service contacts, consultations, the joint task force,
and the specifics of three services (programme approval, delivery platform, agreements).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course, Institution


class ServiceKind(models.TextChoices):
    """The six support services every institution has, in the order the guideline lists them.

    One name per service, everywhere (matrix headers, forms, e-mails, exports): short enough for a column header.
    """

    PROGRAMME_ADMINISTRATION = "programme_administration", _("Programme administration")
    TEACHING_LEARNING = "teaching_learning", _("Teaching and learning support")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation services")
    IT = "it", _("IT services")
    LEGAL = "legal", _("Legal services")
    STUDENT_ADMINISTRATION = "student_administration", _("Student administration")


# Kept for callers of the former short names: the same names as ServiceKind's labels.
SHORT_KIND_LABELS: dict[str, Any] = dict(ServiceKind.choices)

# The lead institution consults these first, from the very start of design (chapter 003).
FIRST_KINDS: tuple[str, ...] = (ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING)


class ServiceContact(TimeStampedModel):
    """Who to ask at one institution for one support service. Institution-wide, shared by every course."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="service_contacts", verbose_name=_("institution")
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind.choices)
    unit = models.CharField(
        _("unit"), max_length=200, help_text=_("The office or department, e.g. “International Office”.")
    )
    name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), max_length=254)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("service contact")
        verbose_name_plural = _("service contacts")
        ordering = ["institution__name", "kind"]
        constraints = [models.UniqueConstraint(fields=["institution", "kind"], name="service_contact_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.institution}: {self.unit}"


class ConsultationQuerySet(models.QuerySet):
    def with_lapsed(self, today: date) -> ConsultationQuerySet:
        """Annotate ``is_lapsed``: past its due date and not held (computed by the database, never stored)."""
        return self.annotate(
            is_lapsed=ExpressionWrapper(
                # "due_by IS NOT NULL" first, so that no due date gives false, not SQL's NULL.
                Q(due_by__isnull=False, due_by__lt=today, held_on__isnull=True, status__in=Consultation.OPEN_STATUSES),
                output_field=models.BooleanField(),
            )
        )

    def lapsed(self, today: date) -> ConsultationQuerySet:
        return self.filter(due_by__lt=today, held_on__isnull=True, status__in=Consultation.OPEN_STATUSES)

    def engaged(self) -> ConsultationQuerySet:
        """Consultations that have been asked for (requested, held or closed): what the guideline's order counts."""
        return self.filter(status__in=Consultation.ENGAGED_STATUSES)


class Consultation(TimeStampedModel):
    """A course's engagement of one institution's support service."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REQUESTED = "requested", _("Requested")
        HELD = "held", _("Held")
        CLOSED = "closed", _("Closed")

    OPEN_STATUSES = (Status.PLANNED, Status.REQUESTED)
    ENGAGED_STATUSES = (Status.REQUESTED, Status.HELD, Status.CLOSED)

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("course"))
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("institution")
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    due_by = models.DateField(
        _("due by"), null=True, blank=True, help_text=_("When the service should have met the team.")
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, max_length=4000)
    follow_up_actions = models.TextField(_("follow-up actions"), blank=True, max_length=4000)
    # Set when the request e-mail went out, so a redelivered task does not send it twice.
    request_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ConsultationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "request_sent_at"])

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["course", "institution__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["course", "institution", "kind"], name="consultation_one_per_service"),
            models.CheckConstraint(
                condition=Q(due_by__isnull=True) | Q(requested_on__isnull=True) | Q(due_by__gte=F("requested_on")),
                name="consultation_due_after_request",
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(status__in=["held", "closed"]),
                name="consultation_held_status",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_by"], name="consultation_open_due", condition=Q(status__in=["planned", "requested"])
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.institution} for {self.course}"

    @property
    def is_engaged(self) -> bool:
        return self.status in self.ENGAGED_STATUSES


class TaskForceMember(TimeStampedModel):
    """A support-service representative in the course's joint task force (expert group).

    A person with an account, so that reminders about their institution's consultations reach them; the
    service contact it stands for is linked when the e-mail addresses match.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="task_force", verbose_name=_("course"))
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_forces", verbose_name=_("person")
    )
    contact = models.ForeignKey(
        ServiceContact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("contact")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("task force member")
        verbose_name_plural = _("task force members")
        ordering = ["course", "institution__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["course", "institution", "kind", "user"], name="task_force_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()}, {self.institution})"


class ApprovalStep(TimeStampedModel):
    """One step of an institution's approval of the course (educational programme administration).

    A step with no row has not started; rows are written when someone records progress.
    """

    class Step(models.TextChoices):
        FACULTY = "faculty", _("Faculty approval")
        UNIVERSITY = "university", _("University approval")
        PROGRAMME_GUIDE = "programme_guide", _("Publication in the programme guide")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="approval_steps", verbose_name=_("course")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["course", "institution__name", "step"]
        constraints = [
            models.UniqueConstraint(fields=["course", "institution", "step"], name="approval_step_unique"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=F("started_on")),
                name="approval_step_date_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} at {self.institution}"


class DeliveryFormat(models.TextChoices):
    """The digital delivery formats IT services advise on (chapter 003)."""

    SYNCHRONOUS = "synchronous", _("Synchronous online")
    ASYNCHRONOUS = "asynchronous", _("Asynchronous online")
    GROUP_COLLABORATION = "group_collaboration", _("Group collaboration")


class DeliveryPlatform(TimeStampedModel):
    """The common platform the course is delivered on; without a row, the lead institution's is assumed."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, related_name="delivery_platform", verbose_name=_("course")
    )
    host_institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", help_text=_("Usually the lead institution's platform.")
    )
    name = models.CharField(_("platform"), max_length=200, help_text=_("e.g. “Moodle”, “Canvas”."))
    url = models.URLField(_("address"), blank=True)
    formats = models.JSONField(_("delivery formats"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self) -> str:
        return f"{self.name} ({self.host_institution})"

    @property
    def format_labels(self) -> list[str]:
        labels = dict(DeliveryFormat.choices)
        return [labels.get(f, f) for f in self.formats]


class Agreement(TimeStampedModel):
    """An agreement the partners sign (legal services); each institution's signature is tracked separately."""

    class Kind(models.TextChoices):
        CONSORTIUM = "consortium", _("Consortium agreement")
        CREDIT_RECOGNITION = "credit_recognition", _("Credit recognition agreement")
        MOBILITY = "mobility", _("Mobility agreement")
        DATA_SHARING = "data_sharing", _("Data sharing agreement")
        OTHER = "other", _("Other agreement")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("course"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["course", "kind", "title"]

    def __str__(self) -> str:
        return self.title


class AgreementSignature(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not signed yet")
        SIGNED = "signed", _("Signed")
        DECLINED = "declined", _("Declined")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("agreement")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("agreement signature")
        verbose_name_plural = _("agreement signatures")
        ordering = ["agreement", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "institution"], name="agreement_signature_unique"),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(status="signed"), name="agreement_signed_on_when_signed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} – {self.institution}: {self.get_status_display()}"
