"""E-mail preferences per person and kind of notice, the person's time zone, and digests sent once per period.

The unique constraint on (recipient, period, starts_on) makes "one digest per person and period" hold when
rounds overlap or a worker dies, as reminders' own constraint does for each reminder.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    APP = "app", _("Only in the app")


DEFAULT_MODE = Mode.IMMEDIATE  # deadlines are what people asked to hear of; they may choose less

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def validate_time_zone(value: str) -> None:
    if value not in TIME_ZONES:
        raise ValidationError(_("Choose a time zone from the list, e.g. Europe/Warsaw."), code="time_zone")


class NoticeSettings(models.Model):
    """A person's settings for notices: the time zone their digests are timed in (08:00 there)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_settings", verbose_name=_("user")
    )
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])

    def __str__(self) -> str:
        return f"{self.user}: {self.time_zone}"


class NoticePreference(models.Model):
    """How one person hears of one kind of reminder; no row means DEFAULT_MODE."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences", verbose_name=_("user")
    )
    kind = models.CharField(max_length=48, verbose_name=_("kind"))
    mode = models.CharField(max_length=16, choices=Mode.choices, verbose_name=_("mode"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.mode}"


class Digest(models.Model):
    """One e-mail gathering a person's reminders of one day or week, created and sent exactly once."""

    class Period(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests", verbose_name=_("recipient")
    )
    period = models.CharField(max_length=8, choices=Period.choices, verbose_name=_("period"))
    starts_on = models.DateField(
        help_text=_("The day (daily) or the Monday (weekly) it is for, in the person's zone."),
        verbose_name=_("starts on"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "period", "starts_on"], name="digest_once_per_period")
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="digest_pending", condition=models.Q(sent_at__isnull=True))
        ]

    def __str__(self) -> str:
        # One whole sentence per period: "Daily"/"Weekly" dropped into a sentence does not inflect.
        if self.period == self.Period.WEEKLY:
            # Translators: e.g. "Weekly digest of 2026-03-02 → Jane Doe".
            text = gettext("Weekly digest of %(date)s → %(person)s")
        else:
            # Translators: e.g. "Daily digest of 2026-03-02 → Jane Doe".
            text = gettext("Daily digest of %(date)s → %(person)s")
        return text % {"date": self.starts_on, "person": self.recipient}
