"""Abstract base models shared by every domain app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        abstract = True


class OutboxMessage(models.Model):
    """Work that must happen once a change is committed (an e-mail, later a webhook or a digest): see core.outbox.

    Written in the same transaction as the change it follows, so it exists if and only if the change does.
    """

    kind = models.CharField(max_length=64, verbose_name=_("kind"))
    payload = models.JSONField(default=dict, blank=True, verbose_name=_("payload"))
    # Optional: at most one message per (kind, key), e.g. one webhook delivery per (subscriber, event).
    key = models.CharField(max_length=200, blank=True, verbose_name=_("key"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    # Not before: the first attempt, the next retry, or the end of a running attempt's lease.
    available_at = models.DateTimeField(db_index=False, verbose_name=_("available at"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    done_at = models.DateTimeField(null=True, blank=True, verbose_name=_("done at"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], condition=~models.Q(key=""), name="outbox_once_per_key"),
        ]
        indexes = [
            models.Index(fields=["available_at"], name="outbox_pending", condition=models.Q(done_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
