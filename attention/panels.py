"""The course overview's "Where we are": the current phase, and everything late or waiting (attention.selectors)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from attention.selectors import needs_for_course
from phases.models import PhaseStatus
from phases.selectors import course_phases, current_phase


def where_we_are_panel(*, course, user, perms: frozenset[str]) -> dict[str, Any]:
    """A fixed number of queries whatever the course's size (see attention.sources)."""
    today = timezone.localdate()
    phases = course_phases(course=course)
    current = current_phase(phases, today)
    return {
        "phases": phases,
        "current": current,
        "current_status": current.status_on(today) if current else None,
        "days_left": (current.planned_end - today).days if current else None,
        "all_completed": bool(phases) and all(p.status_on(today) == PhaseStatus.COMPLETED for p in phases),
        "needs": needs_for_course(course=course, user=user, perms=perms, today=today),
        "today": today,
    }
