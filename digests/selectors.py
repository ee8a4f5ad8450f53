"""Reads of notice settings: a person's time zone and how they hear of each kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings

from core.bulk import among
from digests.models import DEFAULT_MODE, Mode, NoticePreference, NoticeSettings
from reminders.registry import KIND_LABELS

if TYPE_CHECKING:
    from accounts.models import User


def time_zone_of(user: User) -> str:
    """The person's time zone (profile setting), or the installation's."""
    found = NoticeSettings.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return found or settings.TIME_ZONE


def modes_of(user: User) -> dict[str, str]:
    """kind -> mode for every registered kind, defaults filled in."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "mode"))
    return {kind: chosen.get(kind, DEFAULT_MODE) for kind in sorted(KIND_LABELS)}


# How a reminder reaches its recipient, stored on the reminder (reminders.models.Reminder.delivery).
DELIVERY: dict[str, str] = {Mode.IMMEDIATE: "email", Mode.DAILY: "daily", Mode.WEEKLY: "weekly", Mode.APP: "app"}


def deliveries_for(user_ids: Iterable[int]) -> Callable[[int, str], str]:
    """One query: a function (user id, kind) -> how a new reminder of that kind reaches that person."""
    ids = set(user_ids)
    rows = among(NoticePreference.objects.all(), "user_id", ids).values_list("user_id", "kind", "mode")
    chosen = {(user_id, kind): mode for user_id, kind, mode in rows if user_id in ids}
    return lambda user_id, kind: DELIVERY[chosen.get((user_id, kind), DEFAULT_MODE)]
