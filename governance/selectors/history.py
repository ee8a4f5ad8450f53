"""The governance history of a course: every version, comment, agreement item and gate passage, who and when."""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext

from governance.gate_texts import GATE_TEXTS
from governance.models import AgreementClause, ClauseItem, GatePassage, VisionComment, VisionSection, VisionVersion
from teams.models import Course
from teams.selectors import HistoryEntry, _entries


def _gate_entry(record: Any) -> str:
    """One gate passage as the history reads it: a whole sentence, with or without unmet conditions."""
    texts = GATE_TEXTS[record.gate]
    day = date_format(record.passed_on, "d M Y")
    if not record.unmet:
        return str(texts.passed % {"date": day})
    values = {"date": day, "count": len(record.unmet), "conditions": "; ".join(record.unmet), "reason": record.reason}
    return str(texts.passed_unmet % values)


def governance_history(*, course: Course, limit: int = 300) -> list[HistoryEntry]:
    """Newest first; four queries whatever the length of the history."""
    entries = [
        *_entries(
            list(VisionVersion.history.filter(course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: gettext("Joint vision, version %(version)s") % {"version": r.version},
            skip=("id", "created_at", "updated_at", "course", "created_by", "version"),
        ),
        *_entries(
            list(VisionComment.history.filter(vision__course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: (
                gettext("Comment on %(section)s: “%(text)s”")
                % {"section": VisionSection(r.section).label, "text": r.text[:80]}
            ),
            skip=("id", "created_at", "updated_at", "vision", "author", "institution", "section"),
        ),
        *_entries(
            list(AgreementClause.history.filter(agreement__course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: gettext("Consortium agreement: %(item)s") % {"item": ClauseItem(r.item).label},
            skip=("id", "created_at", "updated_at", "agreement", "updated_by", "item"),
        ),
        *_entries(
            list(GatePassage.history.filter(course_id=course.pk).select_related("history_user")[:limit]),
            lambda r: _gate_entry(r),
            skip=("id", "created_at", "updated_at", "course", "passed_by"),
        ),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
