"""Apps register the occasions they remind people of; the sweep asks every provider what is due.

A provider is a function ``(today: date) -> Iterable[Due]``. It must be set-based: a fixed number of
queries whatever the number of courses (annotate, values(), no per-row lookups). Apps register their
providers in their AppConfig.ready() by importing a module that uses ``@provider``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Due:
    """One reminder that should exist: who, what kind, about which row, on which occasion."""

    recipient_id: int
    kind: str
    subject_type_id: int
    subject_id: int
    occasion: str
    course_id: int | None
    title: str
    url: str = ""


Provider = Callable[[date], Iterable[Due]]

_providers: list[Provider] = []
KIND_LABELS: dict[str, str] = {}


def provider(**kinds: str) -> Callable[[Provider], Provider]:
    """Register a provider and the kinds (name=label) it produces."""

    def register(func: Provider) -> Provider:
        KIND_LABELS.update(kinds)
        if func not in _providers:
            _providers.append(func)
        return func

    return register


def providers() -> list[Provider]:
    return list(_providers)
