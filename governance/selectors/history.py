"""The governance history of a course: every version, comment, agreement item and gate passage, who and when."""

from __future__ import annotations

from governance.models import AgreementClause, ClauseItem, GatePassage, VisionComment, VisionSection, VisionVersion
from governance.models.gates import Gate
from teams.models import Course
from teams.selectors import HistoryEntry, _entries


def governance_history(*, course: Course, limit: int = 300) -> list[HistoryEntry]:
    """Newest first; four queries whatever the length of the history."""
    entries = [
        *_entries(
            list(VisionVersion.history.filter(course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: f"Joint vision, version {r.version}",
            skip=("id", "created_at", "updated_at", "course", "created_by", "version"),
        ),
        *_entries(
            list(VisionComment.history.filter(vision__course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: f"Comment on {VisionSection(r.section).label}: “{r.text[:80]}”",
            skip=("id", "created_at", "updated_at", "vision", "author", "institution", "section"),
        ),
        *_entries(
            list(AgreementClause.history.filter(agreement__course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: f"Consortium agreement: {ClauseItem(r.item).label}",
            skip=("id", "created_at", "updated_at", "agreement", "updated_by", "item"),
        ),
        *_entries(
            list(GatePassage.history.filter(course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: (
                f"Gate {Gate(r.gate).label.lower()} passed on {r.passed_on:%d %b %Y}"
                + (f" with unmet conditions ({'; '.join(r.unmet)}); reason: {r.reason}" if r.unmet else "")
            ),
            skip=("id", "created_at", "updated_at", "course", "passed_by"),
        ),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
