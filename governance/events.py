"""What governance announces to webhook subscribers (webhooks.services.event_emit): a course passed a phase gate."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from governance.models import GatePassage
from webhooks.models import EventType
from webhooks.services import event_emit


def gate_passed(*, passage: GatePassage) -> None:
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


def on_gate_passed(sender: Any, *, course: Any, passage: GatePassage, **kwargs: Any) -> None:
    """governance.signals.gate_passed, sent inside the passage's transaction: the event row commits with it."""
    passage.course = course
    with transaction.atomic():
        gate_passed(passage=passage)
