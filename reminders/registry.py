"""Apps register the occasions they remind people of; the sweep asks every provider what is due.

A provider is a function ``(today: date) -> Iterable[Due]``. It must be set-based: a fixed number of
queries whatever the number of courses (annotate, values(), no per-row lookups). Apps register their
providers in their AppConfig.ready() by importing a module that uses ``@provider``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from core.i18n import LazyText


@dataclass(frozen=True, slots=True)
class Due:
    """One reminder that should exist: who, what kind, about which row, on which occasion."""

    recipient_id: int
    kind: str
    subject_type_id: int
    subject_id: int
    occasion: str
    course_id: int | None
    # A LazyText (core.i18n) or a lazy translation is written by the sweep in the recipient's language
    # (reminders.services.reminder_sweep_create); a plain str is kept as it is.
    title: StrOrPromise | LazyText
    url: str = ""
    # The date the notice is about, and its title once that date has passed ("is due" becomes "was due").
    due_on: date | None = None
    past_title: StrOrPromise | LazyText = ""


Provider = Callable[[date], Iterable[Due]]

_providers: list[Provider] = []
KIND_LABELS: dict[str, StrOrPromise] = {}


def provider(**kinds: StrOrPromise) -> Callable[[Provider], Provider]:
    """Register a provider and the kinds (name=label) it produces."""

    def register(func: Provider) -> Provider:
        KIND_LABELS.update(kinds)
        if func not in _providers:
            _providers.append(func)
        return func

    return register


def providers() -> list[Provider]:
    return list(_providers)


# --- Settlement: when the subject of a reminder no longer calls for action ---------------------------------------

Settled = Callable[[list[dict]], set[int]]


@dataclass(frozen=True)
class Settlement:
    """``settled(rows)`` answers which of the reminders (dicts of id, kind, recipient_id, subject_id, occasion,
    course_id) are about something settled: a task done, a decision agreed, data submitted... It must be
    set-based (a fixed number of queries for any number of rows). ``triggers`` maps a model to the course id of
    one of its rows: saving such a row settles the course's reminders of these kinds at once."""

    kinds: tuple[str, ...]
    settled: Settled
    triggers: dict[type, Callable[[Any], int | None]]


_settlements: list[Settlement] = []


def settles(*kinds: str, triggers: dict[type, Callable[[Any], int | None]]) -> Callable[[Settled], Settled]:
    """Register how to tell that reminders of ``kinds`` are settled."""

    def register(func: Settled) -> Settled:
        if any(s.settled is func for s in _settlements):
            return func
        settlement = Settlement(tuple(kinds), func, dict(triggers))
        _settlements.append(settlement)
        for model, course_of in settlement.triggers.items():
            _connect(model, course_of, settlement.kinds)
        return func

    return register


def _connect(model: type[Model], course_of: Callable[[Any], int | None], kinds: tuple[str, ...]) -> None:
    from django.db.models.signals import post_save

    def settle(sender, instance, raw=False, **kwargs) -> None:
        if raw:  # loading fixtures
            return
        from reminders.services import reminders_settle

        course_id = course_of(instance)
        if course_id is not None:
            reminders_settle(course_id=course_id, kinds=kinds)

    uid = f"reminders-settle-{model._meta.label}-{'-'.join(kinds)}"
    post_save.connect(settle, sender=model, dispatch_uid=uid, weak=False)


def settlements() -> list[Settlement]:
    return list(_settlements)


@functools.lru_cache(maxsize=4096)  # the sweep's settlement asks for a few hundred occasions 190,000 times
def occasion_date(occasion: str) -> date | None:
    """The ISO date an occasion ends with ("overdue:2026-03-01", "approval:faculty:2026-03-01"), if any."""
    try:
        return date.fromisoformat(occasion.rsplit(":", 1)[-1].removeprefix("due-"))
    except ValueError:
        return None
