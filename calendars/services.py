"""Creating and regenerating secret calendar addresses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from calendars.models import CalendarFeed, new_token

if TYPE_CHECKING:
    from accounts.models import User
    from teams.models import Course


def calendar_feed_get_or_create(*, user: User, course: Course | None = None) -> CalendarFeed:
    """The person's address for their own feed (``course`` None) or for one course; made on first use."""
    feed = CalendarFeed.objects.filter(user=user, course=course).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, course=course)
    except IntegrityError:  # created meanwhile by a second click
        return CalendarFeed.objects.get(user=user, course=course)


def calendar_feed_regenerate(*, user: User, course: Course | None = None) -> CalendarFeed:
    """A new secret address; the old one stops working at once (nothing else knows it)."""
    feed = calendar_feed_get_or_create(user=user, course=course)
    feed.token = new_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed
