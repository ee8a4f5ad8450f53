"""The course overview's card: the next gate's readiness."""

from __future__ import annotations

from typing import Any

from governance.selectors.gates import next_gate


def next_gate_panel(*, course, user, perms) -> dict[str, Any]:
    """At most ten queries: the passages, then the next gate's conditions."""
    return {"gate": next_gate(course=course)}
