"""A reminder: one notice to one person about one subject on one occasion, created and sent exactly once.

The unique constraint on (recipient, kind, subject, occasion) is what makes "exactly once" hold when sweeps
overlap or a worker dies: a second sweep's insert of the same reminder is a no-op in the database.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    # No index of its own: reminder_once and reminder_inbox begin with it (one index less for the sweep to fill).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    # Kinds are registered by the apps that produce them (reminders.registry); no DB choices so that a new
    # kind needs no migration here.
    kind = models.CharField(max_length=48)
    # Indexed with subject_id (reminder_subject): alone it has a dozen values and narrows nothing. No constraint in
    # the database: the subject_id beside it has none (a generic relation), content types are rows Django keeps for
    # as long as their model exists, and checking it cost the sweep 2.4 s of 260,000 inserts at 10,000 courses.
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, db_index=False, db_constraint=False)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # What makes this notice distinct for the same subject, e.g. the due date it is about: if a deadline
    # moves, the new date is a new occasion and the person hears of it once more.
    occasion = models.CharField(max_length=64)
    course = models.ForeignKey("teams.Course", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=300)
    # Once ``due_on`` has passed the reminder reads ``past_title`` (written in the past tense), when there is one.
    due_on = models.DateField(null=True, blank=True)
    past_title = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # How the recipient hears of it, fixed when it is created from their preference for its kind (digests app):
    # e-mailed on its own, gathered into a daily or weekly digest, or shown in the app only.
    delivery = models.CharField(max_length=8, default="email")
    digest = models.ForeignKey(
        "digests.Digest", on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders",
        db_index=False,  # reminder_digest: only the reminders gathered in a digest (the sweep creates none)
    )  # fmt: skip
    # Its subject no longer calls for action (task done, decision agreed...): shown as settled, not counted unread.
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_type", "subject_id", "occasion"], name="reminder_once"
            )
        ]
        indexes = [
            models.Index(fields=["sent_at", "next_attempt_at"], name="reminder_pending",
                         condition=Q(sent_at__isnull=True)),
            models.Index(fields=["recipient", "read_at"], name="reminder_inbox"),
            # The reminders about one task, decision... (reminders_withdraw when it is deleted): 250 ms at 10,000
            # courses through the subject_type index, which matched every task reminder.
            models.Index(fields=["subject_type", "subject_id"], name="reminder_subject"),
            models.Index(fields=["digest"], name="reminder_digest", condition=Q(digest__isnull=False)),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title} → {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_settled(self) -> bool:
        return self.settled_at is not None

    @property
    def current_title(self) -> str:
        """The title in the tense today calls for."""
        from django.utils import timezone

        if self.past_title and self.due_on and self.due_on < timezone.localdate():
            return self.past_title
        return self.title

    @property
    def kind_label(self) -> str:
        from reminders.registry import KIND_LABELS

        return str(KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize()))
