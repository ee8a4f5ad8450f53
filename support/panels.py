"""Cards on the course overview: the guideline's order as a checklist, and the joint task force."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from support import selectors
from teams.selectors import course_partnerships


def order_panel(*, course, user, perms) -> dict[str, Any]:
    """Three queries: partnerships, engaged consultations, the design phase."""
    today = timezone.localdate()
    return {"checklist": selectors.order_checklist(course=course, today=today), "today": today}


def task_force_panel(*, course, user, perms) -> dict[str, Any]:
    """Two queries: partnerships and the task force."""
    partnerships = course_partnerships(course=course)
    return {"groups": selectors.task_force(course=course, partnerships=partnerships)}
