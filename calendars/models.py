"""A secret calendar address: a person's own feed, or their feed of one course.

The token is the only credential a calendar application sends (Outlook, Google and Apple fetch the address
without signing in), so it is long and random, replaced at once when the person regenerates it, and the feed
checks on every fetch that the person is active and may still see what it shows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("user")
    )
    course = models.ForeignKey(
        "teams.Course", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("course")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token"))
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("last fetched at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="calendar_feed_one_per_course"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(course__isnull=True), name="calendar_feed_one_personal"
            ),
        ]

    def __str__(self) -> str:
        if self.course_id:
            return gettext("Calendar of %(person)s for %(course)s") % {"person": self.user, "course": self.course}
        return gettext("Calendar of %(person)s") % {"person": self.user}

    def get_absolute_url(self) -> str:
        return reverse("calendars:feed", kwargs={"token": self.token})
