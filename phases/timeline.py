"""The course timeline as geometry for a server-drawn SVG Gantt chart (phases/_timeline_svg.html).

Dates become x coordinates on a fixed viewBox; the browser scales the drawing. No JavaScript, no inline
styles: colours come from classes in static/css/phases.css.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from phases.dates import add_months, describe_days, describe_months, next_day, previous_day
from phases.models import Milestone, Phase, PhaseStatus
from phases.services.common import minimum_months

WIDTH = 1000
LABEL_WIDTH = 190
RIGHT_PAD = 20
AXIS_HEIGHT = 44
ROW_HEIGHT = 64
BAR_HEIGHT = 22
BOTTOM_PAD = 12


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class MilestoneMark:
    x: float
    y: float
    title: str
    state: str  # done, overdue, open

    @property
    def points(self) -> str:
        r = 7
        return f"{self.x:.1f},{self.y - r:.1f} {self.x + r:.1f},{self.y:.1f} {self.x:.1f},{self.y + r:.1f} {self.x - r:.1f},{self.y:.1f}"


@dataclass
class Row:
    phase: Phase
    status: str
    status_label: str
    y: float
    bar_y: float
    planned_x: float
    planned_w: float
    dates_label: str
    actual_x: float | None = None
    actual_w: float | None = None
    overrun_x: float | None = None
    overrun_w: float | None = None
    overrun_label: str = ""
    minimum_x: float | None = None
    minimum_label: str = ""
    milestones: list[MilestoneMark] = field(default_factory=list)

    @property
    def label_y(self) -> float:
        return self.bar_y + 8

    @property
    def sub_y(self) -> float:
        return self.bar_y + 26

    @property
    def text_y(self) -> float:
        return self.bar_y + BAR_HEIGHT / 2 + 4

    @property
    def actual_y(self) -> float:
        return self.bar_y + 6

    @property
    def minimum_top(self) -> float:
        return self.bar_y - 8

    @property
    def minimum_bottom(self) -> float:
        return self.bar_y + BAR_HEIGHT + 8


@dataclass
class Timeline:
    rows: list[Row]
    ticks: list[Tick]
    today_x: float | None
    today_label: str
    height: float
    description: str
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def chart_bottom(self) -> float:
        return self.height - BOTTOM_PAD

    @property
    def axis_y(self) -> float:
        return AXIS_HEIGHT - 6


def _day(value: date) -> str:
    return date_format(value, "j M Y")


MAX_TICKS = 12


def tick_step(months: int) -> int:
    """Months between axis labels, so that at most ``MAX_TICKS`` fit: 1, 3, 6 months, then 1, 2, 5, 10, 20, 50 …
    years (a plan typed with a wrong century spans centuries, and still gets an axis)."""
    for step in (1, 3, 6):
        if months / step <= MAX_TICKS:
            return step
    years = 1
    while months / (12 * years) > MAX_TICKS:
        years = years * 2 if str(years)[0] in "15" else years * 5 // 2
    return 12 * years


def _ticks(start: date, end: date, x_of) -> list[Tick]:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = tick_step(months)
    first = date(start.year, 1, 1)
    while first < start:
        following = add_months(first, step)
        if following <= first:  # held at the end of the calendar
            return []
        first = following
    ticks, current = [], first
    while current <= end:
        label = str(current.year) if step >= 12 else date_format(current, "M Y")
        ticks.append(Tick(x=x_of(current), label=label))
        following = add_months(current, step)
        if following <= current:
            break
        current = following
    return ticks


def build_timeline(*, course, phases: list[Phase], milestones: list[Milestone], today: date) -> Timeline | None:
    """Lay out the phases (planned, actual, overrun, minimum), milestones and today; None without a plan."""
    if not phases:
        return None
    dates = [today]
    for p in phases:
        dates += [d for d in (p.planned_start, p.planned_end, p.actual_start, p.actual_end) if d]
    dates += [m.due_on for m in milestones]
    first = date(min(dates).year, min(dates).month, 1)
    last = add_months(date(max(dates).year, max(dates).month, 1), 1)
    span = max((last - first).days, 1)
    chart_width = WIDTH - LABEL_WIDTH - RIGHT_PAD

    def x_of(day: date) -> float:
        return LABEL_WIDTH + chart_width * (day - first).days / span

    by_phase: dict[int, list[Milestone]] = {}
    for m in milestones:
        by_phase.setdefault(m.phase_id, []).append(m)

    rows, summary = [], []
    for index, phase in enumerate(phases):
        status = phase.status_on(today)
        y = AXIS_HEIGHT + index * ROW_HEIGHT
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        row = Row(
            phase=phase,
            status=status.value,
            status_label=str(status.label),
            y=y,
            bar_y=bar_y,
            planned_x=x_of(phase.planned_start),
            planned_w=x_of(next_day(phase.planned_end)) - x_of(phase.planned_start),
            dates_label=f"{_day(phase.planned_start)} – {_day(phase.planned_end)}",
        )
        if phase.actual_start:
            until = next_day(phase.actual_end or today)
            row.actual_x = x_of(phase.actual_start)
            row.actual_w = max(x_of(until) - row.actual_x, 2)
        late_until = None
        if status == PhaseStatus.OVERRUNNING:
            late_until = today
        elif phase.actual_end and phase.actual_end > phase.planned_end:
            late_until = phase.actual_end
        if late_until is not None:
            row.overrun_x = x_of(next_day(phase.planned_end))
            row.overrun_w = max(x_of(next_day(late_until)) - row.overrun_x, 3)
            late = describe_days((late_until - phase.planned_end).days)
            if status == PhaseStatus.OVERRUNNING:
                row.overrun_label = gettext("overrunning by %(days)s") % {"days": late}
            else:
                row.overrun_label = gettext("ended %(days)s late") % {"days": late}
        months = minimum_months(phase.kind, course)
        row.minimum_x = x_of(add_months(phase.planned_start, months))
        # Translators: the minimum duration of a phase on the timeline, e.g. "minimum 3 months".
        row.minimum_label = gettext("minimum %(duration)s") % {"duration": describe_months(months)}
        for m in by_phase.get(phase.pk, []):
            state = "done" if m.completed_on else ("overdue" if m.due_on < today else "open")
            title = {
                "done": gettext("Milestone: %(title)s, done %(date)s"),
                "overdue": gettext("Milestone: %(title)s, overdue %(date)s"),
                "open": gettext("Milestone: %(title)s, due %(date)s"),
            }[state] % {"title": m.title, "date": _day(m.due_on)}
            row.milestones.append(
                MilestoneMark(
                    x=x_of(m.due_on) + chart_width / span / 2,
                    y=bar_y + BAR_HEIGHT + 12,
                    title=title,
                    state=state,
                )
            )
        rows.append(row)
        values = {
            "phase": phase.get_kind_display(),
            "dates": row.dates_label,
            "status": str(status.label).lower(),
            "overrun": row.overrun_label,
            "count": len(row.milestones),
        }
        if row.overrun_label:
            text = ngettext(
                "%(phase)s: planned %(dates)s, %(status)s, %(overrun)s; %(count)d milestone.",
                "%(phase)s: planned %(dates)s, %(status)s, %(overrun)s; %(count)d milestones.",
                len(row.milestones),
            )
        else:
            text = ngettext(
                "%(phase)s: planned %(dates)s, %(status)s; %(count)d milestone.",
                "%(phase)s: planned %(dates)s, %(status)s; %(count)d milestones.",
                len(row.milestones),
            )
        summary.append(text % values)
    today_x = x_of(today) if first <= today <= last else None
    height = AXIS_HEIGHT + len(phases) * ROW_HEIGHT + BOTTOM_PAD
    return Timeline(
        rows=rows,
        ticks=_ticks(first, previous_day(last), x_of),
        today_x=today_x,
        today_label=gettext("Today, %(date)s") % {"date": _day(today)},
        height=height,
        # Translators: the timeline's text description: one sentence per phase, then today's date.
        description=gettext("%(phases)s Today is %(date)s.") % {"phases": " ".join(summary), "date": _day(today)},
    )
