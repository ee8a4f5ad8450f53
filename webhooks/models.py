"""Webhooks: subscriptions to course events, the events themselves, and one delivery per (event, subscription).

The unique constraint on (event, subscription) is what makes "delivered at most once after a success" hold
when workers overlap, die or get a task twice: there is one delivery row to claim, and once it is marked
succeeded no worker picks it up again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import Course, Institution

URL_MAX = 500


class EventType(models.TextChoices):
    TASK_DONE = "task.done", _("A task is done")
    DECISION_AGREED = "decision.agreed", _("A decision is agreed")
    PHASE_STARTED = "phase.started", _("A phase has started")
    EVALUATION_SUBMITTED = "evaluation.submitted", _("Evaluation data is submitted")
    GATE_PASSED = "gate.passed", _("A phase gate is passed")


class Subscription(TimeStampedModel):
    """A URL that receives the chosen events of one course, or of every course of one institution (admins)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, null=True, blank=True, related_name="webhooks")
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhooks",
        help_text=_("Every course this institution leads or is a partner of (set by an admin)."),
    )
    url = models.URLField(_("URL"), max_length=URL_MAX)
    events = models.JSONField(_("events"), default=list, help_text=_("Event types sent to this URL."))
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(max_length=80, editable=False)
    active = models.BooleanField(_("active"), default=True)
    allow_private_network = models.BooleanField(
        _("allow private addresses"),
        default=False,
        help_text=_("Only admins may set this: deliver even when the URL resolves to a loopback or private address."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at", "secret"])

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=False, institution__isnull=True)
                | Q(course__isnull=True, institution__isnull=False),
                name="webhook_course_or_institution",
            )
        ]

    def __str__(self) -> str:
        return self.url


class Event(models.Model):
    """Something that happened in a course, recorded in the same transaction as the change (an outbox row)."""

    message_id = models.CharField(max_length=40, unique=True, help_text=_("The webhook-id header."))
    type = models.CharField(max_length=40, choices=EventType.choices)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField()
    occurred_at = models.DateTimeField()

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.type} ({self.message_id})"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Given up")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["event", "subscription"], name="webhook_delivery_once")]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="webhook_delivery_pending", condition=Q(status="pending"))
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"


class Attempt(models.Model):
    """One try of a delivery, with what the receiver answered (or why it could not be reached)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.delivery} at {self.attempted_at:%Y-%m-%d %H:%M:%S}"
