"""A phase's actual dates: when it really started and ended."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from phases import events as webhook_events
from phases.guards import start_refusal
from phases.models import PHASE_ORDER, Phase
from phases.selectors import forget_phases
from phases.services.common import Kind, day
from teams.selectors import partners_without_representative

START_IN_FUTURE = _("An actual start cannot be in the future.")
END_IN_FUTURE = _("An actual end cannot be in the future.")
END_WITHOUT_START = _("Record when the phase started before recording its end.")
END_BEFORE_START = _("The phase cannot end before it started (%(start)s).")
DESIGN_NEEDS_REPRESENTATIVES = _(
    "Design cannot start until every partner institution has a partner representative; missing: %(institutions)s."
)
PREVIOUS_NOT_COMPLETED = _(
    "%(phase)s cannot start before %(previous)s is completed: record the end of %(previous)s first."
)
STARTS_BEFORE_PREVIOUS_ENDS = _("%(phase)s must start after %(previous)s ended on %(previous_end)s.")
NEXT_ALREADY_STARTED = _("%(next)s started on %(next_start)s; %(phase)s must end before that.")


def _neighbours(phase: Phase) -> tuple[Phase | None, Phase | None]:
    phases = {p.kind: p for p in Phase.objects.filter(course_id=phase.course_id)}
    index = PHASE_ORDER.index(Kind(phase.kind))
    previous = phases.get(PHASE_ORDER[index - 1]) if index > 0 else None
    following = phases.get(PHASE_ORDER[index + 1]) if index + 1 < len(PHASE_ORDER) else None
    return previous, following


@transaction.atomic
def phase_record_actual(
    *,
    actor: User,
    phase: Phase,
    actual_start: date | None,
    actual_end: date | None,
    today: date | None = None,
    check_guards: bool = True,
) -> Phase:
    """Record when a phase really started and ended.

    Design starts only once every partner institution has a representative (DOMAIN rule 1); a later phase
    starts only after the previous one is completed, so actual phases never overlap either. Other apps' start
    guards (``phases.guards``: the governance gates) apply unless ``check_guards`` is off, for history recorded
    after the fact (the demo data).
    """
    today = today or timezone.localdate()
    label = phase.get_kind_display()
    stored = Phase.objects.select_for_update().get(pk=phase.pk)
    errors: dict[str, Any] = {}
    if actual_start and actual_start > today:
        errors["actual_start"] = START_IN_FUTURE
    if actual_end and actual_end > today:
        errors["actual_end"] = END_IN_FUTURE
    if actual_end and not actual_start:
        errors["actual_end"] = END_WITHOUT_START
    elif actual_end and actual_start and actual_end < actual_start:
        errors["actual_end"] = END_BEFORE_START % dict(start=day(actual_start))
    previous, following = _neighbours(phase)
    if actual_start and "actual_start" not in errors and actual_start != stored.actual_start:
        if phase.kind == Kind.DESIGN:
            missing = partners_without_representative(course=phase.course)
            if missing:
                names = ", ".join(i.name for i in missing)
                errors["actual_start"] = DESIGN_NEEDS_REPRESENTATIVES % dict(institutions=names)
        elif previous is not None and previous.actual_end is None:
            errors["actual_start"] = PREVIOUS_NOT_COMPLETED % dict(phase=label, previous=previous.kind_in_sentence)
        elif previous is not None and previous.actual_end is not None and actual_start <= previous.actual_end:
            errors["actual_start"] = STARTS_BEFORE_PREVIOUS_ENDS % dict(
                phase=label, previous=previous.kind_in_sentence, previous_end=day(previous.actual_end)
            )
        elif check_guards and (refusal := start_refusal(phase)):
            errors["actual_start"] = refusal
    next_start = following.actual_start if following is not None else None
    if (
        following is not None
        and next_start is not None
        and "actual_end" not in errors
        and (actual_end is None or actual_end >= next_start)
    ):
        errors["actual_end"] = NEXT_ALREADY_STARTED % dict(
            next=following.get_kind_display(), next_start=day(next_start), phase=phase.kind_in_sentence
        )
    if errors:
        raise ValidationError(errors)
    phase.actual_start, phase.actual_end = actual_start, actual_end
    attribute(phase, actor)
    phase.save()
    forget_phases(phase.course)
    if actual_start and stored.actual_start is None:
        webhook_events.phase_started(phase=phase)
    return phase
