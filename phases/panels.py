"""The course overview's "Where we are" card: the current phase and what is late."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from phases.selectors import course_progress


def progress_panel_context(*, course, user, perms: frozenset[str]) -> dict[str, Any]:
    """Three queries whatever the course's size (phases, overdue milestones, overdue tasks)."""
    return {"progress": course_progress(course=course, user=user, perms=perms, today=timezone.localdate())}
