"""What quality announces to webhook subscribers (webhooks.services.event_emit), with the data a receiver needs.

The services call these inside their transaction, after the change; a change rolled back announces nothing.
"""

from __future__ import annotations

from quality.models import Decision, EvaluationReport
from webhooks.models import EventType
from webhooks.services import event_emit


def decision_agreed(*, decision: Decision) -> None:
    event_emit(
        type=EventType.DECISION_AGREED,
        course=decision.course,
        data={
            "decision": {
                "id": decision.pk,
                "title": decision.title,
                "version": decision.version,
                "agreed_at": decision.agreed_at.isoformat() if decision.agreed_at else None,
            }
        },
    )


def evaluation_submitted(*, report: EvaluationReport) -> None:
    event_emit(
        type=EventType.EVALUATION_SUBMITTED,
        course=report.edition.course,
        data={
            "report": {
                "id": report.pk,
                "edition": {"id": report.edition_id, "name": report.edition.name},
                "institution": {"id": report.institution_id, "name": report.institution.name},
                "status": report.status,
            }
        },
    )
