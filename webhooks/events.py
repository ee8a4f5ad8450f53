"""The events the domain services announce, each with the data a receiver needs to act on it.

Services call these inside their transaction, after the change; a change rolled back announces nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webhooks.models import EventType
from webhooks.services import event_emit

if TYPE_CHECKING:
    from phases.models import Phase, Task
    from quality.models import Decision, EvaluationReport


def task_done(*, task: Task) -> None:
    event_emit(
        type=EventType.TASK_DONE,
        course=task.phase.course,
        data={"task": {"id": task.pk, "title": task.title, "phase": task.phase.kind, "status": task.status}},
    )


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


def phase_started(*, phase: Phase) -> None:
    event_emit(
        type=EventType.PHASE_STARTED,
        course=phase.course,
        data={"phase": {"id": phase.pk, "kind": phase.kind, "actual_start": phase.actual_start.isoformat()}},
    )


def gate_passed(*, passage) -> None:
    event_emit(
        type=EventType.GATE_PASSED,
        course=passage.course,
        data={
            "gate": {
                "gate": passage.gate,
                "passed_on": passage.passed_on.isoformat(),
                "unmet_conditions": list(passage.unmet),
                "reason": passage.reason,
            }
        },
    )


def on_gate_passed(sender, *, course, passage, **kwargs) -> None:
    """governance.signals.gate_passed, sent once the passage has committed: record the event in a transaction
    of its own (its deliveries are enqueued when that commits)."""
    from django.db import transaction

    passage.course = course
    with transaction.atomic():
        gate_passed(passage=passage)


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
