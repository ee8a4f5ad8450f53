"""Attributable changes: who made them, for django-simple-history."""

from __future__ import annotations

from typing import Any


def attribute(instance: Any, actor: Any) -> None:
    """Tell django-simple-history who is saving ``instance``.

    In a request its middleware knows the user; services also run from workers, commands and admin actions,
    so every service names its actor explicitly before it saves or deletes.
    """
    instance._history_user = actor
