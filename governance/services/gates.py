"""Passing a phase gate: the course moves into development or implementation.

The conditions are checked from the records at the moment of passing. The leader may go on with unmet
conditions only by recording a reason; the unmet conditions and the reason are kept on the passage (and in its
history) and reminded to the team. Passing records the end of the phase left (the day before, unless already
recorded) and the start of the next one, through the phases service, in one transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from core.history import attribute
from governance import signals
from governance.gate_texts import GATE_TEXTS
from governance.models import GatePassage
from governance.models.gates import REASON_MAX, Gate
from governance.selectors.gates import FROM_PHASE, gate_conditions
from phases.models import Phase
from phases.services import phase_record_actual
from teams.models import Course

UNKNOWN_GATE = _("Choose one of the gates.")
PREVIOUS_NOT_STARTED = _("{phase} has not started yet; record its start before moving on.")
PREVIOUS_GATE_FIRST = _("Pass the gate into development first.")
STARTS_IN_FUTURE = _("The phase cannot start in the future; pass the gate on the day it starts.")
STARTS_TOO_EARLY = _("{phase} started on {day}; the next phase must start after that.")
STARTS_BEFORE_END = _("{phase} ended on {day}; the next phase must start after that.")
REASON_NEEDED = ngettext_lazy(
    "{count} condition is not met: {conditions}. Say why the team goes on anyway; the reason is kept and "
    "reminded to the team.",
    "{count} conditions are not met: {conditions}. Say why the team goes on anyway; the reason is kept and "
    "reminded to the team.",
    "count",
)
REASON_TOO_LONG = _("Keep the reason under {limit} characters.")
GATE_REQUIRED = _("{phase} starts by passing its gate, where its conditions are checked: use “{action}”.")


def _day(value: date) -> str:
    return date_format(value, "j M Y")


@transaction.atomic
def gate_pass(
    *, actor: User, course: Course, gate: str, starts_on: date, reason: str = "", today: date | None = None
) -> GatePassage:
    """Move ``course`` through ``gate``: check the conditions, record the passage, end one phase, start the next."""
    today = today or timezone.localdate()
    if gate not in Gate.values:
        raise ValidationError({"gate": UNKNOWN_GATE})
    Course.objects.select_for_update().filter(pk=course.pk).first()  # two leaders passing at once: one wins
    existing = GatePassage.objects.filter(course=course, gate=gate).first()
    if existing is not None:
        raise ValidationError(GATE_TEXTS[gate].already.format(day=_day(existing.passed_on)))
    if gate == Gate.IMPLEMENTATION and not GatePassage.objects.filter(course=course, gate=Gate.DEVELOPMENT).exists():
        raise ValidationError(PREVIOUS_GATE_FIRST)
    phases = {p.kind: p for p in Phase.objects.select_related("course").filter(course=course)}
    target, previous = phases.get(gate), phases.get(FROM_PHASE[gate])
    if target is None or previous is None:
        raise ValidationError(GATE_TEXTS[gate].not_planned)
    if previous.actual_start is None:
        raise ValidationError(PREVIOUS_NOT_STARTED.format(phase=previous.get_kind_display()))
    if starts_on > today:
        raise ValidationError({"starts_on": STARTS_IN_FUTURE})
    if starts_on <= previous.actual_start:
        raise ValidationError(
            {"starts_on": STARTS_TOO_EARLY.format(phase=previous.get_kind_display(), day=_day(previous.actual_start))}
        )
    if previous.actual_end is not None and starts_on <= previous.actual_end:
        raise ValidationError(
            {"starts_on": STARTS_BEFORE_END.format(phase=previous.get_kind_display(), day=_day(previous.actual_end))}
        )
    reason = (reason or "").strip()
    unmet = [str(c.label) for c in gate_conditions(course=course, gate=gate) if not c.met]
    if unmet and not reason:
        raise ValidationError({"reason": REASON_NEEDED.format(count=len(unmet), conditions="; ".join(unmet))})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": REASON_TOO_LONG.format(limit=REASON_MAX)})
    passage = GatePassage(course=course, gate=gate, passed_by=actor, passed_on=starts_on, unmet=unmet, reason=reason)
    attribute(passage, actor)
    passage.save()
    try:
        if previous.actual_end is None:
            phase_record_actual(
                actor=actor,
                phase=previous,
                actual_start=previous.actual_start,
                actual_end=starts_on - timedelta(days=1),
                today=today,
            )
        phase_record_actual(actor=actor, phase=target, actual_start=starts_on, actual_end=None, today=today)
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else {"starts_on": error.messages}
        raise ValidationError({"starts_on": [m for ms in messages.values() for m in ms]}) from error
    signals.gate_passed.send(sender=GatePassage, course=course, passage=passage)  # in the transaction: see signals
    return passage


def gate_required_refusal(phase: Phase) -> str:
    """The phases guard: development and implementation start only through their gate."""
    if phase.kind not in Gate.values:
        return ""
    if GatePassage.objects.filter(course_id=phase.course_id, gate=phase.kind).exists():
        return ""
    return str(GATE_REQUIRED.format(phase=phase.get_kind_display(), action=Gate(phase.kind).label))
