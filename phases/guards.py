"""Conditions other apps put on starting a phase, without phases depending on them.

A guard is ``(phase) -> str``: the reason the phase's actual start may not be recorded through the plain
dates form, or "" when it may. ``governance`` registers one: development and implementation start only by
passing their gate.
"""

from __future__ import annotations

from collections.abc import Callable

from phases.models import Phase

StartGuard = Callable[[Phase], str]
_guards: list[StartGuard] = []


def register_start_guard(guard: StartGuard) -> None:
    if guard not in _guards:
        _guards.append(guard)


def start_refusal(phase: Phase) -> str:
    """The first guard's reason to refuse recording ``phase``'s start, or ""."""
    for guard in _guards:
        reason = guard(phase)
        if reason:
            return str(reason)
    return ""
