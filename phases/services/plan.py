"""The phase plan: proposed from a start date, checked against every rule, saved in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from phases.dates import describe_days, describe_duration, describe_months, duration, last_day_of, next_day
from phases.models import PHASE_ORDER, Phase, phase_in_sentence
from phases.selectors import forget_phases
from phases.services.common import Kind, day, minimum_months
from teams.models import Course

PHASE_TOO_SHORT = _("%(phase)s must last at least %(minimum)s; this plan gives %(actual)s.")
HORIZON_NOT_COVERED = _(
    "Implementation must cover the course's implementation horizon of %(minimum)s; this plan gives %(actual)s."
)
PHASE_ENDS_BEFORE_START = _("%(phase)s must end after it starts.")
PHASE_OVERLAP = _(
    "%(phase)s must start after %(previous)s ends on %(previous_end)s; this plan overlaps it by %(overlap)s."
)
PHASE_OUT_OF_ORDER = _(
    "%(phase)s must come after %(previous)s: it starts on %(start)s, before %(previous)s starts on %(previous_start)s."
)
PHASE_NO_PLAN = _("Plan the phases first.")


@dataclass(frozen=True)
class PlannedPhase:
    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


def phase_plan_propose(*, course: Course, start: date) -> list[PlannedPhase]:
    """A plan that meets every rule from ``start``: the minimums back to back, then the horizon."""
    plan, begin = [], start
    for kind in PHASE_ORDER:
        end = last_day_of(begin, minimum_months(kind, course))
        plan.append(PlannedPhase(kind=kind, start=begin, end=end))
        begin = next_day(end)  # held at 31 December 9999 rather than raising
    return plan


def phase_plan_validate(*, course: Course, plan: list[PlannedPhase]) -> None:
    """Raise a ValidationError naming each broken rule at the field it concerns ("<kind>_start"/"<kind>_end")."""
    errors: dict[str, list[str]] = {}
    previous: PlannedPhase | None = None
    for phase in sorted(plan, key=lambda p: PHASE_ORDER.index(Kind(p.kind))):
        label = phase.label
        if phase.end <= phase.start:
            errors.setdefault(f"{phase.kind}_end", []).append(PHASE_ENDS_BEFORE_START % dict(phase=label))
        else:
            months = minimum_months(phase.kind, course)
            if duration(phase.start, phase.end) < (months, 0):
                template = HORIZON_NOT_COVERED if phase.kind == Kind.IMPLEMENTATION else PHASE_TOO_SHORT
                message = template % dict(
                    phase=label, minimum=describe_months(months), actual=describe_duration(phase.start, phase.end)
                )
                errors.setdefault(f"{phase.kind}_end", []).append(message)
        if previous is not None:
            if phase.start <= previous.start:
                message = PHASE_OUT_OF_ORDER % dict(
                    phase=label,
                    previous=phase_in_sentence(previous.kind),
                    start=day(phase.start),
                    previous_start=day(previous.start),
                )
                errors.setdefault(f"{phase.kind}_start", []).append(message)
            elif phase.start <= previous.end:
                message = PHASE_OVERLAP % dict(
                    phase=label,
                    previous=phase_in_sentence(previous.kind),
                    previous_end=day(previous.end),
                    overlap=describe_days((previous.end - phase.start).days + 1),
                )
                errors.setdefault(f"{phase.kind}_start", []).append(message)
        previous = phase
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def phase_plan_save(*, actor: User, course: Course, plan: list[PlannedPhase]) -> list[Phase]:
    """Create or move the three phases of ``course`` to ``plan`` once it meets every rule."""
    phase_plan_validate(course=course, plan=plan)
    existing = {p.kind: p for p in Phase.objects.select_for_update().filter(course=course)}
    saved = []
    for planned in plan:
        phase = existing.get(planned.kind) or Phase(course=course, kind=planned.kind)
        if phase.pk and (phase.planned_start, phase.planned_end) == (planned.start, planned.end):
            saved.append(phase)
            continue
        phase.planned_start, phase.planned_end = planned.start, planned.end
        attribute(phase, actor)
        phase.save()
        saved.append(phase)
    forget_phases(course)
    return saved
