"""Writing a feed as RFC 5545 iCalendar with the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

from calendars.selectors import CalendarEvent

PRODID = "-//microcred//Calendar feed//EN"


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "microcred"


def render(events: Iterable[CalendarEvent], *, name: str, time_zone: str, now: datetime | None = None) -> bytes:
    """The calendar as bytes. Deadlines are all-day events (VALUE=DATE: a day, the same in every time zone);
    stamps are UTC. The person's time zone is named for applications that show a calendar's own zone."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", time_zone)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")  # the same, for Outlook
    site = settings.SITE_URL.rstrip("/")
    domain = uid_domain()
    for ev in events:
        event = Event()
        event.add("uid", f"{ev.uid}@{domain}")
        event.add("dtstamp", now)
        event.add("dtstart", ev.start)
        event.add("dtend", ev.end)
        event.add("summary", ev.summary)
        event.add("sequence", ev.sequence)
        event.add("created", ev.created.astimezone(UTC))
        event.add("last-modified", ev.modified.astimezone(UTC))
        event.add("url", site + ev.url)
        event.add("transp", "TRANSPARENT")
        if ev.description:
            event.add("description", ev.description)
        cal.add_component(event)
    return cal.to_ical()
