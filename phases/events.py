"""What phases announce to webhook subscribers (webhooks.services.event_emit), with the data a receiver needs.

The services call these inside their transaction, after the change; a change rolled back announces nothing.
"""

from __future__ import annotations

from phases.models import Phase, Task
from webhooks.models import EventType
from webhooks.services import event_emit


def task_done(*, task: Task) -> None:
    event_emit(
        type=EventType.TASK_DONE,
        course=task.phase.course,
        data={"task": {"id": task.pk, "title": task.title, "phase": task.phase.kind, "status": task.status}},
    )


def phase_started(*, phase: Phase) -> None:
    event_emit(
        type=EventType.PHASE_STARTED,
        course=phase.course,
        data={
            "phase": {
                "id": phase.pk,
                "kind": phase.kind,
                "actual_start": phase.actual_start.isoformat() if phase.actual_start else None,
            }
        },
    )
