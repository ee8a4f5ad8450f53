"""The course overview's card: how many of the 11 mandatory elements are complete, each missing one linked."""

from __future__ import annotations

from typing import Any

from credentials.selectors import profile_state


def completeness_panel(*, course, user, perms) -> dict[str, Any]:
    """Five queries whatever the course's size (credentials.selectors.profile_state)."""
    return {"state": profile_state(course=course)}
